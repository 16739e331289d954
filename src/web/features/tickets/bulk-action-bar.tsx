// Actions on the queue's selection (UI.md "Tables"): assign or change status of many tickets in one
// all-or-nothing request; a refusal names the tickets that stood in the way.
import { ActionBar, Button, List, Popover, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconStatusChange, IconUserShare } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { options, statusLabels } from './ticket-labels.ts';
import {
  assigneesQuery,
  type BulkAction,
  bulkUpdateTickets,
  type Ticket,
  ticketKeys,
} from './tickets-api.ts';

/** "#1042: reason (code)" lines from a ticket.bulk_failed answer, whose details are [{id, number, code, message}]. */
function failingTickets(error: ApiError, tickets: Ticket[]): string[] {
  if (!Array.isArray(error.details)) return [];
  return error.details.flatMap((detail: unknown) => {
    if (!detail || typeof detail !== 'object') return [];
    const item = detail as Record<string, unknown>;
    const id = typeof item.id === 'string' ? item.id : undefined;
    const number =
      typeof item.number === 'number' ? item.number : tickets.find((ticket) => ticket.id === id)?.number;
    const message = typeof item.message === 'string' ? item.message : 'refused';
    const code = typeof item.code === 'string' ? ` (${item.code})` : '';
    const name = number !== undefined ? `#${number}` : (id ?? 'A ticket');
    return [`${name}: ${message}${code}`];
  });
}

function notifyBulkError(error: unknown, tickets: Ticket[]) {
  const lines = error instanceof ApiError ? failingTickets(error, tickets) : [];
  notifyError(error, 'Nothing was changed', {
    autoClose: 12_000,
    details:
      lines.length > 0 ? (
        <List size="xs" spacing={2} aria-label="Tickets that could not change">
          {lines.slice(0, 10).map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
          {lines.length > 10 && <List.Item>… and {lines.length - 10} more</List.Item>}
        </List>
      ) : undefined,
  });
}

export function BulkActionBar(props: { tickets: Ticket[]; ids: string[]; onClear: () => void }) {
  const { ids, tickets } = props;
  const queryClient = useQueryClient();
  const assignees = useQuery(assigneesQuery);
  const [openPanel, setOpenPanel] = useState<'assign' | 'status' | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [status, setStatus] = useState<Ticket['status'] | null>(null);
  const [message, setMessage] = useState('');

  const mutation = useMutation({
    mutationFn: (action: BulkAction['action']) => bulkUpdateTickets({ ticketIds: ids, action }),
    onSuccess: async (result, action) => {
      const count = result.items.length;
      const noun = count === 1 ? 'ticket' : 'tickets';
      notifySuccess(
        action.type === 'assign'
          ? `${count} ${noun} ${action.assigneeId ? `assigned to ${result.items[0]?.assigneeName ?? 'them'}` : 'unassigned'}`
          : `${count} ${noun} set to ${statusLabels[action.status].toLowerCase()}`,
      );
      setOpenPanel(null);
      setMessage('');
      props.onClear();
      await queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    },
    onError: (error) => notifyBulkError(error, tickets),
  });

  const needsMessage = status === 'pending_client';
  const toggle = (panel: 'assign' | 'status') => setOpenPanel((open) => (open === panel ? null : panel));

  return (
    <ActionBar opened={ids.length > 0} onClose={props.onClear} aria-label="Bulk actions" shadow="lg" p={6}>
      <Text size="sm" fw={600} px="xs" className="tabular" aria-live="polite">
        {ids.length} selected
      </Text>
      <ActionBar.Divider />
      <Popover
        opened={openPanel === 'assign'}
        onChange={(o) => !o && setOpenPanel(null)}
        width={280}
        trapFocus
      >
        <Popover.Target>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconUserShare size={14} />}
            onClick={() => toggle('assign')}
          >
            Assign to…
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="sm">
            <Select
              label="Assign to"
              placeholder="Pick a person"
              searchable
              comboboxProps={{ withinPortal: false }}
              data={[
                { value: 'none', label: 'Unassigned' },
                ...(assignees.data ?? []).map((person) => ({ value: person.id, label: person.name })),
              ]}
              value={assigneeId}
              onChange={setAssigneeId}
              nothingFoundMessage={assignees.isError ? assignees.error.message : 'Nobody by that name'}
            />
            <Button
              size="xs"
              disabled={!assigneeId}
              loading={mutation.isPending}
              onClick={() =>
                mutation.mutate({ type: 'assign', assigneeId: assigneeId === 'none' ? null : assigneeId })
              }
            >
              Assign {ids.length} {ids.length === 1 ? 'ticket' : 'tickets'}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Popover
        opened={openPanel === 'status'}
        onChange={(o) => !o && setOpenPanel(null)}
        width={320}
        trapFocus
      >
        <Popover.Target>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconStatusChange size={14} />}
            onClick={() => toggle('status')}
          >
            Set status…
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!status) return;
              mutation.mutate({ type: 'status', status, message: needsMessage ? message : undefined });
            }}
          >
            <Stack gap="sm">
              <Select
                label="New status"
                placeholder="Pick a status"
                comboboxProps={{ withinPortal: false }}
                data={options(statusLabels)}
                value={status}
                onChange={(value) => setStatus(value as Ticket['status'] | null)}
              />
              {needsMessage && (
                <Textarea
                  label="Message to the client"
                  description="Sent on every ticket: what you need from them. The SLA clock pauses until they answer."
                  autosize
                  minRows={3}
                  withAsterisk
                  value={message}
                  onChange={(event) => setMessage(event.currentTarget.value)}
                />
              )}
              <Button
                type="submit"
                size="xs"
                disabled={!status || (needsMessage && message.trim() === '')}
                loading={mutation.isPending}
              >
                Set status on {ids.length} {ids.length === 1 ? 'ticket' : 'tickets'}
              </Button>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
      <ActionBar.Divider />
      <ActionBar.CloseButton aria-label="Clear selection" />
    </ActionBar>
  );
}
