// The one wrapper every mutation runs through: one transaction with its actor. Audit events hang on
// the hooks, inside the same transaction; work that leaves the database (enqueueing mail or jobs)
// registers with afterCommit, because on PGlite a queue write inside the transaction would wait
// for the transaction forever, and on PostgreSQL it would escape it.
import type { Actor } from '../http/scope.ts';
import type { Database, Transaction } from './client.ts';

export interface ActionContext {
  tx: Transaction;
  actor: Actor;
  action: string;
  afterCommit(task: () => Promise<void>): void;
}

export type ActionHook = (context: ActionContext) => Promise<void>;

export interface ActionRunner {
  run<T>(actor: Actor, action: string, work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export function createActionRunner(db: Database, hooks: readonly ActionHook[] = []): ActionRunner {
  return {
    async run(actor, action, work) {
      const committed: (() => Promise<void>)[] = [];
      const afterCommit = (task: () => Promise<void>) => committed.push(task);
      const result = await db.transaction(async (tx) => {
        const value = await work(tx);
        for (const hook of hooks) await hook({ tx, actor, action, afterCommit });
        return value;
      });
      for (const task of committed) await task();
      return result;
    },
  };
}
