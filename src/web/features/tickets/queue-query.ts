// The queue's URL search as API parameters, its paged query, and the search as a saved view's query string.
import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TicketQueueSearch } from '../../router.tsx';
import { openStatuses } from './ticket-labels.ts';
import type { Ticket, TicketListParams } from './tickets-api.ts';

const QUEUE_PAGE_SIZE = 50;

/** `status=all` in the URL lifts the status filter; no status means the open ones. */
export const ALL_STATUSES = 'all';

export const csvValues = (value: string | undefined): string[] =>
  value ? value.split(',').filter(Boolean) : [];

/** The statuses the queue shows, as a list (empty = every status). */
export function selectedStatuses(search: TicketQueueSearch): string[] {
  if (search.status === ALL_STATUSES) return [];
  return search.status ? csvValues(search.status) : [...openStatuses];
}

export function queueParams(search: TicketQueueSearch): TicketListParams {
  const statuses = selectedStatuses(search);
  return {
    boardId: search.boardId,
    clientId: search.clientId,
    assigneeId: search.assigneeId,
    status: statuses.length ? statuses.join(',') : undefined,
    priority: search.priority,
    slaState: search.slaState,
    q: search.q,
    sort: search.sort ?? 'due',
  };
}

/** True when anything other than the board and the sort narrows the default queue. */
export function isFiltered(search: TicketQueueSearch): boolean {
  return Boolean(
    search.status || search.clientId || search.assigneeId || search.priority || search.slaState || search.q,
  );
}

type Page = { items: Ticket[]; nextCursor: string | null };

export const ticketQueueQuery = (params: TicketListParams) =>
  infiniteQueryOptions({
    // Under ticketKeys.all, so anything that invalidates tickets refreshes the queue too.
    queryKey: ['tickets', 'queue', params] as const,
    queryFn: ({ pageParam, signal }) =>
      api<Page>('/tickets', {
        query: { ...params, limit: QUEUE_PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

const searchKeys = [
  'boardId',
  'clientId',
  'assigneeId',
  'status',
  'priority',
  'slaState',
  'q',
  'sort',
] as const;
const sorts = ['due', 'number', 'updated', 'priority'] as const;

/** The search as a query string without "?", for saved views and links. */
export function searchToQuery(search: TicketQueueSearch): string {
  const params = new URLSearchParams();
  for (const key of searchKeys) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

export function queryToSearch(query: string): TicketQueueSearch {
  const params = new URLSearchParams(query);
  const get = (key: (typeof searchKeys)[number]) => params.get(key)?.trim() || undefined;
  return {
    boardId: get('boardId'),
    clientId: get('clientId'),
    assigneeId: get('assigneeId'),
    status: get('status'),
    priority: get('priority'),
    slaState: get('slaState'),
    q: get('q'),
    sort: sorts.find((sort) => sort === params.get('sort')),
  };
}
