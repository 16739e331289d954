// Applies the committed migrations under an advisory lock, so app nodes starting together migrate once.
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type DatabaseHandle, queryRows } from './client.ts';

// Same depth from src/server/db and dist/server/db.
const migrationsFolder = fileURLToPath(new URL('../../../db/migrations', import.meta.url));
const MIGRATION_LOCK = 7_311_000_001;

// PGlite has one session, where advisory locks are re-entrant; the DATA_DIR lock keeps other
// processes out, so only this process's own calls need queueing.
const pgliteRuns = new WeakMap<PGlite, Promise<void>>();

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'pglite') {
    const { pglite } = handle;
    const run = (pgliteRuns.get(pglite) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => migratePglite(drizzlePglite({ client: pglite }), { migrationsFolder }));
    pgliteRuns.set(pglite, run);
    return run;
  }
  // The lock is per session, so lock, migrate and unlock on one connection.
  const client = await handle.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

let committedMigrationMillis: number[] | undefined;

/**
 * How many of the committed migrations the database has not applied (drizzle applies them in
 * order and records each one's timestamp). Reads the migration files once per process.
 */
export async function countPendingMigrations(handle: DatabaseHandle): Promise<number> {
  committedMigrationMillis ??= readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
  const [applied] = await queryRows<{ latest: string | number | null }>(
    handle,
    'select max(created_at) as latest from drizzle.__drizzle_migrations',
  );
  const latest = Number(applied?.latest ?? 0);
  return committedMigrationMillis.filter((millis) => millis > latest).length;
}
