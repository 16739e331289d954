// Queries and mutations of remediation plans in the staff app: the list (open first), one plan, filing,
// the answer with items (the MSP's own, or a vendor's recorded), progress on an item, the recommendation on
// a vendor plan, the decision (the MSP's, or the client's recorded), the handover checklist, and the files.
import { queryOptions } from '@tanstack/react-query';
import type {
  HandoverKey,
  RemediationDecisionInput,
  RemediationInput,
  RemediationItemUpdate,
  RemediationPlan,
  RemediationResponseInput,
} from '../../../shared/api/remediation.ts';
import { api, apiUrl } from '../../api/client.ts';

export type { RemediationPlan };

export type PlanState = 'open' | 'decided' | 'all';

export const remediationKeys = {
  all: ['remediation-plans'] as const,
  list: (params: { clientId?: string; state: PlanState }) => ['remediation-plans', 'list', params] as const,
  detail: (id: string) => ['remediation-plans', 'detail', id] as const,
};

export const remediationListQuery = (params: { clientId?: string; state: PlanState }) =>
  queryOptions({
    queryKey: remediationKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: RemediationPlan[] }>('/remediation-plans', { query: { ...params }, signal }),
    select: (data) => data.items,
  });

export const remediationPlanQuery = (id: string) =>
  queryOptions({
    queryKey: remediationKeys.detail(id),
    queryFn: ({ signal }) => api<RemediationPlan>(`/remediation-plans/${id}`, { signal }),
  });

export const fileRemediationPlan = (input: RemediationInput) =>
  api<RemediationPlan>('/remediation-plans', { method: 'POST', body: input });

export const answerRemediationPlan = (id: string, input: RemediationResponseInput) =>
  api<RemediationPlan>(`/remediation-plans/${id}/response`, { method: 'POST', body: input });

export const updateRemediationItem = (itemId: string, input: RemediationItemUpdate) =>
  api<RemediationPlan>(`/remediation-items/${itemId}`, { method: 'PATCH', body: input });

export const recommendOnPlan = (id: string, input: Omit<RemediationDecisionInput, 'extendedTo'>) =>
  api<RemediationPlan>(`/remediation-plans/${id}/recommendation`, { method: 'POST', body: input });

export const decideRemediationPlan = (id: string, input: RemediationDecisionInput) =>
  api<RemediationPlan>(`/remediation-plans/${id}/decision`, { method: 'POST', body: input });

export const setHandoverStep = (id: string, key: HandoverKey, done: boolean) =>
  api<RemediationPlan>(`/remediation-plans/${id}/handover/${key}`, { method: 'PUT', body: { done } });

export const remediationLetterUrl = (id: string) => apiUrl(`/remediation-plans/${id}/letter.pdf`);

/** Everything of the client's as one JSON file, for a handover (needs clients.manage). */
export const clientExportUrl = (clientId: string) => apiUrl(`/clients/${clientId}/export`);
