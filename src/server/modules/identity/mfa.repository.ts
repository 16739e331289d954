// Every query of two-factor sign-in, password changes and the organization's sign-in rules (mfa.service.ts).
import { and, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type IdentityRow, requiresMfaSql } from './identity.repository.ts';
import { identities, memberships, mfaRecoveryCodes, sessions, tenants } from './identity.table.ts';

/** The identity row, locked until the transaction ends (one TOTP code or recovery code, used once). */
export async function lockIdentity(db: Executor, id: string): Promise<IdentityRow | undefined> {
  const [row] = await db.select().from(identities).where(eq(identities.id, id)).for('update');
  return row;
}

export async function setPendingTotpSecret(db: Executor, id: string, sealed: string): Promise<void> {
  await db.update(identities).set({ totpPendingSecret: sealed }).where(eq(identities.id, id));
}

export async function enableTotp(
  db: Executor,
  id: string,
  values: { sealed: string; step: number; at: Date },
): Promise<void> {
  await db
    .update(identities)
    .set({
      totpSecret: values.sealed,
      totpPendingSecret: null,
      totpEnabledAt: values.at,
      totpLastStep: values.step,
    })
    .where(eq(identities.id, id));
}

export async function setTotpLastStep(db: Executor, id: string, step: number): Promise<void> {
  await db.update(identities).set({ totpLastStep: step }).where(eq(identities.id, id));
}

export async function disableTotp(db: Executor, id: string): Promise<void> {
  await db
    .update(identities)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(identities.id, id));
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.identityId, id));
}

export async function replaceRecoveryCodes(
  db: Executor,
  identityId: string,
  codeHashes: string[],
  now: Date,
): Promise<void> {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.identityId, identityId));
  await db
    .insert(mfaRecoveryCodes)
    .values(codeHashes.map((codeHash) => ({ identityId, codeHash, createdAt: now })));
}

/** Marks the code used; false when it is not one of the identity's unused codes. */
export async function spendRecoveryCode(db: Executor, identityId: string, codeHash: string, now: Date) {
  const rows = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(mfaRecoveryCodes.identityId, identityId),
        eq(mfaRecoveryCodes.codeHash, codeHash),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: mfaRecoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: Executor, identityId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.identityId, identityId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Whether any organization the identity is an active member of requires MFA of it (by its role there). */
export async function anyMembershipRequiresMfa(db: Executor, identityId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.identityId, identityId), isNull(memberships.deactivatedAt), requiresMfaSql));
  return (row?.n ?? 0) > 0;
}

/** Active memberships of the identity in organizations other than this one. */
export async function countMembershipsElsewhere(db: Executor, identityId: string, tenantId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.identityId, identityId),
        ne(memberships.tenantId, tenantId),
        isNull(memberships.deactivatedAt),
      ),
    );
  return row?.n ?? 0;
}

export async function setPassword(db: Executor, id: string, passwordHash: string, now: Date): Promise<void> {
  await db
    .update(identities)
    .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
    .where(eq(identities.id, id));
}

export async function findSecuritySettings(db: Executor, tenantId: string) {
  const [row] = await db
    .select({
      mfaRequiredForStaff: tenants.mfaRequiredForStaff,
      mfaRequiredForClientUsers: tenants.mfaRequiredForClientUsers,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!row) throw new Error(`tenant ${tenantId} is missing`);
  return row;
}

export async function updateSecuritySettings(
  db: Executor,
  tenantId: string,
  values: { mfaRequiredForStaff: boolean; mfaRequiredForClientUsers: boolean },
  now: Date,
): Promise<void> {
  await db
    .update(tenants)
    .set({ ...values, updatedAt: now })
    .where(eq(tenants.id, tenantId));
}

/** Password sessions in the tenant whose identity has no authenticator must set one up next. */
export async function sendUnenrolledSessionsToEnroll(db: Executor, tenantId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ mfaPending: 'enroll' })
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.method, 'password'),
        isNull(sessions.mfaPending),
        inArray(
          sessions.identityId,
          db.select({ id: identities.id }).from(identities).where(isNull(identities.totpEnabledAt)),
        ),
      ),
    );
}
