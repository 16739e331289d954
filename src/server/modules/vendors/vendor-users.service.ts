// The vendor's people in the vendor portal: staff invite them by email, and deactivate them when they
// leave. An invitation is a one-time link to set a password; someone Accord already knows signs in with
// the password they have.
import type { VendorUser, VendorUserCreated, VendorUserInput } from '../../../shared/api/vendor-portal.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import {
  addPortalMember,
  mailInvitation,
  NO_PASSWORD,
  requireInvitable,
  updatePortalMembership,
} from '../identity/index.ts';
import type { MailService } from '../mail/index.ts';
import * as repo from './vendor-users.repository.ts';
import { findVendor } from './vendors.repository.ts';

const vendorNotFound = () => new AppError('vendor.not_found', 'Vendor not found.');
const userNotFound = () => new AppError('vendor_user.not_found', 'Vendor user not found.');

function toVendorUser(row: repo.VendorUserRow): VendorUser {
  return {
    id: row.membership.id,
    vendorId: row.vendorId,
    name: row.identity.name,
    email: row.identity.email,
    active: row.membership.deactivatedAt === null,
    invitation: row.identity.passwordHash === NO_PASSWORD ? 'pending' : 'accepted',
    createdAt: row.membership.createdAt.toISOString(),
  };
}

export function createVendorUserService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  mail: Pick<MailService, 'enqueue'>;
}) {
  const { db, actions, clock, mail } = deps;

  async function requireVendor(tx: Executor, scope: Scope, id: string) {
    const vendor = await findVendor(tx, scope, id);
    if (!vendor) throw vendorNotFound();
    return vendor;
  }

  async function requireUser(tx: Executor, scope: Scope, id: string) {
    const row = await repo.findVendorUser(tx, scope.tenantId, id);
    if (!row) throw userNotFound();
    return row;
  }

  /** Mails the invitation (or, for someone with a password, where to sign in). */
  function invite(tx: Executor, actor: Actor, row: repo.VendorUserRow, vendorName: string, origin: string) {
    return mailInvitation(
      tx,
      mail,
      {
        tenantId: actor.scope.tenantId,
        membershipId: row.membership.id,
        identity: row.identity,
        createdById: actor.scope.membershipId,
        origin,
        now: clock.now(),
      },
      { templateKey: 'vendor_user.invited', data: { 'vendor.name': vendorName } },
    );
  }

  return {
    async list(scope: Scope, vendorId: string): Promise<VendorUser[]> {
      await requireVendor(db, scope, vendorId);
      return (await repo.listVendorUsers(db, scope.tenantId, vendorId)).map(toVendorUser);
    },

    async create(
      actor: Actor,
      vendorId: string,
      input: VendorUserInput,
      origin: string,
    ): Promise<VendorUserCreated> {
      return actions.run(actor, 'vendor_user.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const vendor = await requireVendor(tx, actor.scope, vendorId);
        if (vendor.archivedAt) {
          throw new AppError('vendor.archived', 'This vendor is archived: restore it first.');
        }
        const { membershipId } = await addPortalMember(tx, { tenantId, ...input, role: 'vendor' });
        await repo.insertVendorUser(tx, { tenantId, membershipId, vendorId });
        const row = await requireUser(tx, actor.scope, membershipId);
        const invitation = await invite(tx, actor, row, vendor.name, origin);
        const user = toVendorUser(row);
        audit.target('vendor_user', membershipId);
        audit.change(null, user);
        return { user, invitation };
      });
    },

    /** Deactivating signs the person out at once; reactivating lets them sign in again. */
    async update(actor: Actor, id: string, input: { active: boolean }): Promise<VendorUser> {
      return actions.run(actor, 'vendor_user.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const before = toVendorUser(await requireUser(tx, actor.scope, id));
        audit.target('vendor_user', id);
        await updatePortalMembership(tx, tenantId, id, { active: input.active }, clock.now());
        const after = toVendorUser(await requireUser(tx, actor.scope, id));
        audit.change(before, after);
        return after;
      });
    },

    /** A new invitation for someone who has not set a password yet; the earlier link stops working. */
    async reinvite(actor: Actor, id: string, origin: string): Promise<{ url: string; expiresAt: string }> {
      return actions.run(actor, 'vendor_user.invite', async (tx, audit) => {
        const row = await requireUser(tx, actor.scope, id);
        audit.target('vendor_user', id);
        requireInvitable(
          row,
          new AppError('vendor_user.inactive', 'This vendor user is deactivated: reactivate them first.'),
        );
        const vendor = await requireVendor(tx, actor.scope, row.vendorId);
        const invitation = (await invite(tx, actor, row, vendor.name, origin))!;
        audit.change(null, { invitation: { expiresAt: invitation.expiresAt } });
        return invitation;
      });
    },
  };
}

export type VendorUserService = ReturnType<typeof createVendorUserService>;
