// The company's tickets (a user's own; a company admin's all, or only theirs): open, closed or all, searched,
// with the filters in the URL. Each row says where the ticket stands and its targets as times, met or missed.
import { Box, Button, Group, Paper, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTicket } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState, NoMatches } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { ListPagination } from '../../ui/list-pagination.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import {
  clientPortalOverviewQuery,
  type PortalTicket,
  portalTicketListQuery,
  type TicketState,
} from './portal-api.ts';
import { RaiseTicketModal } from './raise-ticket-modal.tsx';
import { PortalPriority, PortalStatusBadge, PortalTargets } from './ticket-badges.tsx';

const route = getRouteApi('/portal/tickets');
const PAGE_SIZE = 50;

const states: { value: TicketState; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'waiting', label: 'Waiting on you' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
];

export function PortalTicketsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const overview = useQuery(clientPortalOverviewQuery);
  const [isRaising, setRaising] = useState(false);
  const [typed, setTyped] = useState(search.q ?? '');
  const state = search.state ?? 'open';
  const page = search.page ?? 1;
  const isAdmin = overview.data?.role === 'client_admin';
  const list = useQuery(
    portalTicketListQuery({
      state,
      mine: isAdmin && search.mine ? true : undefined,
      q: search.q,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );
  const setQuery = useDebouncedCallback((q: string) => {
    void navigate({
      search: (prev) => ({ ...prev, q: q.trim() || undefined, page: undefined }),
      replace: true,
    });
  }, 300);
  const isFiltered = Boolean(search.q || search.mine || state !== 'open');
  const mspName = overview.data?.mspName ?? 'Your IT provider';
  const raiseButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setRaising(true)}>
      Raise a ticket
    </Button>
  );
  const openTicket = (ticket: PortalTicket) =>
    navigate({ to: '/portal/tickets/$ticketId', params: { ticketId: ticket.id } });

  let body: ReactNode;
  if (list.isPending) body = <TableSkeleton columns={5} rows={5} />;
  else if (list.isError) body = <Text c="red">{list.error.message}</Text>;
  else if (list.data.items.length === 0 && !isFiltered)
    body = (
      <EmptyState
        icon={<IconTicket size={24} />}
        title="No open tickets"
        description={`When something does not work, raise a ticket: ${mspName} answers you here. Closed tickets are under “Closed”.`}
        action={raiseButton}
      />
    );
  else if (list.data.items.length === 0)
    body = (
      <NoMatches
        title="No tickets match"
        description={
          search.q
            ? `No ${state === 'all' || state === 'waiting' ? '' : `${state} `}ticket mentions “${search.q}”.`
            : state === 'waiting'
              ? 'No ticket is waiting on you.'
              : `No ${state} tickets.`
        }
        onClear={() => {
          setTyped('');
          void navigate({ search: {} });
        }}
      />
    );
  else {
    const footer = (
      <ListPagination
        page={page}
        pageSize={PAGE_SIZE}
        total={list.data.total}
        onChange={(next) => navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) })}
      />
    );
    body = (
      <>
        <Box visibleFrom="md">
          <DataTable
            label="Tickets"
            columns={isAdmin ? columns : columns.filter((column) => column.key !== 'raisedBy')}
            rows={list.data.items}
            rowKey={(ticket) => ticket.id}
            onOpen={openTicket}
            footer={footer}
          />
        </Box>
        <Stack
          gap="xs"
          hiddenFrom="md"
          component="ul"
          p={0}
          m={0}
          aria-label="Tickets"
          style={{ listStyle: 'none' }}
        >
          {list.data.items.map((ticket) => (
            <TicketCard key={ticket.id} ticket={ticket} />
          ))}
          {footer}
        </Stack>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Tickets"
        description={
          isAdmin
            ? `${overview.data?.clientName ?? 'Your company'}’s tickets with ${mspName}`
            : `The tickets you raised with ${mspName}`
        }
        actions={raiseButton}
      />
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="Tickets to show"
          data={states}
          value={state}
          onChange={(next) =>
            navigate({
              search: (prev) => ({
                ...prev,
                state: next === 'open' ? undefined : (next as 'waiting' | 'closed' | 'all'),
                page: undefined,
              }),
            })
          }
        />
        <TextInput
          aria-label="Search tickets"
          placeholder="Search by number or words"
          leftSection={<IconSearch size={15} />}
          w={{ base: '100%', xs: 280 }}
          value={typed}
          onChange={(event) => {
            setTyped(event.currentTarget.value);
            setQuery(event.currentTarget.value);
          }}
        />
        {isAdmin && (
          <Switch
            label="Only mine"
            checked={Boolean(search.mine)}
            onChange={(event) =>
              navigate({
                search: (prev) => ({
                  ...prev,
                  mine: event.currentTarget.checked ? true : undefined,
                  page: undefined,
                }),
              })
            }
            mb={8}
          />
        )}
      </Group>
      {body}
      <RaiseTicketModal
        opened={isRaising}
        onClose={() => setRaising(false)}
        mspName={mspName}
        onRaised={(ticket) => navigate({ to: '/portal/tickets/$ticketId', params: { ticketId: ticket.id } })}
      />
    </>
  );
}

