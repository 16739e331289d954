// The vendor portal's remediation plans: the MSP's plans about the vendor at its clients, the answer with
// items (given once) and marking an item done or open again. The MSP's recommendation is never the vendor's.
import { queryOptions } from '@tanstack/react-query';
import type {
  RemediationItemUpdate,
  RemediationPlan,
  RemediationResponseInput,
} from '../../../shared/api/remediation.ts';
import { api } from '../../api/client.ts';

// Under 'vendor-portal', so the portal's one invalidation refreshes them with everything else.
export const portalPlanKeys = {
  list: ['vendor-portal', 'remediation', 'list'] as const,
  detail: (id: string) => ['vendor-portal', 'remediation', 'detail', id] as const,
};

export const portalPlansQuery = queryOptions({
  queryKey: portalPlanKeys.list,
  queryFn: ({ signal }) => api<{ items: RemediationPlan[] }>('/vendor-portal/remediation-plans', { signal }),
  select: (data) => data.items,
});

export const portalPlanQuery = (id: string) =>
  queryOptions({
    queryKey: portalPlanKeys.detail(id),
    queryFn: ({ signal }) => api<RemediationPlan>(`/vendor-portal/remediation-plans/${id}`, { signal }),
  });

export const answerPortalPlan = (id: string, input: RemediationResponseInput) =>
  api<RemediationPlan>(`/vendor-portal/remediation-plans/${id}/response`, { method: 'POST', body: input });

export const updatePortalItem = (itemId: string, input: RemediationItemUpdate) =>
  api<RemediationPlan>(`/vendor-portal/remediation-items/${itemId}`, { method: 'PATCH', body: input });
