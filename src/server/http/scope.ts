// The request's scope, resolved once per request from the session or token. Repositories take it first.
import type { MemberRole } from './permissions.ts';

export interface Scope {
  tenantId: string;
  identityId: string;
  membershipId: string;
  role: MemberRole;
  /** 'all', or the explicit list of clients this member may see (empty sees nothing; a vendor's person sees none). */
  clientIds: 'all' | readonly string[];
  /** The vendor a `vendor` member speaks for; the vendor portal shows that vendor's things only. */
  vendorId?: string;
  /** The client and contact a client portal member is (their clientIds are that client alone). */
  clientContact?: { clientId: string; contactId: string };
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

/** Where an unauthenticated request (a one-time link, a sign-in) came from, for the security log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}

/** A scope that sees the whole tenant: for reads made on a one-time link's behalf, which has no member. */
export function tenantWideScope(tenantId: string): Scope {
  return { tenantId, identityId: '', membershipId: '', role: 'owner', clientIds: 'all' };
}

export function canSeeClient(scope: Scope, clientId: string): boolean {
  return scope.clientIds === 'all' || scope.clientIds.includes(clientId);
}
