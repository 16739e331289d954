// The one wrapper every mutation runs through: one transaction with its actor, in which the work names
// what it changed through `audit` and the hooks (the audit module's event writer, wired in main.ts)
// then run (docs/adr/0004-audit.md). A run that does not name its target throws, so the transaction
// and whatever the hooks wrote roll back together.
// Work that leaves the database (enqueueing mail or jobs) registers with afterCommit, because on
// PGlite a queue write inside the transaction would wait for the transaction forever, and on
// PostgreSQL it would escape it.

import type { Actor } from '../http/scope.ts';
import type { Database, Transaction } from './client.ts';

/** What the work tells the audit trail; `target` is required once per run. */
export interface AuditRecorder {
  /** The row the action changed; id null only for actions on many rows (list them in the change). */
  target(type: string, id: string | null): void;
  /** Snapshots before and after (null where the row did not or no longer exists). */
  change(before: unknown, after: unknown): void;
}

/** What the work recorded: its target and the raw before/after snapshots (hooks drop secrets). */
export interface RecordedAudit {
  target: { type: string; id: string | null };
  before: unknown;
  after: unknown;
}

export interface ActionContext {
  tx: Transaction;
  actor: Actor;
  action: string;
  audit: RecordedAudit;
  afterCommit(task: () => Promise<void>): void;
}

export type ActionHook = (context: ActionContext) => Promise<void>;

export type ActionWork<T> = (tx: Transaction, audit: AuditRecorder) => Promise<T>;

export interface ActionRunner {
  run<T>(actor: Actor, action: string, work: ActionWork<T>): Promise<T>;
  /**
   * The same inside a transaction the caller holds (mail taken by the receiver, whose record of the
   * message commits with what it caused). Work there cannot register afterCommit.
   */
  runIn<T>(tx: Transaction, actor: Actor, action: string, work: ActionWork<T>): Promise<T>;
}

export class AuditTargetMissingError extends Error {
  constructor(action: string) {
    super(`Action "${action}" did not name its audit target: call audit.target(type, id) in its work.`);
    this.name = 'AuditTargetMissingError';
  }
}

export function createActionRunner(
  db: Database,
  options: { hooks?: readonly ActionHook[] } = {},
): ActionRunner {
  const hooks = options.hooks ?? [];

  async function perform<T>(
    tx: Transaction,
    actor: Actor,
    action: string,
    work: ActionWork<T>,
    afterCommit: (task: () => Promise<void>) => void,
  ): Promise<T> {
    let target: RecordedAudit['target'] | null = null;
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
    const named = target as RecordedAudit['target'] | null;
    if (!named) throw new AuditTargetMissingError(action);
    const recorded: RecordedAudit = { target: named, ...change };
    for (const hook of hooks) await hook({ tx, actor, action, audit: recorded, afterCommit });
    return value;
  }

  return {
    async run(actor, action, work) {
      const committed: (() => Promise<void>)[] = [];
      const result = await db.transaction((tx) =>
        perform(tx, actor, action, work, (task) => committed.push(task)),
      );
      for (const task of committed) await task();
      return result;
    },

    runIn(tx, actor, action, work) {
      return perform(tx, actor, action, work, () => {
        throw new Error(`Action "${action}" runs in its caller's transaction: it cannot wait for a commit.`);
      });
    },
  };
}
