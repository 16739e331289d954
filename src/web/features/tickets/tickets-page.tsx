// The technician's ticket queue: board switcher, filters and sort in the URL, a dense keyboard-driven table,
// bulk actions on the selection and saved views (UI.md "Tables").
import { Alert, Button, Code, Group, Kbd, Select, Skeleton, Tabs, Text } from '@mantine/core';
import { IconFilterOff, IconInbox, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { TicketQueueSearch } from '../../router.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { BulkActionBar } from './bulk-action-bar.tsx';
import { QueueFilters } from './queue-filters.tsx';
import { isFiltered, queryToSearch, queueParams, searchToQuery, ticketQueueQuery } from './queue-query.ts';
import { QueueTable } from './queue-table.tsx';
import { SavedViewsMenu } from './saved-views-menu.tsx';
import { boardsQuery, type Ticket } from './tickets-api.ts';

const route = getRouteApi('/app/tickets');

type Sort = NonNullable<TicketQueueSearch['sort']>;

const sortOptions: { value: Sort; label: string; phrase: string }[] = [
  { value: 'due', label: 'Next SLA due', phrase: 'next SLA due' },
  { value: 'priority', label: 'Priority', phrase: 'priority' },
  { value: 'updated', label: 'Recently updated', phrase: 'last update' },
  { value: 'number', label: 'Newest', phrase: 'newest first' },
];

function BoardSwitcher(props: {
  value: string | undefined;
  onChange: (boardId: string | undefined) => void;
}) {
  const boards = useQuery(boardsQuery);
  if (boards.isPending) return <Skeleton height={30} width={260} />;
  return (
    <Tabs
      value={props.value ?? 'all'}
      onChange={(value) => props.onChange(!value || value === 'all' ? undefined : value)}
      aria-label="Boards"
    >
      <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
        <Tabs.Tab value="all">All boards</Tabs.Tab>
        {(boards.data ?? []).map((board) => (
          <Tabs.Tab key={board.id} value={board.id}>
            {board.name}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

function KeyboardHint() {
  return (
    <Text size="xs" c="dimmed" visibleFrom="md">
      <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move · <Kbd size="xs">Enter</Kbd> open ·{' '}
      <Kbd size="xs">x</Kbd> select
    </Text>
  );
}

export function TicketsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const params = queueParams(search);
  const queue = useInfiniteQuery(ticketQueueQuery(params));
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const rows = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  const sort: Sort = search.sort ?? 'due';

  /** Changes the URL; a different view starts with nothing selected. */
  const update = (patch: Partial<TicketQueueSearch>) => {
    setSelected(new Set());
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: 'q' in patch });
  };

  const openTicket = useCallback(
    (ticket: Ticket) => void navigate({ to: '/tickets/$ticketId', params: { ticketId: ticket.id } }),
    [navigate],
  );
  const toggle = useCallback((ticket: Ticket) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(ticket.id)) next.delete(ticket.id);
      else next.add(ticket.id);
      return next;
    });
  }, []);

  const newTicket = can('tickets.work') && (
    <ButtonLink to="/tickets/new" leftSection={<IconPlus size={16} />}>
      New ticket
    </ButtonLink>
  );
  const count = `${rows.length}${queue.hasNextPage ? '+' : ''}`;
  const sortLabel = sortOptions.find((option) => option.value === sort)?.phrase;

  let body: ReactNode;
  if (queue.isPending) body = <TableSkeleton rows={8} columns={8} />;
  else if (queue.isError)
    body = (
      <Alert color="red" title="The queue could not be loaded">
        {queue.error.message} {queue.error instanceof ApiError && <Code fz="xs">{queue.error.code}</Code>}
      </Alert>
    );
  else if (rows.length === 0 && !isFiltered(search))
    body = (
      <EmptyState
        icon={<IconInbox size={24} />}
        title="The queue is clear"
        description={
          search.boardId
            ? 'No open tickets on this board. Pick another board, or open a ticket for a call or email you are handling.'
            : 'No open tickets. Tickets from email, the client portal and phone calls land here, the one whose SLA is due first on top.'
        }
        action={newTicket}
      />
    );
  else if (rows.length === 0)
    body = (
      <EmptyState
        icon={<IconFilterOff size={24} />}
        title="No tickets match these filters"
        description={
          search.q
            ? `Nothing matches “${search.q}”. Try another word or clear the filters.`
            : 'Widen the filters or clear them.'
        }
        action={
          <Button
            variant="default"
            onClick={() =>
              update({
                status: undefined,
                clientId: undefined,
                assigneeId: undefined,
                priority: undefined,
                slaState: undefined,
                q: undefined,
              })
            }
          >
            Clear filters
          </Button>
        }
      />
    );
  else
    body = (
      <div style={{ opacity: queue.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
        <QueueTable
          rows={rows}
          sort={sort}
          onSort={(next) => update({ sort: next === 'due' ? undefined : next })}
          selected={selected}
          onToggle={toggle}
          onToggleAll={(checked) => setSelected(checked ? new Set(rows.map((row) => row.id)) : new Set())}
          onOpen={openTicket}
          footer={
            <Group
              justify="space-between"
              px="sm"
              py={8}
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <KeyboardHint />
              <Group gap="sm">
                <Text size="xs" c="dimmed" className="tabular">
                  {rows.length} shown
                </Text>
                {queue.hasNextPage && (
                  <Button
                    variant="default"
                    size="xs"
                    loading={queue.isFetchingNextPage}
                    onClick={() => void queue.fetchNextPage()}
                  >
                    Load more
                  </Button>
                )}
              </Group>
            </Group>
          }
        />
      </div>
    );

  return (
    <>
      <PageHeader
        title="Tickets"
        description={
          queue.data
            ? `${count} ${count === '1' ? 'ticket' : 'tickets'} · sorted by ${sortLabel}`
            : 'Your queue'
        }
        actions={
          <>
            <SavedViewsMenu
              query={searchToQuery(search)}
              onApply={(view) => {
                setSelected(new Set());
                void navigate({ search: queryToSearch(view.query) });
              }}
            />
            {newTicket}
          </>
        }
      />
      <Group justify="space-between" align="flex-end" wrap="nowrap" mb="sm" gap="md">
        <div style={{ minWidth: 0, flex: 1 }}>
          <BoardSwitcher value={search.boardId} onChange={(boardId) => update({ boardId })} />
        </div>
        <Select
          label="Sort by"
          w={210}
          size="xs"
          allowDeselect={false}
          data={sortOptions.map(({ value, label }) => ({ value, label }))}
          value={sort}
          onChange={(value) => update({ sort: !value || value === 'due' ? undefined : (value as Sort) })}
          styles={{
            root: { display: 'flex', alignItems: 'center', gap: 8 },
            label: { whiteSpace: 'nowrap', marginBottom: 0 },
            wrapper: { flex: 1 },
          }}
        />
      </Group>
      <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
        <QueueFilters search={search} onChange={update} />
      </div>
      {body}
      <BulkActionBar
        ids={[...selected]}
        tickets={rows.filter((row) => selected.has(row.id))}
        onClear={() => setSelected(new Set())}
      />
    </>
  );
}
