// Queries and mutations for change requests, the client's approval of a vendor's request (recorded by staff
// or given behind a one-time link), and a client's change calendar feed.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type {
  ChangeRequest,
  ChangeRequestAction,
  ChangeRequestInput,
  ChangeRequestStatus,
  ClientApproval,
  ClientDecisionInput,
  PublicChangeRequest,
  PublicClientDecisionInput,
} from '../../../shared/api/change-requests.ts';
import type { OneTimeLink } from '../../../shared/api/common.ts';
import type { Engagement } from '../../../shared/api/vendors.ts';
import { api } from '../../api/client.ts';

export type {
  ChangeRequest,
  ChangeRequestAction,
  ChangeRequestInput,
  ChangeRequestStatus,
  ClientApproval,
  ClientDecisionInput,
  PublicChangeRequest,
  PublicClientDecisionInput,
};

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
  publicApproval: (token: string) => ['public-change-approval', token] as const,
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

/** Staff record the client's decision on a vendor's request, given by phone or mail. */
export const recordClientDecision = (id: string, input: ClientDecisionInput) =>
  api<ChangeRequest>(`/change-requests/${id}/client-decision`, { method: 'POST', body: input });

/** A one-time link for the client to decide without an account; its URL is shown only this once. */
export const createApprovalLink = (id: string) =>
  api<OneTimeLink>(`/change-requests/${id}/approval-links`, { method: 'POST' });

// Behind a client's one-time link: no sign-in, the token is the credential.
export const publicChangeRequestQuery = (token: string) =>
  queryOptions({
    queryKey: changeRequestKeys.publicApproval(token),
    queryFn: () => api<PublicChangeRequest>(`/public/change-approvals/${encodeURIComponent(token)}`),
    retry: false,
  });
export const decideByLink = (token: string, input: PublicClientDecisionInput) =>
  api<void>(`/public/change-approvals/${encodeURIComponent(token)}`, { method: 'POST', body: input });

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
