// The ticket's title, editable in place: Edit opens a field, Enter saves, Escape cancels.
import { ActionIcon, Button, Group, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTicketAction } from './ticket-actions.ts';
import { type Ticket, updateTicket } from './tickets-api.ts';

export function TicketTitle(props: { ticket: Ticket; canEdit: boolean }) {
  const { ticket } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const save = useTicketAction(ticket.id, (title: string) => updateTicket(ticket.id, { title }), {
    errorTitle: 'Could not rename the ticket',
    onDone: () => setDraft(null),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const title = draft?.trim() ?? '';
    if (!title || title === ticket.title) return setDraft(null);
    save.mutate(title);
  }

  if (draft !== null) {
    return (
      <form onSubmit={submit} style={{ flex: 1 }}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label="Title"
            value={draft}
            autoFocus
            maxLength={300}
            style={{ flex: 1 }}
            error={draft.trim() === '' ? 'A ticket needs a title' : undefined}
            onChange={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Escape' && setDraft(null)}
          />
          <Button type="submit" loading={save.isPending}>
            Save title
          </Button>
          <Button variant="default" onClick={() => setDraft(null)}>
            Cancel
          </Button>
        </Group>
      </form>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <Title order={1} fz="h2" lineClamp={2}>
        <span style={{ color: 'var(--mantine-color-dimmed)', fontWeight: 500 }}>#{ticket.number}</span>{' '}
        {ticket.title}
      </Title>
      {props.canEdit && (
        <Tooltip label="Edit title">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label="Edit title"
            onClick={() => setDraft(ticket.title)}
          >
            <IconPencil size={15} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
