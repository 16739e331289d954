// `accord backup`: every row of Accord's tables, read in one repeatable-read snapshot, into one file.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { DatabaseHandle } from '../db/client.ts';
import {
  BACKED_UP_SCHEMA,
  CANONICAL_TEXT_SETTINGS,
  listTables,
  openSession,
  readMigrationLevel,
  type SqlSession,
  selectAsText,
} from './backup-catalog.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, createLineEncoder } from './backup-file.ts';

const FETCH_ROWS = 1000;

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
  migrations: number;
}

async function* backupLines(
  session: SqlSession,
  engine: DatabaseHandle['engine'],
  now: Date,
  summary: BackupSummary,
): AsyncGenerator<string> {
  const encoder = createLineEncoder();
  const migrations = await readMigrationLevel(session);
  if (migrations.length === 0) {
    throw new BackupError('This database has no Accord migrations applied, so there is nothing to back up.');
  }
  summary.migrations = migrations.length;
  yield encoder.line({
    kind: 'header',
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    engine,
    createdAt: now.toISOString(),
    schema: BACKED_UP_SCHEMA,
    migrations,
  });
  const tables = await listTables(session);
  for (const table of tables) {
    yield encoder.line({
      kind: 'table',
      name: table.name,
      columns: table.columns,
      primaryKey: table.primaryKey,
    });
    // A cursor keeps memory flat on big tables; it reads from the same snapshot as everything else.
    await session.query(`declare backup_rows no scroll cursor for ${selectAsText(table)}`);
    let rows = 0;
    for (;;) {
      const batch = await session.query<Record<string, string | null>>(
        `fetch ${FETCH_ROWS} from backup_rows`,
      );
      for (const row of batch) yield encoder.line(table.columns.map((c) => row[c.name] ?? null));
      rows += batch.length;
      if (batch.length < FETCH_ROWS) break;
    }
    await session.query('close backup_rows');
    yield encoder.line({ kind: 'table-end', name: table.name, rows });
    summary.tables += 1;
    summary.rows += rows;
  }
  yield encoder.end({ kind: 'end', tables: summary.tables, rows: summary.rows });
}

/**
 * Writes a backup of `handle` to `file`. The file appears only when complete (written beside it, then
 * renamed), so an interrupted backup never leaves something that looks like one.
 */
export async function writeBackup(
  handle: DatabaseHandle,
  file: string,
  options: { now?: Date } = {},
): Promise<BackupSummary> {
  const summary: BackupSummary = { file, tables: 0, rows: 0, migrations: 0 };
  const partial = `${file}.partial`;
  const session = await openSession(handle);
  try {
    await session.query('begin isolation level repeatable read read only');
    try {
      for (const setting of CANONICAL_TEXT_SETTINGS) await session.query(setting);
      await pipeline(
        Readable.from(backupLines(session, handle.engine, options.now ?? new Date(), summary)),
        createGzip(),
        createWriteStream(partial),
      );
    } finally {
      await session.query('rollback');
    }
    await rename(partial, file);
    return summary;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    session.release();
  }
}
