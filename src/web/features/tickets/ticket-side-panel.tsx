// The ticket's side panel: status, priority, assignee, type, board, client and contact; both SLA clocks;
// a vendor incident's vendor; the time logged with the work timer; the files that came with the client's mail.
import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconClockPlus, IconPaperclip } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { TicketType } from '../../../shared/api/ticket-enums.ts';
import { formatMinutes } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { useCan } from '../auth/session.ts';
import { contactsQuery } from '../clients/clients-api.ts';
import { formatBytes } from '../inbound-mail/inbound-labels.ts';
import { ticketAttachmentsQuery } from '../inbound-mail/inbound-mail-api.ts';
import { TicketVendorSection } from '../vendor-replies/ticket-vendor-section.tsx';
import { useTicketAction } from './ticket-actions.ts';
import { TicketAssetsSection } from './ticket-assets-section.tsx';
import { TicketBillingFields } from './ticket-billing-section.tsx';
import { options, typeLabels } from './ticket-labels.ts';
import { Section } from './ticket-panel-section.tsx';
import { slaBasisOf, TicketSlaPanel } from './ticket-sla-panel.tsx';
import { inlineField, TicketStatusControls } from './ticket-status-control.tsx';
import {
  assigneesQuery,
  assignTicket,
  boardsQuery,
  type TicketDetail,
  timeEntriesQuery,
  updateTicket,
} from './tickets-api.ts';
import type { TimeEntryDraft } from './time-entry-form.tsx';
import type { useTicketTimer } from './timer.ts';
import { TimerControl } from './timer-control.tsx';

