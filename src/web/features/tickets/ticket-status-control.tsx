// Status and priority pickers. Choosing a paused status or a lower priority asks why in the same click:
// waiting on the client needs the public message that asks them; a downgrade needs the reason they see.
import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { priorities } from '../../../shared/api/sla-policies.ts';
import type { TicketStatusValue } from '../../../shared/api/ticket-enums.ts';
import { useTicketAction } from './ticket-actions.ts';
import {
  closedStatuses,
  isDowngrade,
  options,
  pausedStatuses,
  priorityLabels,
  statusLabels,
} from './ticket-labels.ts';
import { setTicketPriority, setTicketStatus, type Ticket } from './tickets-api.ts';

/** Side-panel fields: the label beside the control, so the whole panel fits beside the timeline. */
export const inlineField = {
  size: 'xs',
  styles: {
    root: { display: 'flex', alignItems: 'center', gap: 8 },
    label: { width: 74, flexShrink: 0, fontWeight: 500, color: 'var(--mantine-color-dimmed)' },
    wrapper: { flex: 1, minWidth: 0 },
  },
} as const;

type Pending =
  | { kind: 'status'; status: TicketStatusValue }
  | { kind: 'priority'; priority: Ticket['priority'] }
  | null;

const reasonCopy: Record<string, { title: string; label: string; help: string; required: boolean }> = {
  pending_client: {
    title: 'Wait on the client',
    label: 'Message to the client',
    help: 'This is sent to the client as a public reply, so say what you need from them. The resolution clock pauses until the ticket is open again.',
    required: true,
  },
  pending_vendor: {
    title: "Wait on the client's vendor",
    label: 'Message to the client (optional)',
    help: "The resolution clock pauses while the client's vendor works on it. A message, if you write one, is sent to the client as a public reply.",
    required: false,
  },
  scheduled: {
    title: 'Scheduled by the client',
    label: 'Message to the client (optional)',
    help: 'The resolution clock pauses until the agreed time. A message, if you write one, is sent to the client as a public reply — e.g. the time you agreed.',
    required: false,
  },
  priority: {
    title: 'Lower the priority',
    label: 'Reason (the client sees this)',
    help: 'A lower priority gives the ticket longer SLA targets, so the client is told why.',
    required: true,
  },
};

export function TicketStatusControls(props: { ticket: Ticket; disabled?: boolean }) {
  const { ticket } = props;
  const [pending, setPending] = useState<Pending>(null);
  const status = useTicketAction(
    ticket.id,
    (input: { status: TicketStatusValue; message?: string }) =>
      setTicketStatus(ticket.id, input.status, input.message),
    { errorTitle: 'Could not change the status', onDone: () => setPending(null) },
  );
  const priority = useTicketAction(
    ticket.id,
    (input: { priority: Ticket['priority']; reason?: string }) =>
      setTicketPriority(ticket.id, input.priority, input.reason),
    { errorTitle: 'Could not change the priority', onDone: () => setPending(null) },
  );

  function chooseStatus(value: string | null) {
    const next = value as TicketStatusValue | null;
    if (!next || next === ticket.status) return;
    if (pausedStatuses.includes(next)) setPending({ kind: 'status', status: next });
    else status.mutate({ status: next });
  }

  function choosePriority(value: string | null) {
    const next = value as Ticket['priority'] | null;
    if (!next || next === ticket.priority) return;
    if (isDowngrade(ticket.priority, next)) setPending({ kind: 'priority', priority: next });
    else priority.mutate({ priority: next });
  }

  const isClosed = closedStatuses.includes(ticket.status);
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <Select
          {...inlineField}
          label="Status"
          allowDeselect={false}
          disabled={props.disabled || status.isPending}
          data={options(statusLabels)}
          value={ticket.status}
          onChange={chooseStatus}
          style={{ flex: 1 }}
        />
        {isClosed && !props.disabled && (
          <Button
            variant="default"
            loading={status.isPending}
            onClick={() => status.mutate({ status: 'open' })}
          >
            Reopen
          </Button>
        )}
      </Group>
      <Select
        {...inlineField}
        label="Priority"
        allowDeselect={false}
        disabled={props.disabled || priority.isPending}
        data={priorities.map((value) => ({
          value,
          label: `${value} — ${priorityLabels[value].toLowerCase()}`,
        }))}
        value={ticket.priority}
        onChange={choosePriority}
      />
      <ReasonModal
        pending={pending}
        isBusy={status.isPending || priority.isPending}
        onClose={() => setPending(null)}
        onSubmit={(text) => {
          if (pending?.kind === 'status')
            status.mutate({ status: pending.status, message: text || undefined });
          if (pending?.kind === 'priority') priority.mutate({ priority: pending.priority, reason: text });
        }}
      />
    </>
  );
}

interface ReasonProps {
  pending: Pending;
  isBusy: boolean;
  onClose: () => void;
  onSubmit: (text: string) => void;
}

/** The words for what is pending: a paused status's own, else the downgrade's. */
function reasonCopyFor(pending: Pending) {
  const key = pending?.kind === 'status' ? pending.status : 'priority';
  return reasonCopy[key] ?? reasonCopy.priority!;
}

function ReasonModal(props: ReasonProps) {
  return (
    <Modal opened={props.pending !== null} onClose={props.onClose} title={reasonCopyFor(props.pending).title}>
      {props.pending && <ReasonForm {...props} />}
    </Modal>
  );
}

function ReasonForm(props: ReasonProps) {
  const copy = reasonCopyFor(props.pending);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const confirmLabel =
    props.pending?.kind === 'status'
      ? `Set to ${statusLabels[props.pending.status].toLowerCase()}`
      : props.pending
        ? `Lower to ${props.pending.priority}`
        : '';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (copy.required && !text.trim()) return setError('Required');
    props.onSubmit(text.trim());
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={16} />} p="xs">
          {copy.help}
        </Alert>
        <Textarea
          label={copy.label}
          required={copy.required}
          autosize
          minRows={3}
          data-autofocus
          value={text}
          error={error}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
          }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={props.isBusy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
