// The lookups every request makes to authenticate, prepared once per database: a request runs them
// without building their SQL again (and PostgreSQL without parsing and planning it again).
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { clientUsers, membershipClients } from '../clients/clients.table.ts';
import { vendorUsers } from '../vendors/vendors.table.ts';
import { clientScope } from './identity.repository.ts';
import { apiTokens, isClientRole, memberships, sessions } from './identity.table.ts';

export type AuthLookups = ReturnType<typeof prepareAuthLookups>;

export function prepareAuthLookups(db: Database) {
  const apiToken = db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')))
    .prepare('auth_api_token');
  const liveSession = db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('auth_live_session');
  const membership = db
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, sql.placeholder('tenantId')),
        eq(memberships.id, sql.placeholder('membershipId')),
        isNull(memberships.deactivatedAt),
      ),
    )
    .prepare('auth_membership');
  const clientIds = db
    .select({ clientId: membershipClients.clientId })
    .from(membershipClients)
    .where(
      and(
        eq(membershipClients.tenantId, sql.placeholder('tenantId')),
        eq(membershipClients.membershipId, sql.placeholder('membershipId')),
      ),
    )
    .orderBy(asc(membershipClients.clientId))
    .prepare('auth_membership_clients');
  const vendorOf = db
    .select({ vendorId: vendorUsers.vendorId })
    .from(vendorUsers)
    .where(
      and(
        eq(vendorUsers.tenantId, sql.placeholder('tenantId')),
        eq(vendorUsers.membershipId, sql.placeholder('membershipId')),
      ),
    )
    .prepare('auth_membership_vendor');
  const clientOf = db
    .select({ clientId: clientUsers.clientId, contactId: clientUsers.contactId })
    .from(clientUsers)
    .where(
      and(
        eq(clientUsers.tenantId, sql.placeholder('tenantId')),
        eq(clientUsers.membershipId, sql.placeholder('membershipId')),
      ),
    )
    .prepare('auth_membership_client');

  return {
    async apiToken(tokenHash: string) {
      const [row] = await apiToken.execute({ tokenHash });
      return row;
    },
    async liveSession(tokenHash: string, now: Date) {
      const [row] = await liveSession.execute({ tokenHash, now: now.toISOString() });
      return row;
    },
    /** What a member may see, or null when the membership is gone or deactivated (as loadScope). */
    async scope(tenantId: string, membershipId: string): Promise<Scope | null> {
      const [row] = await membership.execute({ tenantId, membershipId });
      if (!row) return null;
      if (row.role === 'vendor') {
        // A vendor's person sees no client through the staff routes; the portal asks by vendor.
        const [vendor] = await vendorOf.execute({ tenantId, membershipId });
        if (!vendor) return null;
        const { identityId, role } = row;
        return { tenantId, identityId, membershipId, role, clientIds: [], vendorId: vendor.vendorId };
      }
      if (isClientRole(row.role)) {
        const [client] = await clientOf.execute({ tenantId, membershipId });
        return client ? clientScope({ ...row, membershipId }, client) : null;
      }
      return {
        tenantId,
        identityId: row.identityId,
        membershipId,
        role: row.role,
        clientIds: row.allClients
          ? 'all'
          : (await clientIds.execute({ tenantId, membershipId })).map((r) => r.clientId),
      };
    },
  };
}
