// The dashboard's ticket panels: the signed-in technician's own queue, and what is at risk or breached
// across every client they can see. Each counts its tickets and links to the queue with the same filter.
import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconUserCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { TicketQueueSearch } from '../../router.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { queueParams } from '../tickets/queue-query.ts';
import { TicketSlaBadge } from '../tickets/sla-badge.tsx';
import { priorityColors } from '../tickets/ticket-labels.ts';
import { type Ticket, ticketListQuery } from '../tickets/tickets-api.ts';

/** Enough to count a busy queue; beyond it the count reads "100+". */
const COUNT_LIMIT = 100;
const SHOWN = 6;

function TicketLine(props: { ticket: Ticket }) {
  const { ticket } = props;
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py={6}
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group gap="xs" wrap="nowrap" miw={0}>
        <Badge
          size="xs"
          variant={ticket.priority === 'P1' ? 'filled' : 'light'}
          color={priorityColors[ticket.priority]}
          style={{ flexShrink: 0 }}
        >
          {ticket.priority}
        </Badge>
        <Text size="sm" c="dimmed" className="tabular" style={{ flexShrink: 0 }}>
          #{ticket.number}
        </Text>
        <Stack gap={0} miw={0}>
          <AnchorLink
            to="/tickets/$ticketId"
            params={{ ticketId: ticket.id }}
            size="sm"
            fw={500}
            truncate
            title={ticket.title}
          >
            {ticket.title}
          </AnchorLink>
          <Text size="xs" c="dimmed" truncate>
            {ticket.clientName}
            {ticket.assigneeName ? ` · ${ticket.assigneeName}` : ' · unassigned'}
          </Text>
        </Stack>
      </Group>
      <div style={{ flexShrink: 0 }}>
        <TicketSlaBadge sla={ticket.sla} />
      </div>
    </Group>
  );
}

function TicketPanel(props: {
  title: string;
  icon: ReactNode;
  /** The queue's filter; the panel lists the same tickets and links to it. */
  search: TicketQueueSearch;
  empty: string;
  countColor: string;
}) {
  const list = useQuery(ticketListQuery({ ...queueParams(props.search), limit: COUNT_LIMIT }));
  const items = list.data?.items ?? [];
  const count = list.data ? `${items.length}${list.data.nextCursor ? '+' : ''}` : undefined;
  const headingId = `dashboard-${props.title.toLowerCase().replace(/\W+/g, '-')}`;

  return (
    <Paper withBorder p="md" h="100%" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          {props.icon}
          <Title order={2} fz="h3" id={headingId}>
            {props.title}
          </Title>
          {count !== undefined && (
            <Badge
              variant={items.length > 0 ? 'filled' : 'light'}
              color={items.length > 0 ? props.countColor : 'gray'}
              className="tabular"
              aria-label={`${count} ${count === '1' ? 'ticket' : 'tickets'}`}
            >
              {count}
            </Badge>
          )}
        </Group>
        <AnchorLink to="/tickets" search={props.search} size="sm">
          Open in queue
        </AnchorLink>
      </Group>
      {list.isPending ? (
        <Stack gap={10} mt="sm" aria-busy="true" aria-label="Loading">
          <Skeleton height={30} />
          <Skeleton height={30} />
          <Skeleton height={30} />
        </Stack>
      ) : list.isError ? (
        <Text size="sm" c="red">
          {list.error.message}
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm">
          {props.empty}
        </Text>
      ) : (
        <div>
          {items.slice(0, SHOWN).map((ticket) => (
            <TicketLine key={ticket.id} ticket={ticket} />
          ))}
          {items.length > SHOWN && (
            <Text
              size="xs"
              c="dimmed"
              pt={6}
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              and {items.length - SHOWN}
              {list.data?.nextCursor ? '+' : ''} more in the queue
            </Text>
          )}
        </div>
      )}
    </Paper>
  );
}

export function MyQueuePanel() {
  return (
    <TicketPanel
      title="My queue"
      icon={<IconUserCheck size={18} opacity={0.7} aria-hidden />}
      search={{ assigneeId: 'me' }}
      empty="Nothing assigned to you. Take the next ticket from the queue."
      countColor="indigo"
    />
  );
}

export function AtRiskPanel() {
  return (
    <TicketPanel
      title="At risk and breached"
      icon={<IconAlertTriangle size={18} opacity={0.7} aria-hidden />}
      search={{ slaState: 'at_risk,breached' }}
      empty="Every open ticket is within its SLA."
      countColor="red"
    />
  );
}
