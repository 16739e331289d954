// Every query on tenants, identities, memberships, sessions and API tokens (second factors: mfa.repository.ts).
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { clientUsers, membershipClients } from '../clients/clients.table.ts';
import { vendorUsers } from '../vendors/vendors.table.ts';
import {
  apiTokens,
  identities,
  isClientRole,
  loginFailures,
  memberships,
  sessions,
  staffRoles,
  tenants,
} from './identity.table.ts';

export type IdentityRow = typeof identities.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function countTenants(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tenants);
  return row?.n ?? 0;
}

export async function insertTenant(
  db: Executor,
  name: string,
  policy?: { mfaRequiredForStaff: boolean },
): Promise<string> {
  const [row] = await db
    .insert(tenants)
    .values({ name, ...policy })
    .returning({ id: tenants.id });
  return row!.id;
}

/** A membership row's MFA rule, read from its tenant: staff and portal people have their own. */
export const requiresMfaSql = sql<boolean>`case when ${inArray(memberships.role, [...staffRoles])} then ${tenants.mfaRequiredForStaff} else ${tenants.mfaRequiredForClientUsers} end`;

/**
 * Whether the tenant requires MFA of the identity's membership there: its staff rule for staff, its
 * portal rule (mfaRequiredForClientUsers) for the portals' people. Required when unknown.
 */
export async function tenantRequiresMfaOf(
  db: Executor,
  tenantId: string,
  identityId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ required: requiresMfaSql })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.identityId, identityId)));
  return row?.required ?? true;
}

