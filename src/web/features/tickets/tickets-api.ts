// Queries and mutations for tickets, their time entries, saved views and the help-desk settings.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Assignee,
  BulkAction,
  SlaBlock,
  Ticket,
  TicketEvent,
  TicketInput,
  TicketSettings,
  TicketView,
  ticketDetailSchema,
} from '../../../shared/api/tickets.ts';
import type {
  ClassifiedTimeEntry,
  ClassifyPreviewInput,
  TimeClassification,
  TimeEntry,
  TimeEntryBillingInput,
  TimeEntryInput,
  TimeEntryUpdate,
  timeEntryRevisionSchema,
  WorkType,
} from '../../../shared/api/time.ts';
import { api } from '../../api/client.ts';

export type TicketDetail = z.infer<typeof ticketDetailSchema>;
export type TimeEntryRevision = z.infer<typeof timeEntryRevisionSchema>;
export type {
  Assignee,
  BulkAction,
  ClassifiedTimeEntry,
  SlaBlock,
  Ticket,
  TicketEvent,
  TicketInput,
  TicketSettings,
  TicketView,
  TimeClassification,
  TimeEntry,
  TimeEntryInput,
  TimeEntryUpdate,
  WorkType,
};

/** The queue's filters as they appear in the URL and in GET /tickets (lists as comma-separated values). */
export interface TicketListParams {
  boardId?: string;
  clientId?: string;
  vendorId?: string;
  assigneeId?: string;
  status?: string;
  priority?: string;
  slaState?: string;
  q?: string;
  sort?: 'due' | 'number' | 'updated' | 'priority';
  limit?: number;
  cursor?: string;
}

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (params: TicketListParams) => ['tickets', 'list', params] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  timeEntries: (id: string) => ['tickets', 'detail', id, 'time-entries'] as const,
  timeEntryHistory: (entryId: string) => ['time-entries', entryId, 'history'] as const,
  boards: ['boards'] as const,
  assignees: ['assignees'] as const,
  views: ['ticket-views'] as const,
  workTypes: ['work-types'] as const,
  settings: ['settings', 'tickets'] as const,
};

export const ticketListQuery = (params: TicketListParams) =>
  queryOptions({
    queryKey: ticketKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: Ticket[]; nextCursor: string | null }>('/tickets', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

export const ticketQuery = (id: string) =>
  queryOptions({ queryKey: ticketKeys.detail(id), queryFn: () => api<TicketDetail>(`/tickets/${id}`) });

export const boardsQuery = queryOptions({
  queryKey: ticketKeys.boards,
  queryFn: () => api<{ items: { id: string; name: string }[] }>('/boards'),
  select: (data) => data.items,
  staleTime: 5 * 60_000,
});

export const assigneesQuery = queryOptions({
  queryKey: ticketKeys.assignees,
  queryFn: () => api<{ items: Assignee[] }>('/assignees'),
  select: (data) => data.items,
  staleTime: 60_000,
});

export const createTicket = (
  input: Partial<TicketInput> & Pick<TicketInput, 'clientId' | 'title' | 'priority'>,
) => api<Ticket>('/tickets', { method: 'POST', body: input });

const action = (id: string, name: string, body: unknown) =>
  api<Ticket>(`/tickets/${id}/${name}`, { method: 'POST', body });

export const replyToTicket = (id: string, body: string) => action(id, 'replies', { body });
export const addNote = (id: string, body: string) => action(id, 'notes', { body });
export const logCall = (id: string, input: { channel: 'call' | 'chat'; body?: string }) =>
  action(id, 'calls', input);
export const assignTicket = (id: string, assigneeId: string | null) => action(id, 'assign', { assigneeId });
export const setTicketStatus = (id: string, status: Ticket['status'], message?: string) =>
  action(id, 'status', { status, message });
export const setTicketPriority = (id: string, priority: Ticket['priority'], reason?: string) =>
  action(id, 'priority', { priority, reason });
export const updateTicket = (
  id: string,
  input: Partial<
    Pick<Ticket, 'title' | 'type' | 'subType' | 'boardId' | 'contactId' | 'agreementId' | 'serviceId'>
  > & { afterHoursRequest?: { requestedBy: string; requestedAt: string } | null },
) => api<Ticket>(`/tickets/${id}`, { method: 'PATCH', body: input });
export const bulkUpdateTickets = (input: BulkAction) =>
  api<{ items: Ticket[] }>('/tickets/bulk', { method: 'POST', body: input });

export const timeEntriesQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ticketKeys.timeEntries(ticketId),
    queryFn: () =>
      api<{ items: ClassifiedTimeEntry[]; totalMinutes: number }>(`/tickets/${ticketId}/time-entries`),
  });
/** What a draft entry would come to under the ticket's agreement chain (nothing is saved). */
export const classifyDraft = (ticketId: string, input: ClassifyPreviewInput) =>
  api<TimeClassification>(`/tickets/${ticketId}/time-entries/classify`, { method: 'POST', body: input });
export const setTimeEntryBilling = (entryId: string, input: TimeEntryBillingInput) =>
  api<TimeEntry>(`/time-entries/${entryId}/billing`, { method: 'PUT', body: input });
export const timeEntryHistoryQuery = (entryId: string) =>
  queryOptions({
    queryKey: ticketKeys.timeEntryHistory(entryId),
    queryFn: () => api<{ items: TimeEntryRevision[] }>(`/time-entries/${entryId}/history`),
    select: (data) => data.items,
  });
export const logTime = (ticketId: string, input: TimeEntryInput) =>
  api<TimeEntry>(`/tickets/${ticketId}/time-entries`, { method: 'POST', body: input });
export const updateTimeEntry = (entryId: string, input: TimeEntryUpdate) =>
  api<TimeEntry>(`/time-entries/${entryId}`, { method: 'PATCH', body: input });
export const deleteTimeEntry = (entryId: string) =>
  api<void>(`/time-entries/${entryId}`, { method: 'DELETE' });

export const createWorkType = (name: string) =>
  api<WorkType>('/work-types', { method: 'POST', body: { name } });
export const updateWorkType = (
  id: string,
  input: Partial<Pick<WorkType, 'name' | 'isOnSite' | 'position' | 'archived'>>,
) => api<WorkType>(`/work-types/${id}`, { method: 'PATCH', body: input });

export const ticketViewsQuery = queryOptions({
  queryKey: ticketKeys.views,
  queryFn: () => api<{ items: TicketView[] }>('/ticket-views'),
  select: (data) => data.items,
});
export const saveTicketView = (input: { name: string; query: string; shared: boolean }) =>
  api<TicketView>('/ticket-views', { method: 'POST', body: input });
export const deleteTicketView = (id: string) => api<void>(`/ticket-views/${id}`, { method: 'DELETE' });

export const ticketSettingsQuery = queryOptions({
  queryKey: ticketKeys.settings,
  queryFn: () => api<TicketSettings>('/settings/tickets'),
});
export const updateTicketSettings = (input: Partial<TicketSettings>) =>
  api<TicketSettings>('/settings/tickets', { method: 'PATCH', body: input });

/** Every work type, archived ones too (settings, and naming the type of an old entry). */
export const allWorkTypesQuery = queryOptions({
  queryKey: [...ticketKeys.workTypes, 'all'] as const,
  queryFn: () => api<{ items: WorkType[] }>('/work-types', { query: { archived: 'true' } }),
  select: (data) => data.items,
  staleTime: 5 * 60_000,
});
