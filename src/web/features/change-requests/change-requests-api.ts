// Queries and mutations for change requests and a client's change calendar feed.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type {
  ChangeRequest,
  ChangeRequestAction,
  ChangeRequestInput,
  ChangeRequestStatus,
} from '../../../shared/api/change-requests.ts';
import type { Engagement } from '../../../shared/api/vendors.ts';
import { api } from '../../api/client.ts';

export type { ChangeRequest, ChangeRequestAction, ChangeRequestInput, ChangeRequestStatus };

export interface ChangeRequestListParams {
  clientId?: string;
  vendorId?: string;
  assetId?: string;
  /** Comma-separated statuses. */
  status?: string;
  limit?: number;
  offset?: number;
}

export const changeRequestKeys = {
  all: ['change-requests'] as const,
  list: (params: ChangeRequestListParams) => ['change-requests', 'list', params] as const,
  detail: (id: string) => ['change-requests', 'detail', id] as const,
  calendar: (clientId: string) => ['change-requests', 'calendar', clientId] as const,
};

export const changeRequestListQuery = (params: ChangeRequestListParams) =>
  queryOptions({
    queryKey: changeRequestKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: ChangeRequest[]; total: number }>('/change-requests', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

export const changeRequestQuery = (id: string) =>
  queryOptions({
    queryKey: changeRequestKeys.detail(id),
    queryFn: () => api<ChangeRequest>(`/change-requests/${id}`),
  });

export const createChangeRequest = (input: ChangeRequestInput) =>
  api<ChangeRequest>('/change-requests', { method: 'POST', body: input });

export const actOnChangeRequest = (id: string, action: ChangeRequestAction, reason?: string) =>
  api<ChangeRequest>(`/change-requests/${id}/${action}`, {
    method: 'POST',
    body: reason ? { reason } : {},
  });

/** The vendors engaged at a client (one option per vendor): the only ones a request may name. */
export const engagedVendorsQuery = (clientId: string) =>
  queryOptions({
    queryKey: ['engagements', 'list', { clientId }],
    queryFn: () => api<{ items: Engagement[] }>('/engagements', { query: { clientId } }),
    select: (data) => {
      const byVendor = new Map<string, string>();
      for (const engagement of data.items) byVendor.set(engagement.vendorId, engagement.vendorName);
      return [...byVendor].map(([value, label]) => ({ value, label }));
    },
  });

export const changeCalendarQuery = (clientId: string) =>
  queryOptions({
    queryKey: changeRequestKeys.calendar(clientId),
    queryFn: () => api<{ active: boolean; createdAt: string | null }>(`/clients/${clientId}/change-calendar`),
  });

export const rotateChangeCalendar = (clientId: string) =>
  api<{ url: string; createdAt: string }>(`/clients/${clientId}/change-calendar`, { method: 'POST' });

export const deleteChangeCalendar = (clientId: string) =>
  api<void>(`/clients/${clientId}/change-calendar`, { method: 'DELETE' });