export async function findIdentityByEmail(db: Executor, email: string): Promise<IdentityRow | undefined> {
  const [row] = await db
    .select()
    .from(identities)
    .where(sql`lower(${identities.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findIdentity(db: Executor, id: string): Promise<IdentityRow | undefined> {
  const [row] = await db.select().from(identities).where(eq(identities.id, id));
  return row;
}

export async function insertIdentity(
  db: Executor,
  values: { email: string; name: string; passwordHash: string },
): Promise<string> {
  const [row] = await db.insert(identities).values(values).returning({ id: identities.id });
  return row!.id;
}

export async function insertMembership(
  db: Executor,
  values: { tenantId: string; identityId: string; role: MembershipRow['role']; allClients: boolean },
): Promise<string> {
  const [row] = await db.insert(memberships).values(values).returning({ id: memberships.id });
  return row!.id;
}

export async function replaceMembershipClients(
  db: Executor,
  tenantId: string,
  membershipId: string,
  clientIds: readonly string[],
): Promise<void> {
  await db
    .delete(membershipClients)
    .where(and(eq(membershipClients.tenantId, tenantId), eq(membershipClients.membershipId, membershipId)));
  if (clientIds.length > 0) {
    await db
      .insert(membershipClients)
      .values(clientIds.map((clientId) => ({ tenantId, membershipId, clientId })));
  }
}

export async function membershipClientIds(db: Executor, tenantId: string, membershipId: string) {
  const rows = await db
    .select({ clientId: membershipClients.clientId })
    .from(membershipClients)
    .where(and(eq(membershipClients.tenantId, tenantId), eq(membershipClients.membershipId, membershipId)))
    .orderBy(asc(membershipClients.clientId));
  return rows.map((row) => row.clientId);
}

export async function findActiveMembership(
  db: Executor,
  tenantId: string,
  membershipId: string,
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.id, membershipId),
        isNull(memberships.deactivatedAt),
      ),
    );
  return row;
}

/** The vendor a `vendor` membership speaks for. */
export async function membershipVendorId(db: Executor, tenantId: string, membershipId: string) {
  const [row] = await db
    .select({ vendorId: vendorUsers.vendorId })
    .from(vendorUsers)
    .where(and(eq(vendorUsers.tenantId, tenantId), eq(vendorUsers.membershipId, membershipId)));
  return row?.vendorId;
}

/** A client portal member's scope: their client alone, as the contact they are. */
export function clientScope(
  member: { tenantId: string; identityId: string; membershipId: string; role: MembershipRow['role'] },
  client: { clientId: string; contactId: string },
): Scope {
  const { tenantId, identityId, membershipId, role } = member;
  return { tenantId, identityId, membershipId, role, clientIds: [client.clientId], clientContact: client };
}

/** The scope a membership grants, or null when it is gone or deactivated. */
export async function loadScope(db: Executor, tenantId: string, membershipId: string): Promise<Scope | null> {
  const membership = await findActiveMembership(db, tenantId, membershipId);
  if (!membership) return null;
  if (membership.role === 'vendor') {
    const vendorId = await membershipVendorId(db, tenantId, membershipId);
    if (!vendorId) return null;
    const { identityId, role } = membership;
    return { tenantId, identityId, membershipId, role, clientIds: [], vendorId };
  }
  if (isClientRole(membership.role)) {
    const [client] = await db
      .select({ clientId: clientUsers.clientId, contactId: clientUsers.contactId })
      .from(clientUsers)
      .where(and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.membershipId, membershipId)));
    return client ? clientScope({ ...membership, membershipId }, client) : null;
  }
  return {
    tenantId,
    identityId: membership.identityId,
    membershipId,
    role: membership.role,
    clientIds: membership.allClients ? 'all' : await membershipClientIds(db, tenantId, membershipId),
  };
}

export async function listActiveMemberships(db: Executor, identityId: string) {
  return db
    .select({
      membershipId: memberships.id,
      tenantId: memberships.tenantId,
      tenantName: tenants.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.identityId, identityId), isNull(memberships.deactivatedAt)))
    .orderBy(asc(tenants.name));
}

export async function findTenantName(db: Executor, tenantId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.name;
}

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function findLiveSession(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function setSessionMembership(
  db: Executor,
  tokenHash: string,
  tenantId: string,
  membershipId: string,
): Promise<void> {
  await db.update(sessions).set({ tenantId, membershipId }).where(eq(sessions.tokenHash, tokenHash));
}

export async function rotateSession(
  db: Executor,
  oldTokenHash: string,
  values: { tokenHash: string; csrfToken: string; mfaPending?: 'verify' | 'enroll' | null },
): Promise<void> {
  await db.update(sessions).set(values).where(eq(sessions.tokenHash, oldTokenHash));
}

export async function touchSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(lte(sessions.expiresAt, now))
    .returning({ hash: sessions.tokenHash });
  return rows.length;
}

export async function deleteSessionsOfMembership(
  db: Executor,
  tenantId: string,
  membershipId: string,
): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.membershipId, membershipId)))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

/** Live sessions of an identity, newest first (install-wide: a session may not have chosen a tenant). */
export async function listSessionsOfIdentity(db: Executor, identityId: string, now: Date) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.identityId, identityId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** Live sessions acting in one membership of one tenant, newest first. */
export async function listSessionsOfMembership(db: Executor, scope: Scope, membershipId: string, now: Date) {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tenantId, scope.tenantId),
        eq(sessions.membershipId, membershipId),
        gt(sessions.expiresAt, now),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** Ends one of an identity's sessions by its id; the row as it was, or undefined when not theirs. */
export async function deleteSessionOfIdentity(
  db: Executor,
  identityId: string,
  id: string,
): Promise<SessionRow | undefined> {
  const [row] = await db
    .delete(sessions)
    .where(and(eq(sessions.identityId, identityId), eq(sessions.id, id)))
    .returning();
  return row;
}

/** Ends every session of an identity but one (the caller's own; null keeps none). */
export async function deleteOtherSessionsOfIdentity(
  db: Executor,
  identityId: string,
  keepTokenHash: string | null,
): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(
      keepTokenHash
        ? and(eq(sessions.identityId, identityId), ne(sessions.tokenHash, keepTokenHash))
        : eq(sessions.identityId, identityId),
    )
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

export async function insertLoginFailure(db: Executor, values: typeof loginFailures.$inferInsert) {
  await db.insert(loginFailures).values(values);
}

/**
 * The `limit`-th most recent failure since `since` for an address tried or a client IP: while it
 * exists the key is locked, until it leaves the window. Undefined when under the limit.
 */
export async function nthRecentLoginFailure(
  db: Executor,
  key: { email: string } | { ip: string },
  since: Date,
  limit: number,
): Promise<Date | undefined> {
  const match = 'email' in key ? eq(loginFailures.email, key.email) : eq(loginFailures.ip, key.ip);
  const [row] = await db
    .select({ occurredAt: loginFailures.occurredAt })
    .from(loginFailures)
    .where(and(match, gt(loginFailures.occurredAt, since)))
    .orderBy(desc(loginFailures.occurredAt))
    .limit(1)
    .offset(limit - 1);
  return row?.occurredAt;
}

export async function deleteLoginFailuresOfEmail(db: Executor, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}

export async function deleteLoginFailuresBefore(db: Executor, before: Date): Promise<number> {
  const rows = await db
    .delete(loginFailures)
    .where(lte(loginFailures.occurredAt, before))
    .returning({ id: loginFailures.id });
  return rows.length;
}

export async function insertApiToken(
  db: Executor,
  values: typeof apiTokens.$inferInsert,
): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listApiTokens(db: Executor, scope: Scope): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, scope.tenantId), eq(apiTokens.membershipId, scope.membershipId)))
    .orderBy(asc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Executor, scope: Scope, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiTokens.tenantId, scope.tenantId),
        eq(apiTokens.membershipId, scope.membershipId),
        eq(apiTokens.id, id),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function touchApiToken(db: Executor, token: ApiTokenRow, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.tenantId, token.tenantId), eq(apiTokens.id, token.id)));
}

const isStaff = inArray(memberships.role, [...staffRoles]);

/** The tenant's staff (the portals' people are their vendor's or client's business). */
export async function listMembers(db: Executor, tenantId: string) {
  return db
    .select({ membership: memberships, identity: identities })
    .from(memberships)
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(and(eq(memberships.tenantId, tenantId), isStaff))
    .orderBy(asc(identities.name));
}

/** A staff member, active or not. */
export async function findMember(db: Executor, tenantId: string, membershipId: string) {
  const [row] = await db
    .select({ membership: memberships, identity: identities })
    .from(memberships)
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId), isStaff));
  return row;
}

export async function updateMembership(
  db: Executor,
  tenantId: string,
  membershipId: string,
  values: Partial<Pick<MembershipRow, 'role' | 'allClients' | 'deactivatedAt'>>,
  now: Date,
): Promise<void> {
  await db
    .update(memberships)
    .set({ ...values, updatedAt: now })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)));
}

export async function countActiveOwners(db: Executor, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.role, 'owner'),
        isNull(memberships.deactivatedAt),
      ),
    );
  return row?.n ?? 0;
}

/** Serializes first-run setup: two concurrent requests cannot both create the first tenant. */
export async function lockSetup(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7311000002)`);
}
