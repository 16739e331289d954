// Accepting an invitation: the invited person reads who invites them, sets a password once, and from
// then on signs in like anyone else. The link is the credential, so it works once and only its hash is kept.
import { and, eq } from 'drizzle-orm';
import type { AcceptInvitationInput, PublicInvitation } from '../../../shared/api/vendor-portal.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestMeta } from '../../http/scope.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import { clients, clientUsers } from '../clients/clients.table.ts';
import { vendors, vendorUsers } from '../vendors/vendors.table.ts';
import { tenants } from './identity.table.ts';
import { setPassword } from './mfa.repository.ts';
import { findInvitation, invitationLinks } from './portal-members.ts';
import { hashPassword } from './secrets.ts';

const invitationNotFound = () =>
  new AppError('invitation.not_found', 'This invitation has been used or has expired: ask for a new one.');

async function invitedFor(db: Executor, tenantId: string, membershipId: string) {
  const [row] = await db
    .select({ mspName: tenants.name, vendorName: vendors.name, clientName: clients.name })
    .from(tenants)
    .leftJoin(
      vendorUsers,
      and(eq(vendorUsers.tenantId, tenants.id), eq(vendorUsers.membershipId, membershipId)),
    )
    .leftJoin(vendors, and(eq(vendors.tenantId, vendorUsers.tenantId), eq(vendors.id, vendorUsers.vendorId)))
    .leftJoin(
      clientUsers,
      and(eq(clientUsers.tenantId, tenants.id), eq(clientUsers.membershipId, membershipId)),
    )
    .leftJoin(clients, and(eq(clients.tenantId, clientUsers.tenantId), eq(clients.id, clientUsers.clientId)))
    .where(eq(tenants.id, tenantId));
  return {
    mspName: row?.mspName ?? '',
    vendorName: row?.vendorName ?? null,
    clientName: row?.clientName ?? null,
  };
}

export function createInvitationService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  async function open(tx: Executor, token: string) {
    const found = await findInvitation(tx, token, clock.now());
    if (!found) throw invitationNotFound();
    return found;
  }

  return {
    async publicView(token: string): Promise<PublicInvitation> {
      const { link, identity } = await open(db, token);
      return {
        ...(await invitedFor(db, link.tenantId, link.membershipId)),
        name: identity.name,
        email: identity.email,
        expiresAt: link.expiresAt.toISOString(),
      };
    },

    /** Sets the person's first password and spends the link. */
    async accept(token: string, input: AcceptInvitationInput, meta: RequestMeta): Promise<void> {
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const { link, identity, membership } = await open(tx, token);
        if (!(await invitationLinks.use(tx, link, now))) throw invitationNotFound();
        await setPassword(tx, identity.id, passwordHash, now);
        await recordSecurityEvent(tx, {
          action: 'auth.invitation_accepted',
          tenantId: link.tenantId,
          identityId: identity.id,
          membershipId: membership.id,
          ...meta,
          occurredAt: now,
        });
      });
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
