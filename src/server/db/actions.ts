// The one wrapper every mutation runs through: one transaction with its actor, and exactly one audit
// event written inside it (docs/adr/0004-audit.md). The work names what it changed through `audit`;
// a run that does not name its target throws, so the transaction and the event roll back together.
// Work that leaves the database (enqueueing mail or jobs) registers with afterCommit, because on
// PGlite a queue write inside the transaction would wait for the transaction forever, and on
// PostgreSQL it would escape it.

import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { Actor } from '../http/scope.ts';
import { insertAuditEvent, snapshotWithoutSecrets } from '../modules/audit/index.ts';
import type { Database, Transaction } from './client.ts';

/** What the work tells the audit trail; `target` is required once per run. */
export interface AuditRecorder {
  /** The row the action changed; id null only for actions on many rows (list them in the change). */
  target(type: string, id: string | null): void;
  /** Snapshots before and after (null where the row did not or no longer exists). Secrets are dropped. */
  change(before: unknown, after: unknown): void;
}

export interface ActionContext {
  tx: Transaction;
  actor: Actor;
  action: string;
  afterCommit(task: () => Promise<void>): void;
}

export type ActionHook = (context: ActionContext) => Promise<void>;

export type ActionWork<T> = (tx: Transaction, audit: AuditRecorder) => Promise<T>;

export interface ActionRunner {
  run<T>(actor: Actor, action: string, work: ActionWork<T>): Promise<T>;
}

export class AuditTargetMissingError extends Error {
  constructor(action: string) {
    super(`Action "${action}" did not name its audit target: call audit.target(type, id) in its work.`);
    this.name = 'AuditTargetMissingError';
  }
}

export function createActionRunner(
  db: Database,
  options: { hooks?: readonly ActionHook[]; clock?: Clock } = {},
): ActionRunner {
  const hooks = options.hooks ?? [];
  const clock = options.clock ?? systemClock;
  return {
    async run(actor, action, work) {
      const committed: (() => Promise<void>)[] = [];
      const afterCommit = (task: () => Promise<void>) => committed.push(task);
      const result = await db.transaction(async (tx) => {
        let target: { type: string; id: string | null } | null = null;
        let change: { before: unknown; after: unknown } = { before: null, after: null };
        const audit: AuditRecorder = {
          target: (type, id) => {
            target = { type, id };
          },
          change: (before, after) => {
            change = { before, after };
          },
        };
        const value = await work(tx, audit);
        const named = target as { type: string; id: string | null } | null;
        if (!named) throw new AuditTargetMissingError(action);
        await insertAuditEvent(tx, {
          tenantId: actor.scope.tenantId,
          action,
          actorMembershipId: actor.scope.membershipId,
          actorIdentityId: actor.scope.identityId,
          actorApiTokenId: actor.apiTokenId ?? null,
          targetType: named.type,
          targetId: named.id,
          before: snapshotWithoutSecrets(change.before),
          after: snapshotWithoutSecrets(change.after),
          ip: actor.ip,
          userAgent: actor.userAgent?.slice(0, 500) ?? null,
          requestId: actor.requestId,
          occurredAt: clock.now(),
        });
        for (const hook of hooks) await hook({ tx, actor, action, afterCommit });
        return value;
      });
      for (const task of committed) await task();
      return result;
    },
  };
}
