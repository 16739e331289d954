// The people who sign in to a portal rather than the staff app (a vendor's people now; clients' later):
// added by staff without a password, they set one through a one-time invitation. Someone whose email
// Accord already knows keeps their password and just gains the membership.
import { and, eq, isNull } from 'drizzle-orm';
import { INVITATION_DAYS } from '../../../shared/api/vendor-portal.ts';
import { newSecret, sha256 } from '../../crypto.ts';
import type { Executor } from '../../db/client.ts';
import { oneTimeLinks } from '../../db/one-time-links.ts';
import { AppError } from '../../http/app-error.ts';
import type { MemberRole } from '../../http/permissions.ts';
import * as repo from './identity.repository.ts';
import { identities, invitations, memberships } from './identity.table.ts';

const DAY_MS = 86_400_000;

/** The hash of an identity that has not set a password yet: no password verifies against it. */
export const NO_PASSWORD = '';

export const invitationLinks = oneTimeLinks(invitations);

/**
 * Adds a portal membership for the email: a new identity has no password until the invitation is
 * accepted. 409 when the person is a member of the tenant already, in any role.
 */
export async function addPortalMember(
  tx: Executor,
  values: { tenantId: string; email: string; name: string; role: MemberRole },
): Promise<{ membershipId: string; needsPassword: boolean }> {
  const existing = await repo.findIdentityByEmail(tx, values.email);
  if (existing) {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.tenantId, values.tenantId), eq(memberships.identityId, existing.id)));
    if (member) {
      throw new AppError(
        'user.email_taken',
        'Someone with this email is already a member of your organization.',
      );
    }
  }
  const identityId =
    existing?.id ??
    (await repo.insertIdentity(tx, { email: values.email, name: values.name, passwordHash: NO_PASSWORD }));
  const membershipId = await repo.insertMembership(tx, {
    tenantId: values.tenantId,
    identityId,
    role: values.role,
    allClients: false,
  });
  return { membershipId, needsPassword: (existing?.passwordHash ?? NO_PASSWORD) === NO_PASSWORD };
}

/** A fresh invitation for the membership; earlier ones stop working. The token is returned once. */
export async function issueInvitation(
  tx: Executor,
  values: { tenantId: string; membershipId: string; createdById: string; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  await tx
    .update(invitations)
    .set({ usedAt: values.now })
    .where(
      and(
        eq(invitations.tenantId, values.tenantId),
        eq(invitations.membershipId, values.membershipId),
        isNull(invitations.usedAt),
      ),
    );
  const token = newSecret();
  const expiresAt = new Date(values.now.getTime() + INVITATION_DAYS * DAY_MS);
  await invitationLinks.insert(tx, {
    tenantId: values.tenantId,
    membershipId: values.membershipId,
    tokenHash: sha256(token),
    expiresAt,
    createdById: values.createdById,
  });
  return { token, expiresAt };
}

/** Activates or deactivates a portal membership; deactivating ends its sessions. */
export async function setMembershipActive(
  tx: Executor,
  tenantId: string,
  membershipId: string,
  active: boolean,
  now: Date,
): Promise<void> {
  await repo.updateMembership(tx, tenantId, membershipId, { deactivatedAt: active ? null : now }, now);
  if (!active) await repo.deleteSessionsOfMembership(tx, tenantId, membershipId);
}

/** The live invitation's membership and person, while the membership is active. */
export async function findInvitation(tx: Executor, token: string, now: Date) {
  const link = await invitationLinks.findLive(tx, sha256(token), now);
  if (!link) return undefined;
  const [row] = await tx
    .select({ membership: memberships, identity: identities })
    .from(memberships)
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(
      and(
        eq(memberships.tenantId, link.tenantId),
        eq(memberships.id, link.membershipId),
        isNull(memberships.deactivatedAt),
      ),
    );
  // Someone who has set a password since (another invitation) needs none.
  if (!row || row.identity.passwordHash !== NO_PASSWORD) return undefined;
  return { link, ...row };
}
