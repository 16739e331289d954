// A client's people in the client portal: staff invite a contact, as the company's admin (all its
// tickets) or a user (their own), change their role, and deactivate them when they leave. The contact's
// email is what they sign in with; someone Accord already knows keeps their password.
import type {
  ClientUser,
  ClientUserCreated,
  ClientUserInput,
  ClientUserUpdate,
} from '../../../shared/api/client-portal.ts';
import type { OneTimeLink } from '../../../shared/api/common.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import {
  addPortalMember,
  isClientRole,
  mailInvitation,
  NO_PASSWORD,
  requireInvitable,
  updatePortalMembership,
} from '../identity/index.ts';
import type { MailService } from '../mail/index.ts';
import * as repo from './client-users.repository.ts';
import { findClient, findContact } from './clients.repository.ts';

const clientNotFound = () => new AppError('client.not_found', 'Client not found.');
const userNotFound = () => new AppError('client_user.not_found', 'Portal user not found.');

function toClientUser(row: repo.ClientUserRow): ClientUser {
  const { role } = row.membership;
  if (!isClientRole(role)) throw new Error(`A client user with the role ${role}`);
  return {
    id: row.membership.id,
    clientId: row.clientId,
    contactId: row.contactId,
    name: row.identity.name,
    email: row.identity.email,
    role,
    active: row.membership.deactivatedAt === null,
    invitation: row.identity.passwordHash === NO_PASSWORD ? 'pending' : 'accepted',
    createdAt: row.membership.createdAt.toISOString(),
  };
}

export function createClientUserService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  mail: Pick<MailService, 'enqueue'>;
}) {
  const { db, actions, clock, mail } = deps;

  async function requireClient(tx: Executor, scope: Scope, id: string) {
    const client = await findClient(tx, scope, id);
    if (!client) throw clientNotFound();
    return client;
  }

  /** The portal user, when its client is one the scope sees. */
  async function requireUser(tx: Executor, scope: Scope, id: string) {
    const row = await repo.findClientUser(tx, scope.tenantId, id);
    if (!row || !(await findClient(tx, scope, row.clientId))) throw userNotFound();
    return row;
  }

  function invite(tx: Executor, actor: Actor, row: repo.ClientUserRow, clientName: string, origin: string) {
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
      { templateKey: 'client_user.invited', data: { 'client.name': clientName } },
    );
  }

  return {
    async list(scope: Scope, clientId: string): Promise<ClientUser[]> {
      await requireClient(db, scope, clientId);
      return (await repo.listClientUsers(db, scope.tenantId, clientId)).map(toClientUser);
    },

    async create(
      actor: Actor,
      clientId: string,
      input: ClientUserInput,
      origin: string,
    ): Promise<ClientUserCreated> {
      return actions.run(actor, 'client_user.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const client = await requireClient(tx, actor.scope, clientId);
        if (client.archivedAt) {
          throw new AppError('conflict', 'This client is archived: restore it first.');
        }
        const contact = await findContact(tx, actor.scope, input.contactId);
        if (!contact || contact.clientId !== clientId) {
          throw new AppError('request.invalid', 'The contact is not one of this client’s.', [
            { path: ['contactId'], message: 'No such contact at this client' },
          ]);
        }
        if (!contact.email) {
          throw new AppError(
            'client_user.contact_email_required',
            `${contact.name} has no email address to sign in with: add one to the contact first.`,
          );
        }
        if (await repo.findClientUserOfContact(tx, tenantId, contact.id)) {
          throw new AppError('client_user.exists', `${contact.name} has a portal user already.`);
        }
        const { membershipId } = await addPortalMember(tx, {
          tenantId,
          email: contact.email,
          name: contact.name,
          role: input.role,
        });
        await repo.insertClientUser(tx, { tenantId, membershipId, clientId, contactId: contact.id });
        const row = await requireUser(tx, actor.scope, membershipId);
        const invitation = await invite(tx, actor, row, client.name, origin);
        const user = toClientUser(row);
        audit.target('client_user', membershipId);
        audit.change(null, user);
        return { user, invitation };
      });
    },

    /** A new role, or deactivation (signed out at once) or reactivation. */
    async update(actor: Actor, id: string, input: ClientUserUpdate): Promise<ClientUser> {
      return actions.run(actor, 'client_user.update', async (tx, audit) => {
        const before = toClientUser(await requireUser(tx, actor.scope, id));
        audit.target('client_user', id);
        await updatePortalMembership(tx, actor.scope.tenantId, id, input, clock.now());
        const after = toClientUser(await requireUser(tx, actor.scope, id));
        audit.change(before, after);
        return after;
      });
    },

    /** A new invitation for someone who has not set a password yet; the earlier link stops working. */
    async reinvite(actor: Actor, id: string, origin: string): Promise<OneTimeLink> {
      return actions.run(actor, 'client_user.invite', async (tx, audit) => {
        const row = await requireUser(tx, actor.scope, id);
        audit.target('client_user', id);
        requireInvitable(
          row,
          new AppError('client_user.inactive', 'This portal user is deactivated: reactivate them first.'),
        );
        const client = await requireClient(tx, actor.scope, row.clientId);
        const invitation = (await invite(tx, actor, row, client.name, origin))!;
        audit.change(null, { invitation: { expiresAt: invitation.expiresAt } });
        return invitation;
      });
    },
  };
}

export type ClientUserService = ReturnType<typeof createClientUserService>;
