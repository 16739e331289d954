// Queries and mutations of the vendor portal, where a vendor's own people see their engagements, the rules
// they work under, their change requests and the changes attributed to them, and reply on incidents.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { VendorChangeRequestInput } from '../../../shared/api/change-requests.ts';
import type {
  PortalAsset,
  PortalAttributedChange,
  PortalChangeRequest,
  PortalEngagement,
  PortalOverview,
  PortalRules,
} from '../../../shared/api/vendor-portal.ts';
import { api, apiUrl } from '../../api/client.ts';

export type {
  PortalAsset,
  PortalAttributedChange,
  PortalChangeRequest,
  PortalEngagement,
  PortalOverview,
  PortalRules,
  VendorChangeRequestInput,
};

export interface PortalRequestListParams {
  /** Comma-separated statuses. */
  status?: string;
  limit?: number;
  offset?: number;
}

// Everything under 'vendor-portal' so one invalidation refreshes the counts, lists and details together.
export const portalKeys = {
  all: ['vendor-portal'] as const,
  overview: ['vendor-portal', 'overview'] as const,
  rules: (engagementId: string) => ['vendor-portal', 'rules', engagementId] as const,
  assets: (clientId: string) => ['vendor-portal', 'assets', clientId] as const,
  requests: ['vendor-portal', 'requests'] as const,
  requestList: (params: PortalRequestListParams) => ['vendor-portal', 'requests', 'list', params] as const,
  request: (id: string) => ['vendor-portal', 'requests', 'detail', id] as const,
  changes: ['vendor-portal', 'changes'] as const,
};

export const portalOverviewQuery = queryOptions({
  queryKey: portalKeys.overview,
  queryFn: () => api<PortalOverview>('/vendor-portal'),
});

export const portalRulesQuery = (engagementId: string) =>
  queryOptions({
    queryKey: portalKeys.rules(engagementId),
    queryFn: () => api<PortalRules>(`/vendor-portal/engagements/${engagementId}/rules`),
  });

/** Recorded as the signed-in person, for the versions in force now. */
export const acknowledgeRules = (engagementId: string) =>
  api<PortalRules>(`/vendor-portal/engagements/${engagementId}/acknowledgement`, {
    method: 'POST',
    body: {},
  });

/** The assets of a client the vendor is engaged at: what a request may name. */
export const portalAssetsQuery = (clientId: string) =>
  queryOptions({
    queryKey: portalKeys.assets(clientId),
    queryFn: () => api<{ items: PortalAsset[] }>('/vendor-portal/assets', { query: { clientId } }),
    select: (data) => data.items,
  });

export const portalRequestListQuery = (params: PortalRequestListParams) =>
  queryOptions({
    queryKey: portalKeys.requestList(params),
    queryFn: ({ signal }) =>
      api<{ items: PortalChangeRequest[]; total: number }>('/vendor-portal/change-requests', {
        query: { ...params },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const portalRequestQuery = (id: string) =>
  queryOptions({
    queryKey: portalKeys.request(id),
    queryFn: () => api<PortalChangeRequest>(`/vendor-portal/change-requests/${id}`),
  });

export const raiseChangeRequest = (input: VendorChangeRequestInput) =>
  api<PortalChangeRequest>('/vendor-portal/change-requests', { method: 'POST', body: input });

export const withdrawChangeRequest = (id: string, reason: string) =>
  api<PortalChangeRequest>(`/vendor-portal/change-requests/${id}/withdraw`, {
    method: 'POST',
    body: { reason },
  });

export const attributedChangesQuery = queryOptions({
  queryKey: portalKeys.changes,
  queryFn: () => api<{ items: PortalAttributedChange[] }>('/vendor-portal/changes'),
  select: (data) => data.items,
});

/** The signed Letter of Agency the client gave the MSP, downloaded as a file. */
export const portalSignedCopyUrl = (loaId: string) => apiUrl(`/vendor-portal/loas/${loaId}/signed-copy`);

/** The reply goes on the incident, where the MSP and the client see it. */
export const replyOnIncident = (ticketId: string, text: string) =>
  api<void>(`/vendor-portal/incidents/${ticketId}/reply`, { method: 'POST', body: { text } });
