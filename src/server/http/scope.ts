// The request's scope, resolved once per request from the session or token. Repositories take it first.
import type { StaffRole } from './permissions.ts';

export interface Scope {
  tenantId: string;
  identityId: string;
  membershipId: string;
  role: StaffRole;
  /** 'all', or the explicit list of clients this member may see (empty sees nothing). */
  clientIds: 'all' | readonly string[];
}

/** Who did something, and from where: what every mutation carries into the action wrapper. */
export interface Actor {
  scope: Scope;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** Set when the request authenticated with an API token rather than a session. */
  apiTokenId?: string | null;
}

export function canSeeClient(scope: Scope, clientId: string): boolean {
  return scope.clientIds === 'all' || scope.clientIds.includes(clientId);
}
