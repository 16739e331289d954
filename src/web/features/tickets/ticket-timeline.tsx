// The ticket's timeline, oldest first: replies, calls and vendors' replies as messages, internal notes
// tinted and labelled, everything else (status, priority, assignment, SLA breaches, time logged) as small lines.
import { Box, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconClockHour4,
  IconFlag,
  IconLock,
  IconPhone,
  IconPoint,
  IconUser,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { TicketStatusValue, TicketType } from '../../../shared/api/ticket-enums.ts';
import { type TimeCause, timeCauseLabels } from '../../../shared/api/time.ts';
import { formatMinutes } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { statusLabels, typeLabels } from './ticket-labels.ts';
import type { TicketDetail, TicketEvent } from './tickets-api.ts';
import { Message, mailSender, str, VendorReply, who } from './timeline-messages.tsx';

interface TimelineNames {
  person: (id: unknown) => string;
  board: (id: unknown) => string;
}

const status = (value: unknown) => statusLabels[value as TicketStatusValue] ?? str(value);

function Line(props: { event: TicketEvent; icon: ReactNode; children: ReactNode; color?: string }) {
  return (
    <Group gap={8} wrap="nowrap" px={4} data-event-type={props.event.type} align="flex-start">
      <ThemeIcon size={20} radius="xl" variant="light" color={props.color ?? 'gray'} mt={1}>
        {props.icon}
      </ThemeIcon>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Text size="xs" c={props.color === 'red' ? 'red' : 'dimmed'} component="div">
          {props.children} · <RelativeTime value={props.event.occurredAt} size="xs" />
        </Text>
      </Box>
    </Group>
  );
}

function timeLine(event: TicketEvent): ReactNode {
  const data = event.data;
  const minutes = typeof data.minutes === 'number' ? formatMinutes(data.minutes) : 'time';
  const workType = str(data.workType) || str(data.workTypeName);
  const cause = data.cause !== 'normal' ? timeCauseLabels[data.cause as TimeCause] : undefined;
  const detail = `${workType ? ` of ${workType}` : ''}${cause ? ` (${cause.toLowerCase()})` : ''}`;
  const before = data.from as { minutes?: unknown } | undefined;
  if (event.type === 'time_deleted') {
    return (
      <>
        <b>{who(event)}</b> deleted a time entry of {minutes}
        {detail}
      </>
    );
  }
  if (event.type === 'time_updated') {
    return (
      <>
        <b>{who(event)}</b> edited a time entry: now {minutes}
        {detail}
        {typeof before?.minutes === 'number' &&
          before.minutes !== data.minutes &&
          ` (was ${formatMinutes(before.minutes)})`}
      </>
    );
  }
  return (
    <>
      <b>{who(event)}</b> logged {minutes}
      {detail}
    </>
  );
}

function TimelineItem(props: { event: TicketEvent; ticket: TicketDetail; names: TimelineNames }) {
  const { event, names } = props;
  const data = event.data;
  const actor = <b>{who(event)}</b>;
  switch (event.type) {
    case 'created':
      return (
        <Stack gap={6}>
          <Line event={event} icon={<IconPoint size={12} />}>
            {actor} opened the ticket at {str(data.priority)}
            {typeof data.reopenedFrom === 'number' && ` as a reopening of #${data.reopenedFrom}`}
            {/* Tickets opened by mail: the sender when the event names it, else the ticket's source. */}
            {mailSender(event)
              ? ` by email from ${mailSender(event)}`
              : props.ticket.source === 'email' && ' by email'}
          </Line>
          {props.ticket.description.trim() && (
            <Paper withBorder p="sm" aria-label="Description" role="article">
              <Text size="xs" c="dimmed" mb={4}>
                Description
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {props.ticket.description}
              </Text>
            </Paper>
          )}
        </Stack>
      );
    case 'public_reply':
      return event.author === 'contact' ? (
        <Message event={event} label="Client reply" tone="client" />
      ) : (
        <Message event={event} label="Reply to client" tone="public" />
      );
    case 'internal_note':
      return (
        <Message
          event={event}
          label="Internal note"
          tone="internal"
          icon={<IconLock size={13} aria-hidden />}
        />
      );
    case 'vendor_reply':
      return <VendorReply event={event} />;
    case 'call_logged':
      return (
        <Message
          event={event}
          label={data.channel === 'chat' ? 'Logged a chat' : 'Logged a call'}
          tone="call"
          icon={<IconPhone size={13} aria-hidden />}
        />
      );
    case 'status':
      return (
        <Line event={event} icon={<IconArrowsExchange size={12} />}>
          {actor} changed the status from {status(data.from)} to <b>{status(data.status)}</b>
        </Line>
      );
    case 'priority':
      return (
        <Line event={event} icon={<IconFlag size={12} />}>
          {actor} changed the priority from {str(data.from)} to <b>{str(data.priority)}</b>
          {event.body && ` — reason given to the client: “${event.body}”`}
        </Line>
      );
    case 'assignment':
      return (
        <Line event={event} icon={<IconUser size={12} />}>
          {actor}{' '}
          {data.to ? (
            <>
              assigned the ticket to <b>{names.person(data.to)}</b>
            </>
          ) : (
            'unassigned the ticket'
          )}
        </Line>
      );
    case 'title':
      return (
        <Line event={event} icon={<IconPoint size={12} />}>
          {actor} renamed the ticket to “{str(data.to)}”
        </Line>
      );
    case 'type':
      return (
        <Line event={event} icon={<IconPoint size={12} />}>
          {actor} changed the {data.field === 'subType' ? 'sub-type' : 'type'} to{' '}
          {typeLabels[data.to as TicketType] ?? (str(data.to) || 'none')}
        </Line>
      );
    case 'board':
      return (
        <Line event={event} icon={<IconPoint size={12} />}>
          {actor} moved the ticket to the {names.board(data.to)} board
        </Line>
      );
    case 'contactId':
      return (
        <Line event={event} icon={<IconUser size={12} />}>
          {actor} {data.to ? 'changed the contact' : 'removed the contact'}
        </Line>
      );
    case 'agreement':
    case 'service':
      return (
        <Line event={event} icon={<IconPoint size={12} />}>
          {actor}{' '}
          {data.to ? (
            <>
              set the {event.type} to <b>{str(data.toName)}</b>
            </>
          ) : (
            `removed the ${event.type}`
          )}
        </Line>
      );
    case 'after_hours_request': {
      const request = data.to as { requestedBy?: string; requestedAt?: string } | null;
      return (
        <Line event={event} icon={<IconPoint size={12} />}>
          {actor}{' '}
          {request
            ? `recorded that ${str(request.requestedBy)} asked for after-hours work on ${new Date(str(request.requestedAt)).toLocaleString()}`
            : 'withdrew the client’s after-hours request'}
        </Line>
      );
    }
    case 'sla_breached':
      return (
        <Line event={event} icon={<IconAlertTriangle size={12} />} color="red">
          {data.clock === 'first_response' ? 'First response' : 'Resolution'} SLA breached (
          {str(data.priority)})
        </Line>
      );
    case 'reopened_as':
      return (
        <Line event={event} icon={<IconArrowsExchange size={12} />}>
          {actor} reopened this after the reopen window, as{' '}
          <AnchorLink to="/tickets/$ticketId" params={{ ticketId: str(data.ticketId) }} size="xs">
            #{String(data.number)}
          </AnchorLink>
        </Line>
      );
    case 'assets': {
      const names = (key: string) => ((data[key] as string[] | undefined) ?? []).join(', ');
      const parts = [
        names('added') && `named ${names('added')}`,
        names('removed') && `removed ${names('removed')}`,
      ].filter(Boolean);
      return (
        <Line event={event} icon={<IconPoint size={12} />}>
          {actor} {parts.join(' and ')} {parts.length ? 'as assets of this ticket' : 'changed the assets'}
        </Line>
      );
    }
    default:
      if (event.type.startsWith('time')) {
        return (
          <Line event={event} icon={<IconClockHour4 size={12} />} color="indigo">
            {timeLine(event)}
          </Line>
        );
      }
      return (
        <Line event={event} icon={<IconPoint size={12} />}>
          {actor} {event.type.replace(/_/g, ' ')}
        </Line>
      );
  }
}

export function TicketTimeline(props: { ticket: TicketDetail; names: TimelineNames }) {
  // Oldest first; the API's order is kept for events at the same instant.
  const events = [...props.ticket.events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  return (
    <Stack gap="sm" component="section" aria-label="Timeline">
      {events.map((event) => (
        <TimelineItem key={event.id} event={event} ticket={props.ticket} names={props.names} />
      ))}
    </Stack>
  );
}
