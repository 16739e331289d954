// Every query on single sign-on providers, the provider accounts linked to identities, and sign-ins in
// flight.
import { and, arrayContains, arrayOverlaps, asc, eq, isNull, lte, not, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { ssoLinks, ssoLoginAttempts, ssoProviders } from './sso.table.ts';

export type SsoProviderRow = typeof ssoProviders.$inferSelect;
export type SsoLinkRow = typeof ssoLinks.$inferSelect;
export type SsoLoginAttemptRow = typeof ssoLoginAttempts.$inferSelect;

export async function listProviders(db: Executor, scope: Scope): Promise<SsoProviderRow[]> {
  return db
    .select()
    .from(ssoProviders)
    .where(eq(ssoProviders.tenantId, scope.tenantId))
    .orderBy(asc(ssoProviders.name), asc(ssoProviders.id));
}

export async function findProvider(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<SsoProviderRow | undefined> {
  return findTenantProvider(db, scope.tenantId, id);
}

/** For the sign-in callback, which knows the tenant from its login attempt rather than a scope. */
export async function findTenantProvider(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<SsoProviderRow | undefined> {
  const [row] = await db
    .select()
    .from(ssoProviders)
    .where(and(eq(ssoProviders.tenantId, tenantId), eq(ssoProviders.id, id)));
  return row;
}

export async function insertProvider(
  db: Executor,
  values: typeof ssoProviders.$inferInsert,
): Promise<SsoProviderRow> {
  const [row] = await db.insert(ssoProviders).values(values).returning();
  return row!;
}

export async function updateProvider(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<Omit<typeof ssoProviders.$inferInsert, 'tenantId' | 'id'>>,
): Promise<SsoProviderRow> {
  const [row] = await db
    .update(ssoProviders)
    .set(values)
    .where(and(eq(ssoProviders.tenantId, tenantId), eq(ssoProviders.id, id)))
    .returning();
  return row!;
}

/** The provider with its links and sign-ins in flight. */
export async function deleteProvider(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.delete(ssoLinks).where(and(eq(ssoLinks.tenantId, tenantId), eq(ssoLinks.providerId, id)));
  await db
    .delete(ssoLoginAttempts)
    .where(and(eq(ssoLoginAttempts.tenantId, tenantId), eq(ssoLoginAttempts.providerId, id)));
  await db.delete(ssoProviders).where(and(eq(ssoProviders.tenantId, tenantId), eq(ssoProviders.id, id)));
}

/** Serializes the domain check and the write that follows it across the install (one enabled owner each). */
export async function lockProviderDomains(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7311000006)`);
}

/** Enabled providers, in any tenant, that claim any of the domains; `except` is the provider being saved. */
export async function findEnabledProvidersWithDomains(
  db: Executor,
  domains: readonly string[],
  except: { tenantId: string; id: string } | null,
): Promise<Pick<SsoProviderRow, 'emailDomains'>[]> {
  return db
    .select({ emailDomains: ssoProviders.emailDomains })
    .from(ssoProviders)
    .where(
      and(
        eq(ssoProviders.enabled, true),
        arrayOverlaps(ssoProviders.emailDomains, [...domains]),
        except
          ? not(and(eq(ssoProviders.tenantId, except.tenantId), eq(ssoProviders.id, except.id))!)
          : undefined,
      ),
    );
}

/** The enabled provider, in any tenant, for an email domain (at most one, see lockProviderDomains). */
export async function findEnabledProviderForDomain(
  db: Executor,
  domain: string,
): Promise<SsoProviderRow | undefined> {
  const [row] = await db
    .select()
    .from(ssoProviders)
    .where(and(eq(ssoProviders.enabled, true), arrayContains(ssoProviders.emailDomains, [domain])))
    .orderBy(asc(ssoProviders.createdAt))
    .limit(1);
  return row;
}

export async function insertLoginAttempt(
  db: Executor,
  values: typeof ssoLoginAttempts.$inferInsert,
): Promise<void> {
  await db.insert(ssoLoginAttempts).values(values);
}

/** Deletes the attempt and returns it: whoever deletes it first is the only one who gets it. */
export async function takeLoginAttempt(
  db: Executor,
  stateHash: string,
): Promise<SsoLoginAttemptRow | undefined> {
  const [row] = await db
    .delete(ssoLoginAttempts)
    .where(eq(ssoLoginAttempts.stateHash, stateHash))
    .returning();
  return row;
}

export async function deleteExpiredLoginAttempts(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(ssoLoginAttempts)
    .where(lte(ssoLoginAttempts.expiresAt, now))
    .returning({ id: ssoLoginAttempts.id });
  return rows.length;
}

export async function findLink(
  db: Executor,
  providerId: string,
  subject: string,
): Promise<SsoLinkRow | undefined> {
  const [row] = await db
    .select()
    .from(ssoLinks)
    .where(and(eq(ssoLinks.providerId, providerId), eq(ssoLinks.subject, subject)));
  return row;
}

export async function findLinkOfIdentity(
  db: Executor,
  tenantId: string,
  providerId: string,
  identityId: string,
): Promise<SsoLinkRow | undefined> {
  const [row] = await db
    .select()
    .from(ssoLinks)
    .where(
      and(
        eq(ssoLinks.tenantId, tenantId),
        eq(ssoLinks.providerId, providerId),
        eq(ssoLinks.identityId, identityId),
      ),
    );
  return row;
}

/** False when the subject was linked meanwhile (two first sign-ins at once). */
export async function insertLink(db: Executor, values: typeof ssoLinks.$inferInsert): Promise<boolean> {
  const rows = await db.insert(ssoLinks).values(values).onConflictDoNothing().returning({ id: ssoLinks.id });
  return rows.length > 0;
}

export async function touchLink(db: Executor, link: SsoLinkRow, now: Date): Promise<void> {
  await db
    .update(ssoLinks)
    .set({ lastSignInAt: now })
    .where(and(eq(ssoLinks.tenantId, link.tenantId), eq(ssoLinks.id, link.id)));
}

/** The identity with this email (any case) that is an active member of the tenant, or undefined. */
export async function findMemberIdentityByEmail(
  db: Executor,
  tenantId: string,
  email: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: identities.id })
    .from(identities)
    .innerJoin(memberships, eq(memberships.identityId, identities.id))
    .where(
      and(
        sql`lower(${identities.email}) = ${email.toLowerCase()}`,
        eq(memberships.tenantId, tenantId),
        isNull(memberships.deactivatedAt),
      ),
    );
  return row?.id;
}

export async function isActiveMember(db: Executor, tenantId: string, identityId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.identityId, identityId),
        eq(memberships.tenantId, tenantId),
        isNull(memberships.deactivatedAt),
      ),
    );
  return row !== undefined;
}
