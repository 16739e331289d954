// The client portal's remediation plans: the company's plans, raising its concern about the MSP, answering a
// plan addressed to it, marking its items done, deciding the plans that are the company's to decide, the
// letter, and the company's data as one file.
import { queryOptions } from '@tanstack/react-query';
import type {
  PortalRemediationInput,
  RemediationDecisionInput,
  RemediationItemUpdate,
  RemediationPlan,
  RemediationResponseInput,
} from '../../../shared/api/remediation.ts';
import { api, apiUrl } from '../../api/client.ts';

// Under 'client-portal', so the portal's one invalidation refreshes them with everything else.
export const portalPlanKeys = {
  all: ['client-portal', 'remediation'] as const,
  list: ['client-portal', 'remediation', 'list'] as const,
  detail: (id: string) => ['client-portal', 'remediation', 'detail', id] as const,
};

export const portalPlansQuery = queryOptions({
  queryKey: portalPlanKeys.list,
  queryFn: ({ signal }) => api<{ items: RemediationPlan[] }>('/portal/remediation-plans', { signal }),
  select: (data) => data.items,
});

export const portalPlanQuery = (id: string) =>
  queryOptions({
    queryKey: portalPlanKeys.detail(id),
    queryFn: ({ signal }) => api<RemediationPlan>(`/portal/remediation-plans/${id}`, { signal }),
  });

export const raiseConcern = (input: PortalRemediationInput) =>
  api<RemediationPlan>('/portal/remediation-plans', { method: 'POST', body: input });

export const answerPortalPlan = (id: string, input: RemediationResponseInput) =>
  api<RemediationPlan>(`/portal/remediation-plans/${id}/response`, { method: 'POST', body: input });

export const updatePortalItem = (itemId: string, input: RemediationItemUpdate) =>
  api<RemediationPlan>(`/portal/remediation-items/${itemId}`, { method: 'PATCH', body: input });

export const decidePortalPlan = (id: string, input: RemediationDecisionInput) =>
  api<RemediationPlan>(`/portal/remediation-plans/${id}/decision`, { method: 'POST', body: input });

export const portalPlanLetterUrl = (id: string) => apiUrl(`/portal/remediation-plans/${id}/letter.pdf`);

/** Everything of the company's that the MSP holds, as one JSON file. */
export const portalExportUrl = apiUrl('/portal/export');
