// SLA policies: per-priority targets in business minutes, versioned like calendars.
import { priorities, type SlaPolicy, type SlaPolicyInput } from '../../../shared/api/sla-policies.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import * as repo from './sla-policies.repository.ts';

type PolicyWithVersion = NonNullable<Awaited<ReturnType<typeof repo.findPolicy>>>;

function toPolicy({ policy, version }: PolicyWithVersion): SlaPolicy {
  return {
    id: policy.id,
    name: policy.name,
    version: version.version,
    calendarId: version.calendarId,
    targets: version.targets,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}

function toVersion(row: repo.SlaPolicyVersionRow) {
  return {
    id: row.id,
    policyId: row.policyId,
    version: row.version,
    calendarId: row.calendarId,
    targets: row.targets,
    createdAt: row.createdAt.toISOString(),
  };
}

const notFound = () => new AppError('sla_policy.not_found', 'SLA policy not found.');

export function createSlaPolicyService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  calendarExists(db: Executor, tenantId: string, id: string): Promise<boolean>;
}) {
  const { db, actions, clock } = deps;

  async function requirePolicy(tx: Executor, tenantId: string, id: string) {
    const row = await repo.findPolicy(tx, tenantId, id);
    if (!row) throw notFound();
    return row;
  }

  async function checkCalendars(tx: Executor, tenantId: string, input: SlaPolicyInput) {
    const referenced: [string[], string][] = [
      [['calendarId'], input.calendarId],
      ...priorities.flatMap((p): [string[], string][] => {
        const calendarId = input.targets[p].calendarId;
        return calendarId ? [[['targets', p, 'calendarId'], calendarId]] : [];
      }),
    ];
    for (const [path, calendarId] of referenced) {
      if (!(await deps.calendarExists(tx, tenantId, calendarId))) {
        throw new AppError('request.invalid', `${path.join('.')}: no such calendar.`, [
          { path, message: 'No such calendar' },
        ]);
      }
    }
  }

  return {
    async list(scope: Scope): Promise<SlaPolicy[]> {
      return (await repo.listPolicies(db, scope.tenantId)).map(toPolicy);
    },

    async get(scope: Scope, id: string): Promise<SlaPolicy> {
      return toPolicy(await requirePolicy(db, scope.tenantId, id));
    },

    async versions(scope: Scope, id: string) {
      await requirePolicy(db, scope.tenantId, id);
      return (await repo.listVersions(db, scope.tenantId, id)).map(toVersion);
    },

    async create(actor: Actor, input: SlaPolicyInput): Promise<SlaPolicy> {
      return actions.run(actor, 'sla_policy.create', async (tx, audit) => {
        const { tenantId, membershipId } = actor.scope;
        await checkCalendars(tx, tenantId, input);
        const id = await repo.insertPolicy(tx, { tenantId, name: input.name, currentVersion: 1 });
        await repo.insertVersion(tx, {
          tenantId,
          policyId: id,
          version: 1,
          calendarId: input.calendarId,
          targets: input.targets,
          createdBy: membershipId,
        });
        const policy = toPolicy(await requirePolicy(tx, tenantId, id));
        audit.target('sla_policy', id);
        audit.change(null, policy);
        return policy;
      });
    },

    /** Changed targets or calendar become a new version; a rename alone does not. */
    async update(actor: Actor, id: string, input: SlaPolicyInput): Promise<SlaPolicy> {
      return actions.run(actor, 'sla_policy.update', async (tx, audit) => {
        const { tenantId, membershipId } = actor.scope;
        const current = await requirePolicy(tx, tenantId, id);
        audit.target('sla_policy', id);
        await checkCalendars(tx, tenantId, input);
        const now = clock.now();
        const unchanged =
          current.version.calendarId === input.calendarId &&
          canonicalJson(current.version.targets) === canonicalJson(input.targets);
        if (unchanged) {
          await repo.renamePolicy(tx, tenantId, id, input.name, now);
        } else {
          const version = await repo.bumpVersion(tx, tenantId, id, input.name, now);
          await repo.insertVersion(tx, {
            tenantId,
            policyId: id,
            version: version!,
            calendarId: input.calendarId,
            targets: input.targets,
            createdBy: membershipId,
          });
        }
        const policy = toPolicy(await requirePolicy(tx, tenantId, id));
        audit.change(toPolicy(current), policy);
        return policy;
      });
    },

    async exists(tx: Executor, tenantId: string, id: string): Promise<boolean> {
      return (await repo.findPolicy(tx, tenantId, id)) !== undefined;
    },
  };
}

export type SlaPolicyService = ReturnType<typeof createSlaPolicyService>;