export function TicketSidePanel(props: {
  ticket: TicketDetail;
  timer: ReturnType<typeof useTicketTimer>;
  onTimerStop: (draft: TimeEntryDraft) => void;
  onLogTime: () => void;
}) {
  const { ticket } = props;
  const can = useCan();
  const canWork = can('tickets.work');
  const assignees = useQuery({ ...assigneesQuery, enabled: canWork });
  const boards = useQuery(boardsQuery);
  const contacts = useQuery({ ...contactsQuery(ticket.clientId), enabled: can('clients.read') });
  const time = useQuery(timeEntriesQuery(ticket.id));

  const assign = useTicketAction(ticket.id, (id: string | null) => assignTicket(ticket.id, id), {
    errorTitle: 'Could not assign the ticket',
  });
  const update = useTicketAction(
    ticket.id,
    (input: Parameters<typeof updateTicket>[1]) => updateTicket(ticket.id, input),
    {
      errorTitle: 'Could not change the ticket',
    },
  );

  // Only staff who can see this client can take the ticket.
  const assigneeOptions = (assignees.data ?? [])
    .filter((person) => person.clientIds === 'all' || person.clientIds.includes(ticket.clientId))
    .map((person) => ({ value: person.id, label: person.name }));
  if (ticket.assigneeId && !assigneeOptions.some((option) => option.value === ticket.assigneeId)) {
    assigneeOptions.unshift({ value: ticket.assigneeId, label: ticket.assigneeName ?? 'Current assignee' });
  }
  const boardOptions = (boards.data ?? [{ id: ticket.boardId, name: ticket.boardName }]).map((board) => ({
    value: board.id,
    label: board.name,
  }));
  const contactOptions = (contacts.data ?? []).map((contact) => ({ value: contact.id, label: contact.name }));
  if (ticket.contactId && !contactOptions.some((option) => option.value === ticket.contactId)) {
    contactOptions.unshift({ value: ticket.contactId, label: 'Current contact' });
  }

  return (
    <Stack gap="sm">
      <Section title="Details">
        <Stack gap={6}>
          <TicketStatusControls ticket={ticket} disabled={!canWork} />
          <Select
            {...inlineField}
            label="Assignee"
            placeholder="Unassigned"
            clearable
            searchable
            disabled={!canWork || assign.isPending}
            data={assigneeOptions}
            value={ticket.assigneeId}
            nothingFoundMessage="Nobody who can see this client"
            onChange={(id) => id !== ticket.assigneeId && assign.mutate(id)}
          />
          <Select
            {...inlineField}
            label="Type"
            allowDeselect={false}
            disabled={!canWork || update.isPending}
            data={options(typeLabels)}
            value={ticket.type}
            onChange={(value) =>
              value && value !== ticket.type && update.mutate({ type: value as TicketType })
            }
          />
          <Select
            {...inlineField}
            label="Board"
            allowDeselect={false}
            disabled={!canWork || update.isPending}
            data={boardOptions}
            value={ticket.boardId}
            onChange={(value) => value && value !== ticket.boardId && update.mutate({ boardId: value })}
          />
          <Group gap={8} wrap="nowrap">
            <Text size="xs" fw={500} c="dimmed" w={74} style={{ flexShrink: 0 }}>
              Client
            </Text>
            {can('clients.read') ? (
              <AnchorLink to="/clients/$clientId" params={{ clientId: ticket.clientId }} size="sm">
                {ticket.clientName}
              </AnchorLink>
            ) : (
              <Text size="sm">{ticket.clientName}</Text>
            )}
          </Group>
          <Select
            {...inlineField}
            label="Contact"
            placeholder={contactOptions.length ? 'No contact' : 'This client has no contacts'}
            clearable
            searchable
            disabled={!canWork || update.isPending}
            data={contactOptions}
            value={ticket.contactId}
            onChange={(id) => id !== ticket.contactId && update.mutate({ contactId: id })}
          />
        </Stack>
      </Section>

      {ticket.vendorId && <TicketVendorSection ticket={ticket} vendorId={ticket.vendorId} />}

      <TicketAssetsSection ticket={ticket} canWork={canWork} />

      {can('billing.read') && (
        <Section title="Billing">
          <TicketBillingFields ticket={ticket} />
        </Section>
      )}

      <Section title="SLA">
        <TicketSlaPanel sla={ticket.sla} basis={slaBasisOf(ticket.events)} />
      </Section>

      <Section
        title="Time"
        action={
          <Text size="sm" fw={600} className="tabular" data-testid="time-logged" aria-label="Time logged">
            {time.data ? formatMinutes(time.data.totalMinutes, '0 min') : '…'}
          </Text>
        }
      >
        {canWork ? (
          <Stack gap="xs">
            <TimerControl timer={props.timer} onStop={props.onTimerStop} />
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconClockPlus size={14} />}
              onClick={props.onLogTime}
              style={{ alignSelf: 'flex-start' }}
            >
              Log time manually
            </Button>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Logged on this ticket so far.
          </Text>
        )}
      </Section>
      <TicketAttachments ticketId={ticket.id} />
      {ticket.reopenedFromId && (
        <Text size="xs" c="dimmed">
          Reopened from an earlier ticket:{' '}
          <AnchorLink to="/tickets/$ticketId" params={{ ticketId: ticket.reopenedFromId }} size="xs">
            see the original
          </AnchorLink>
        </Text>
      )}
    </Stack>
  );
}

/** The ticket's files (attachments of mail it received); nothing while there are none. */
function TicketAttachments(props: { ticketId: string }) {
  const attachments = useQuery(ticketAttachmentsQuery(props.ticketId));
  if (!attachments.data?.length) return null;
  return (
    <Section
      title="Attachments"
      action={
        <Text size="xs" c="dimmed" className="tabular">
          {attachments.data.length}
        </Text>
      }
    >
      <Stack gap={4}>
        {attachments.data.map((file) => (
          <Group key={file.id} gap={6} wrap="nowrap" align="flex-start">
            <IconPaperclip size={14} style={{ flexShrink: 0, marginTop: 3 }} aria-hidden />
            <Anchor
              href={file.url}
              download={file.fileName}
              size="sm"
              style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
            >
              {file.fileName}
            </Anchor>
            <Text size="xs" c="dimmed" className="tabular" style={{ flexShrink: 0 }}>
              {formatBytes(file.size)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}
