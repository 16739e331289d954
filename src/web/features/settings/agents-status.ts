// Words for an enrollment token's and an agent's state, shared by Settings → Agents and its tests.
import type { Agent, EnrollmentTokenStatus } from '../../../shared/api/agents.ts';
import { ASSET_ONLINE_MINUTES } from '../../../shared/api/assets.ts';

export const tokenStatusLabels: Record<EnrollmentTokenStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  used_up: 'Used up',
  revoked: 'Revoked',
};
export const tokenStatusColors: Record<EnrollmentTokenStatus, string> = {
  active: 'green',
  expired: 'gray',
  used_up: 'gray',
  revoked: 'red',
};

export type AgentStatus = 'online' | 'offline' | 'never' | 'revoked';

export const agentStatusLabels: Record<AgentStatus, string> = {
  online: 'Online',
  offline: 'Offline',
  never: 'Not seen yet',
  revoked: 'Revoked',
};

/** Revoked wins; otherwise online while the last heartbeat is under ASSET_ONLINE_MINUTES old (as assets). */
export function agentStatus(agent: Pick<Agent, 'lastSeenAt' | 'revokedAt'>, now: number): AgentStatus {
  if (agent.revokedAt) return 'revoked';
  if (!agent.lastSeenAt) return 'never';
  return now - Date.parse(agent.lastSeenAt) < ASSET_ONLINE_MINUTES * 60_000 ? 'online' : 'offline';
}
