// `accord restore`: checks a backup file end to end, migrates the target to the backup's level, loads
// every table in one transaction (parents first), verifies the counts, then applies newer migrations.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DatabaseHandle } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import {
  type AppliedMigration,
  BACKED_UP_SCHEMA,
  CANONICAL_TEXT_SETTINGS,
  listTables,
  openSession,
  quoteIdent,
  readMigrationLevel,
  type SqlSession,
  type TableInfo,
} from './backup-catalog.ts';
import {
  type BackupContents,
  BackupError,
  type BackupRow,
  type BackupTableStart,
  readBackupFile,
} from './backup-file.ts';

// Same depth from src/server/backup and dist/server/backup (as in db/migrate.ts).
const migrationsFolder = fileURLToPath(new URL('../../../db/migrations', import.meta.url));
const INSERT_ROWS = 200;

export interface RestoreSummary {
  tables: number;
  rows: number;
  /** Migrations newer than the backup, applied after loading it. */
  migratedAfter: number;
}

const qualified = (table: string) => `${quoteIdent(BACKED_UP_SCHEMA)}.${quoteIdent(table)}`;

function assertKnownMigrations(backup: AppliedMigration[]) {
  const committed = readMigrationFiles({ migrationsFolder });
  for (const [index, migration] of backup.entries()) {
    const known = committed[index];
    if (!known || known.folderMillis !== migration.createdAt || known.hash !== migration.hash) {
      throw new BackupError(
        `The backup was made by a different or newer version of Accord (its migration ${index + 1} is not ` +
          'this version’s). Restore it with the Accord version that made it, or a newer one. Nothing was changed.',
      );
    }
  }
}

function assertTargetLevel(target: AppliedMigration[], backup: AppliedMigration[]) {
  const isPrefix =
    target.length <= backup.length &&
    target.every((m, i) => m.hash === backup[i]?.hash && m.createdAt === backup[i]?.createdAt);
  if (!isPrefix) {
    throw new BackupError(
      `The target database is at a newer migration level (${target.length}) than the backup (${backup.length}). ` +
        'Restore into an empty database instead. Nothing was changed.',
    );
  }
}

async function countRows(session: SqlSession, tables: TableInfo[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of tables) {
    const [row] = await session.query<{ n: string }>(
      `select count(*)::text as n from ${qualified(table.name)}`,
    );
    counts.set(table.name, Number(row?.n ?? 0));
  }
  return counts;
}

/** Applies the committed migrations up to and including `level` (drizzle only ever migrates to the end). */
async function migrateTo(handle: DatabaseHandle, level: AppliedMigration[]) {
  const last = level.at(-1)?.createdAt ?? 0;
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((entry) => entry.when <= last);
  const folder = mkdtempSync(join(tmpdir(), 'accord-restore-migrations-'));
  try {
    mkdirSync(join(folder, 'meta'));
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal));
    for (const entry of journal.entries) {
      copyFileSync(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
    }
    if (handle.engine === 'pglite') {
      await migratePglite(drizzlePglite({ client: handle.pglite }), { migrationsFolder: folder });
    } else {
      await migrateNodePg(drizzleNodePg({ client: handle.pool }), { migrationsFolder: folder });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function assertSameTables(target: TableInfo[], contents: BackupContents) {
  const byName = new Map(target.map((t) => [t.name, t]));
  const problems: string[] = [];
  for (const table of contents.tables) {
    const here = byName.get(table.name);
    if (!here) {
      problems.push(`table ${table.name} does not exist here`);
      continue;
    }
    const columns = new Set(here.columns.map((c) => c.name));
    const missing = table.columns.filter((c) => !columns.has(c.name)).map((c) => c.name);
    const extra = [...columns].filter((name) => !table.columns.some((c) => c.name === name));
    if (missing.length || extra.length) {
      problems.push(
        `table ${table.name} differs (backup only: ${missing.join(', ') || '-'}; here only: ${extra.join(', ') || '-'})`,
      );
    }
    byName.delete(table.name);
  }
  for (const name of byName.keys()) problems.push(`table ${name} is not in the backup`);
  if (problems.length) {
    throw new BackupError(
      `The backup does not match this database's tables: ${problems.join('; ')}. Nothing was changed.`,
    );
  }
}

async function insertRows(
  session: SqlSession,
  target: TableInfo,
  table: BackupTableStart,
  rows: BackupRow[],
) {
  const types = new Map(target.columns.map((c) => [c.name, c.type]));
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  for (let start = 0; start < rows.length; start += INSERT_ROWS) {
    const chunk = rows.slice(start, start + INSERT_ROWS);
    const params: (string | null)[] = [];
    // Values travel as text and are cast by the target, the inverse of the backup's ::text.
    const tuples = chunk.map((row) => {
      const cells = row.map((value, i) => {
        params.push(value);
        return `$${params.length}::text::${types.get(table.columns[i]?.name ?? '')}`;
      });
      return `(${cells.join(', ')})`;
    });
    await session.query(
      `insert into ${qualified(table.name)} (${columns}) values ${tuples.join(', ')}`,
      params,
    );
  }
}

/**
 * Restores `file` into `handle`. Refuses a target that holds any row unless `force` (which replaces
 * everything in it, in the same transaction as the load). A damaged file changes nothing.
 */
export async function restoreBackup(
  handle: DatabaseHandle,
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreSummary> {
  // First pass: the whole file is checked before the target is touched.
  const contents = await readBackupFile(file);
  const backupLevel = contents.header.migrations;
  assertKnownMigrations(backupLevel);
  const session = await openSession(handle);
  try {
    assertTargetLevel(await readMigrationLevel(session), backupLevel);
    const existing = await countRows(session, await listTables(session));
    const occupied = [...existing].filter(([, n]) => n > 0);
    if (occupied.length && !options.force) {
      const rows = occupied.reduce((sum, [, n]) => sum + n, 0);
      throw new BackupError(
        `The target database is not empty (${rows} rows in ${occupied.length} tables, e.g. ${occupied[0]?.[0]}). ` +
          'Restore into an empty database, or pass --force to replace everything in it. Nothing was changed.',
      );
    }
    await migrateTo(handle, backupLevel);

    await session.query('begin');
    try {
      for (const setting of CANONICAL_TEXT_SETTINGS) await session.query(setting);
      const tables = await listTables(session);
      assertSameTables(tables, contents);
      if (options.force && tables.length) {
        await session.query(`truncate table ${tables.map((t) => qualified(t.name)).join(', ')}`);
      }
      const byName = new Map(tables.map((t) => [t.name, t]));
      // Second pass: the file is read again (and checked again) while loading in its order, parents first.
      await readBackupFile(file, async (event) => {
        if (event.kind !== 'rows') return;
        const target = byName.get(event.table.name);
        if (target) await insertRows(session, target, event.table, event.rows);
      });
      const loaded = await countRows(session, tables);
      for (const table of contents.tables) {
        if (loaded.get(table.name) !== table.rows) {
          throw new BackupError(
            `Table ${table.name} has ${loaded.get(table.name)} rows after loading, expected ${table.rows}. Nothing was changed.`,
          );
        }
      }
      await session.query('commit');
    } catch (error) {
      await session.query('rollback');
      throw error;
    }
  } finally {
    session.release();
  }
  const pendingBefore = readMigrationFiles({ migrationsFolder }).length - backupLevel.length;
  await migrateDatabase(handle);
  return { tables: contents.tables.length, rows: contents.rows, migratedAfter: Math.max(0, pendingBefore) };
}
