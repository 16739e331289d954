// Staff members of a tenant: their role and client scope.
import type { AccountSession, User, UserInput, UserUpdate } from '../../../shared/api/identity.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { existingClientIds } from '../clients/index.ts';
import { toSessionView } from './auth.service.ts';
import * as repo from './identity.repository.ts';
import { hashPassword } from './secrets.ts';

type MemberRow = NonNullable<Awaited<ReturnType<typeof repo.findMember>>>;

function toUser(row: MemberRow, clientIds: string[]): User {
  return {
    id: row.membership.id,
    identityId: row.identity.id,
    name: row.identity.name,
    email: row.identity.email,
    // findMember answers staff only.
    role: row.membership.role as User['role'],
    allClients: row.membership.allClients,
    clientIds: row.membership.allClients ? [] : clientIds,
    active: row.membership.deactivatedAt === null,
    mfaEnabled: row.identity.totpEnabledAt !== null,
    createdAt: row.membership.createdAt.toISOString(),
  };
}

const userNotFound = () => new AppError('user.not_found', 'User not found.');

export function createUserService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function checkClients(tx: Executor, scope: Scope, clientIds: readonly string[]) {
    const unique = [...new Set(clientIds)];
    const found = new Set(await existingClientIds(tx, scope.tenantId, unique));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new AppError('request.invalid', 'Some clients in the scope do not exist.', [
        { path: ['clientIds'], message: `Unknown client(s): ${missing.join(', ')}` },
      ]);
    }
    return unique;
  }

  async function load(tx: Executor, tenantId: string, membershipId: string): Promise<User> {
    const row = await repo.findMember(tx, tenantId, membershipId);
    if (!row) throw userNotFound();
    return toUser(row, await repo.membershipClientIds(tx, tenantId, membershipId));
  }

  function assertMayGrant(actor: Actor, role: User['role']) {
    if (role === 'owner' && actor.scope.role !== 'owner') {
      throw new AppError('auth.forbidden', 'Only an owner can make someone an owner.');
    }
  }

  return {
    async list(scope: Scope): Promise<User[]> {
      const rows = await repo.listMembers(db, scope.tenantId);
      return Promise.all(
        rows.map(async (row) =>
          toUser(row, await repo.membershipClientIds(db, scope.tenantId, row.membership.id)),
        ),
      );
    },

    get: (scope: Scope, id: string) => load(db, scope.tenantId, id),

    /** Adds a staff member; an email already known to the install joins with its existing password. */
    async create(actor: Actor, input: UserInput): Promise<User> {
      assertMayGrant(actor, input.role);
      const passwordHash = await hashPassword(input.password);
      return actions.run(actor, 'user.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const existing = await repo.findIdentityByEmail(tx, input.email);
        if (
          existing &&
          (await repo.listActiveMemberships(tx, existing.id)).some((m) => m.tenantId === tenantId)
        ) {
          throw new AppError('user.email_taken', 'Someone with this email is already a member.');
        }
        const clientIds = input.allClients ? [] : await checkClients(tx, actor.scope, input.clientIds);
        const identityId =
          existing?.id ??
          (await repo.insertIdentity(tx, { email: input.email, name: input.name, passwordHash }));
        const membershipId = await repo.insertMembership(tx, {
          tenantId,
          identityId,
          role: input.role,
          allClients: input.allClients,
        });
        await repo.replaceMembershipClients(tx, tenantId, membershipId, clientIds);
        const user = await load(tx, tenantId, membershipId);
        audit.target('user', membershipId);
        audit.change(null, user);
        return user;
      });
    },

    async update(actor: Actor, id: string, input: UserUpdate): Promise<User> {
      if (input.role) assertMayGrant(actor, input.role);
      return actions.run(actor, 'user.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const current = await repo.findMember(tx, tenantId, id);
        if (!current) throw userNotFound();
        audit.target('user', id);
        const before = toUser(current, await repo.membershipClientIds(tx, tenantId, id));
        if (current.membership.role === 'owner' && actor.scope.role !== 'owner') {
          throw new AppError('auth.forbidden', 'Only an owner can change an owner.');
        }
        const now = clock.now();
        const deactivatedAt =
          input.active === undefined ? current.membership.deactivatedAt : input.active ? null : now;
        await repo.updateMembership(
          tx,
          tenantId,
          id,
          { role: input.role, allClients: input.allClients, deactivatedAt },
          now,
        );
        if (input.clientIds) {
          await repo.replaceMembershipClients(
            tx,
            tenantId,
            id,
            await checkClients(tx, actor.scope, input.clientIds),
          );
        }
        if (current.membership.role === 'owner' && (await repo.countActiveOwners(tx, tenantId)) === 0) {
          throw new AppError('user.last_owner', 'An organization needs at least one active owner.');
        }
        if (deactivatedAt) await repo.deleteSessionsOfMembership(tx, tenantId, id);
        const user = await load(tx, tenantId, id);
        audit.change(before, user);
        return user;
      });
    },

    /** A member's live sessions in this organization (sessions elsewhere are not this tenant's business). */
    async listSessions(scope: Scope, id: string): Promise<AccountSession[]> {
      if (!(await repo.findMember(db, scope.tenantId, id))) throw userNotFound();
      const rows = await repo.listSessionsOfMembership(db, scope, id, clock.now());
      return rows.map((row) => toSessionView(row, null));
    },

    /** "Sign out everywhere": ends every session of the member acting in this organization. */
    async revokeSessions(actor: Actor, id: string): Promise<number> {
      return actions.run(actor, 'user.revoke_sessions', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const current = await repo.findMember(tx, tenantId, id);
        if (!current) throw userNotFound();
        audit.target('user', id);
        if (current.membership.role === 'owner' && actor.scope.role !== 'owner') {
          throw new AppError('auth.forbidden', 'Only an owner can sign out an owner.');
        }
        const ids = await repo.deleteSessionsOfMembership(tx, tenantId, id);
        audit.change({ sessionIds: ids }, { sessionIds: [] });
        return ids.length;
      });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