function TicketLink(props: { ticket: PortalTicket; children: ReactNode }) {
  return (
    <AnchorLink
      to="/portal/tickets/$ticketId"
      params={{ ticketId: props.ticket.id }}
      size="sm"
      fw={500}
      c="inherit"
    >
      {props.children}
    </AnchorLink>
  );
}

function RaisedBy(props: { ticket: PortalTicket }) {
  const { ticket } = props;
  if (ticket.isYours) return <Text size="sm">You</Text>;
  return (
    <Text size="sm" c={ticket.contactName ? undefined : 'dimmed'}>
      {ticket.contactName ?? '—'}
    </Text>
  );
}

const columns: Column<PortalTicket>[] = [
  {
    key: 'number',
    header: '#',
    width: 72,
    sortValue: (ticket) => ticket.number,
    render: (ticket) => (
      <Text size="sm" c="dimmed" className="tabular">
        #{ticket.number}
      </Text>
    ),
  },
  {
    key: 'title',
    header: 'Title',
    sortValue: (ticket) => ticket.title,
    render: (ticket) => <TicketLink ticket={ticket}>{ticket.title}</TicketLink>,
  },
  {
    key: 'status',
    header: 'Status',
    width: 150,
    sortValue: (ticket) => ticket.status,
    render: (ticket) => <PortalStatusBadge status={ticket.status} />,
  },
  {
    key: 'priority',
    header: 'Priority',
    width: 210,
    sortValue: (ticket) => ticket.priority,
    render: (ticket) => <PortalPriority priority={ticket.priority} />,
  },
  {
    key: 'raisedBy',
    header: 'Raised by',
    width: 150,
    sortValue: (ticket) => (ticket.isYours ? '' : (ticket.contactName ?? '~')),
    render: (ticket) => <RaisedBy ticket={ticket} />,
  },
  {
    key: 'targets',
    header: 'Targets',
    width: 280,
    render: (ticket) => <PortalTargets ticket={ticket} />,
  },
];

/** On a phone: one card per ticket instead of the table's columns. */
function TicketCard(props: { ticket: PortalTicket }) {
  const { ticket } = props;
  return (
    <Paper withBorder p="sm" component="li" aria-label={`#${ticket.number} ${ticket.title}`}>
      <Group gap={6} wrap="nowrap" mb={4}>
        <Text size="sm" c="dimmed" className="tabular">
          #{ticket.number}
        </Text>
        <TicketLink ticket={ticket}>{ticket.title}</TicketLink>
      </Group>
      <Group gap="xs" mb={6} wrap="wrap">
        <PortalStatusBadge status={ticket.status} />
        <PortalPriority priority={ticket.priority} />
        <Text size="xs" c="dimmed">
          {ticket.isYours ? 'Raised by you' : `Raised by ${ticket.contactName ?? 'a colleague'}`}
        </Text>
      </Group>
      <PortalTargets ticket={ticket} />
    </Paper>
  );
}
