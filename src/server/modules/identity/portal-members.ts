// The people who sign in to a portal rather than the staff app (a vendor's people, a client's people):
// added by staff without a password, they set one through a one-time invitation. Someone whose email
// Accord already knows keeps their password and just gains the membership.
import { and, eq, isNull } from 'drizzle-orm';
import type { OneTimeLink } from '../../../shared/api/common.ts';
import type { TemplateKey } from '../../../shared/api/mail.ts';
import { INVITATION_DAYS } from '../../../shared/api/vendor-portal.ts';
import { newSecret, sha256 } from '../../crypto.ts';
import type { Executor } from '../../db/client.ts';
import { oneTimeLinks } from '../../db/one-time-links.ts';
import { AppError } from '../../http/app-error.ts';
import type { MemberRole } from '../../http/permissions.ts';
import type { MailService } from '../mail/index.ts';
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

/** Throws unless the person may be sent a new invitation: no password set yet, and still active. */
export function requireInvitable(
  row: { identity: { name: string; passwordHash: string }; membership: { deactivatedAt: Date | null } },
  inactive: AppError,
): void {
  if (row.identity.passwordHash !== NO_PASSWORD) {
    throw new AppError(
      'invitation.not_needed',
      `${row.identity.name} has set a password already: they sign in with it.`,
    );
  }
  if (row.membership.deactivatedAt) throw inactive;
}

/** The web page an invited person opens to set a password. */
export const invitationUrl = (origin: string, token: string) => `${origin}/invitation/${token}`;

/**
 * Mails a portal member their way in: someone without a password gets a fresh invitation (answered, to
 * show staff once), someone with one is told where to sign in (null).
 */
export async function mailInvitation(
  tx: Executor,
  mail: Pick<MailService, 'enqueue'>,
  values: {
    tenantId: string;
    membershipId: string;
    identity: { email: string; name: string; passwordHash: string };
    createdById: string;
    origin: string;
    now: Date;
  },
  message: { templateKey: TemplateKey; data: Record<string, string> },
): Promise<OneTimeLink | null> {
  const { tenantId, membershipId, identity, createdById, origin, now } = values;
  const link =
    identity.passwordHash === NO_PASSWORD
      ? await issueInvitation(tx, { tenantId, membershipId, createdById, now })
      : null;
  const url = link ? invitationUrl(origin, link.token) : `${origin}/login`;
  await mail.enqueue(tx, {
    tenantId,
    to: identity.email,
    templateKey: message.templateKey,
    data: {
      ...message.data,
      'recipient.name': identity.name,
      'invitation.url': url,
      'invitation.instructions': link
        ? `Choose your password here (the link works once, until ${link.expiresAt.toISOString().slice(0, 10)}):`
        : 'Sign in with the email and password you already use for Accord:',
    },
  });
  return link && { url, expiresAt: link.expiresAt.toISOString() };
}

/**
 * Changes a portal membership's role, or activates or deactivates it; deactivating ends its sessions (a
 * role change takes effect on the next request, as scopes are read per request).
 */
export async function updatePortalMembership(
  tx: Executor,
  tenantId: string,
  membershipId: string,
  change: { active?: boolean; role?: MemberRole },
  now: Date,
): Promise<void> {
  const { active, role } = change;
  await repo.updateMembership(
    tx,
    tenantId,
    membershipId,
    { ...(role && { role }), ...(active !== undefined && { deactivatedAt: active ? null : now }) },
    now,
  );
  if (active === false) await repo.deleteSessionsOfMembership(tx, tenantId, membershipId);
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
