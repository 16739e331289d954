// Work roles (labour roles with their own rates on agreements) and which role each staff member logs time as.
import type { z } from 'zod';
import type {
  memberWorkRoleSchema,
  WorkRole,
  WorkRoleUpdate,
  workRoleInputSchema,
} from '../../../shared/api/agreements.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database } from '../../db/client.ts';
import { isNameTaken } from '../../db/unique-name.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { findMember } from '../identity/index.ts';
import * as repo from './agreements.repository.ts';
import { workRoles } from './agreements.table.ts';

const nameTaken = (name: string) =>
  new AppError('work_role.name_taken', `There is already a work role called "${name}".`);

function toWorkRole(row: repo.WorkRoleRow): WorkRole {
  return { id: row.id, name: row.name, position: row.position, archived: row.archivedAt !== null };
}

export function createWorkRoleService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;
  return {
    async list(scope: Scope): Promise<WorkRole[]> {
      return (await repo.listWorkRoles(db, scope.tenantId)).map(toWorkRole);
    },

    async create(actor: Actor, input: z.infer<typeof workRoleInputSchema>): Promise<WorkRole> {
      return actions.run(actor, 'work_role.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        if (await isNameTaken(tx, workRoles, tenantId, input.name)) throw nameTaken(input.name);
        const existing = await repo.listWorkRoles(tx, tenantId);
        const now = clock.now();
        const row = await repo.insertWorkRole(tx, {
          tenantId,
          name: input.name,
          position: existing.reduce((max, role) => Math.max(max, role.position + 1), 0),
          createdAt: now,
          updatedAt: now,
        });
        audit.target('work_role', row.id);
        audit.change(null, toWorkRole(row));
        return toWorkRole(row);
      });
    },

    async update(actor: Actor, id: string, input: WorkRoleUpdate): Promise<WorkRole> {
      return actions.run(actor, 'work_role.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const current = await repo.findWorkRole(tx, tenantId, id);
        if (!current) throw new AppError('work_role.not_found', 'Work role not found.');
        audit.target('work_role', id);
        if (input.name !== undefined && (await isNameTaken(tx, workRoles, tenantId, input.name, id))) {
          throw nameTaken(input.name);
        }
        const now = clock.now();
        const archivedAt =
          input.archived === undefined ? undefined : input.archived ? (current.archivedAt ?? now) : null;
        const row = await repo.updateWorkRole(tx, tenantId, id, {
          name: input.name,
          position: input.position,
          archivedAt,
          updatedAt: now,
        });
        audit.change(toWorkRole(current), toWorkRole(row!));
        return toWorkRole(row!);
      });
    },

    async listAssignments(scope: Scope): Promise<z.infer<typeof memberWorkRoleSchema>[]> {
      return repo.listMemberWorkRoles(db, scope.tenantId);
    },

    /** Gives a staff member a work role (null takes it away); their next time entries carry it. */
    async assign(actor: Actor, membershipId: string, workRoleId: string | null): Promise<void> {
      await actions.run(actor, 'user.work_role', async (tx, audit) => {
        const { tenantId } = actor.scope;
        if (!(await findMember(tx, tenantId, membershipId))) {
          throw new AppError('user.not_found', 'User not found.');
        }
        audit.target('membership', membershipId);
        if (workRoleId !== null) {
          const role = await repo.findWorkRole(tx, tenantId, workRoleId);
          if (!role) {
            throw new AppError('request.invalid', 'No such work role.', [
              { path: ['workRoleId'], message: 'No such work role' },
            ]);
          }
          if (role.archivedAt) {
            throw new AppError('work_role.archived', `The work role "${role.name}" is archived.`, [
              { path: ['workRoleId'], message: 'Archived' },
            ]);
          }
        }
        const before = await repo.findMemberWorkRole(tx, tenantId, membershipId);
        await repo.setMemberWorkRole(tx, tenantId, membershipId, workRoleId);
        audit.change({ workRoleId: before }, { workRoleId });
      });
    },
  };
}

export type WorkRoleService = ReturnType<typeof createWorkRoleService>;
