// Lets pg-boss talk to embedded PGlite: the `db` object pg-boss accepts in place of its own pg pool.
import type { PGlite } from '@electric-sql/pglite';

/** The shape pg-boss calls (its `Db` interface). */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

// PGlite serves one caller at a time, so a pg-boss query issued from inside an app transaction on
// the same instance waits forever. Say so loudly instead of hanging silently.
const slowWaitMs = 10_000;

export function createPgliteDb(
  pglite: PGlite,
  warn: (message: string) => void = (message) => console.warn(message),
): PgBossDb {
  async function run(text: string, values: unknown[] | undefined): Promise<{ rows: unknown[] }> {
    if (values !== undefined) return await pglite.query(text, values);
    // No parameters: this may be one of pg-boss's `BEGIN; ...; COMMIT;` bundles (schema creation,
    // migration, maintenance). PostgreSQL ends such a block when a statement in it fails; PGlite
    // leaves it open and aborted, which would wedge the only connection for the whole app. Inside
    // transaction() an error is rolled back under the same lock, before any other query can run.
    // (On success the bundle's own COMMIT ends the block and the outer COMMIT is a no-op warning.)
    const results = await pglite.transaction((tx) => tx.exec(text));
    return results.at(-1) ?? { rows: [] };
  }

  return {
    async executeSql(text, values) {
      const timer = setTimeout(
        () =>
          warn(
            `pg-boss has waited ${slowWaitMs / 1000}s for PGlite; is a job sent from inside a transaction?`,
          ),
        slowWaitMs,
      );
      try {
        return await run(text, values);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
