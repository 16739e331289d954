// Queries and mutations for enrollment tokens and enrolled agents (Settings → Agents).
import { queryOptions } from '@tanstack/react-query';
import type {
  Agent,
  CreatedEnrollmentToken,
  EnrollmentToken,
  EnrollmentTokenInput,
} from '../../../shared/api/agents.ts';
import { api } from '../../api/client.ts';

export type { Agent, CreatedEnrollmentToken, EnrollmentToken, EnrollmentTokenInput };

export const agentKeys = {
  tokens: ['enrollment-tokens'] as const,
  agents: ['agents'] as const,
};

export const enrollmentTokensQuery = queryOptions({
  queryKey: agentKeys.tokens,
  queryFn: () => api<{ items: EnrollmentToken[] }>('/enrollment-tokens'),
  select: (data) => data.items,
});

export const agentsQuery = queryOptions({
  queryKey: agentKeys.agents,
  queryFn: () => api<{ items: Agent[] }>('/agents'),
  select: (data) => data.items,
  // Online turns offline by time alone; refetch now and then so the states stay true.
  refetchInterval: 60_000,
});

export const createEnrollmentToken = (input: EnrollmentTokenInput) =>
  api<CreatedEnrollmentToken>('/enrollment-tokens', { method: 'POST', body: input });
export const revokeEnrollmentToken = (id: string) =>
  api<EnrollmentToken>(`/enrollment-tokens/${id}/revoke`, { method: 'POST' });
export const revokeAgent = (id: string) => api<Agent>(`/agents/${id}/revoke`, { method: 'POST' });
