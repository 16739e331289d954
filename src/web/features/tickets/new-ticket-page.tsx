// Opening a ticket by hand (a call, a walk-up, an email forwarded by a colleague): the client and contact,
// what is wrong, how urgent, and who takes it. Errors keep what was typed and point at the field.
import { Button, Grid, Group, Paper, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { TicketSource, TicketType } from '../../../shared/api/ticket-enums.ts';
import { ApiError } from '../../api/client.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useSession } from '../auth/session.ts';
import { clientListQuery, contactsQuery } from '../clients/clients-api.ts';
import { NewTicketPriority } from './new-ticket-priority.tsx';
import { options, sourceLabels, typeLabels } from './ticket-labels.ts';
import { assigneesQuery, boardsQuery, createTicket, ticketKeys } from './tickets-api.ts';

const route = getRouteApi('/app/tickets/new');

interface Draft {
  clientId: string | null;
  contactId: string | null;
  title: string;
  description: string;
  priority: Priority;
  type: TicketType;
  boardId: string | null;
  source: TicketSource;
  assigneeId: string | null;
}

type Field = keyof Draft;

export function NewTicketPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>({
    clientId: search.clientId ?? null,
    contactId: null,
    title: '',
    description: '',
    priority: 'P3',
    type: 'incident',
    boardId: null,
    // Tickets typed in by staff are most often a phone call; the technician changes it for anything else.
    source: 'phone',
    assigneeId: null,
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const clients = useQuery(clientListQuery({ archived: 'false', limit: 500 }));
  const contacts = useQuery({ ...contactsQuery(draft.clientId ?? ''), enabled: Boolean(draft.clientId) });
  const boards = useQuery(boardsQuery);
  const assignees = useQuery(assigneesQuery);
  const client = clients.data?.items.find((candidate) => candidate.id === draft.clientId);

  const set = <K extends Field>(field: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const create = useMutation({
    mutationFn: () => {
      if (!draft.clientId) throw new Error('Pick a client');
      return createTicket({
        clientId: draft.clientId,
        contactId: draft.contactId,
        title: draft.title,
        description: draft.description,
        priority: draft.priority,
        type: draft.type,
        boardId: draft.boardId ?? undefined,
        source: draft.source,
        assigneeId: draft.assigneeId,
      });
    },
    onSuccess: async (ticket) => {
      notifySuccess(`Ticket #${ticket.number} opened`);
      await queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      await navigate({ to: '/tickets/$ticketId', params: { ticketId: ticket.id } });
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors as Partial<Record<Field, string>>);
      notifyError(error, 'The ticket was not created');
    },
  });

  function submit() {
    const missing: Partial<Record<Field, string>> = {};
    if (!draft.clientId) missing.clientId = 'Pick the client this is for';
    if (draft.title.trim() === '') missing.title = 'Say in a few words what is wrong';
    setErrors(missing);
    if (Object.keys(missing).length === 0) create.mutate();
  }

  // Only people who can see this client's tickets can take this one.
  const assigneeOptions = (assignees.data ?? [])
    .filter(
      (person) => person.clientIds === 'all' || !draft.clientId || person.clientIds.includes(draft.clientId),
    )
    .map((person) => ({
      value: person.id,
      label: person.id === session.membership.id ? `${person.name} (me)` : person.name,
    }));

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/tickets" size="sm">
            ← Tickets
          </AnchorLink>
        }
        title="New ticket"
        description="Opened now and measured under the client’s SLA policy."
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
        }}
      >
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Paper withBorder p="lg">
              <Stack gap="md">
                <Group grow align="flex-start">
                  <Select
                    label="Client"
                    placeholder={clients.isPending ? 'Loading clients…' : 'Search clients'}
                    searchable
                    withAsterisk
                    nothingFoundMessage="No client by that name"
                    data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                    value={draft.clientId}
                    error={errors.clientId}
                    onChange={(value) => {
                      set('clientId', value);
                      set('contactId', null);
                    }}
                  />
                  <Select
                    label="Contact"
                    placeholder={draft.clientId ? 'Who reported it (optional)' : 'Pick the client first'}
                    searchable
                    clearable
                    disabled={!draft.clientId}
                    nothingFoundMessage="No contact by that name"
                    data={(contacts.data ?? []).map((contact) => ({
                      value: contact.id,
                      label: contact.email ? `${contact.name} · ${contact.email}` : contact.name,
                    }))}
                    value={draft.contactId}
                    error={errors.contactId}
                    onChange={(value) => set('contactId', value)}
                  />
                </Group>
                <TextInput
                  label="Title"
                  placeholder="e.g. Outlook keeps asking for the password"
                  withAsterisk
                  maxLength={300}
                  value={draft.title}
                  error={errors.title}
                  onChange={(event) => set('title', event.currentTarget.value)}
                />
                <Textarea
                  label="Description"
                  placeholder="What happened, who is affected, what has been tried"
                  autosize
                  minRows={6}
                  maxRows={16}
                  value={draft.description}
                  error={errors.description}
                  onChange={(event) => set('description', event.currentTarget.value)}
                />
                <NewTicketPriority
                  value={draft.priority}
                  onChange={(priority) => set('priority', priority)}
                  slaPolicyId={client?.defaultSlaPolicyId}
                  hasClient={Boolean(client)}
                  error={errors.priority}
                />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper withBorder p="lg">
              <Stack gap="md">
                <Select
                  label="Type"
                  allowDeselect={false}
                  data={options(typeLabels)}
                  value={draft.type}
                  error={errors.type}
                  onChange={(value) => value && set('type', value as TicketType)}
                />
                <Select
                  label="Board"
                  placeholder="The default board"
                  clearable
                  data={(boards.data ?? []).map((board) => ({ value: board.id, label: board.name }))}
                  value={draft.boardId}
                  error={errors.boardId}
                  onChange={(value) => set('boardId', value)}
                />
                <Select
                  label="Source"
                  allowDeselect={false}
                  data={options(sourceLabels).filter((option) => option.value !== 'agent_alert')}
                  value={draft.source}
                  error={errors.source}
                  onChange={(value) => value && set('source', value as TicketSource)}
                />
                <Select
                  label="Assignee"
                  placeholder="Leave unassigned"
                  searchable
                  clearable
                  nothingFoundMessage={assignees.isError ? assignees.error.message : 'Nobody by that name'}
                  data={assigneeOptions}
                  value={draft.assigneeId}
                  error={errors.assigneeId}
                  onChange={(value) => set('assigneeId', value)}
                />
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" gap="xs" mt="md">
          <ButtonLink to="/tickets" variant="default">
            Cancel
          </ButtonLink>
          <Button type="submit" loading={create.isPending}>
            Create ticket
          </Button>
        </Group>
      </form>
    </>
  );
}
