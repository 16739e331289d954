// Backups round-trip a whole demo tenant between engines, and a bad file or a non-empty target changes nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../../../test/database.ts';
import { createScratchDatabase } from '../../../test/scratch-database.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { loadDemo } from '../demo/demo.ts';
import { DEMO_PASSWORD } from '../demo/demo-data.ts';
import { createServices } from '../main.ts';
import {
  CANONICAL_TEXT_SETTINGS,
  listTables,
  openSession,
  readMigrationLevel,
  selectAsText,
} from './backup-catalog.ts';
import { BackupError, restoreBackup, writeBackup } from './index.ts';

const postgresUrl = testEngine === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
const dir = mkdtempSync(join(tmpdir(), 'accord-backup-test-'));
const cleanups: (() => Promise<void>)[] = [];

/** Every table's rows as canonical text, ordered by primary key: what "the same data" means here. */
async function snapshot(handle: DatabaseHandle) {
  const session = await openSession(handle);
  try {
    await session.query('begin isolation level repeatable read read only');
    for (const setting of CANONICAL_TEXT_SETTINGS) await session.query(setting);
    const tables: Record<string, unknown[]> = {};
    for (const table of await listTables(session))
      tables[table.name] = await session.query(selectAsText(table));
    await session.query('rollback');
    return { tables, migrations: await readMigrationLevel(session) };
  } finally {
    session.release();
  }
}

async function freshPglite(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ engine: 'pglite', dataDir: null });
  cleanups.push(() => handle.close());
  return handle;
}

/** A new, never-migrated PostgreSQL database, dropped after the file. */
async function freshPostgres(url: string): Promise<DatabaseHandle> {
  const scratch = await createScratchDatabase(url, 'backup');
  const handle = await openDatabase({ engine: 'postgres', url: scratch.url });
  cleanups.push(async () => {
    await handle.close();
    await scratch.drop();
  });
  return handle;
}

async function withDemo(handle: DatabaseHandle): Promise<DatabaseHandle> {
  await migrateDatabase(handle);
  await loadDemo(handle.db, createServices({ db: handle.db }), { password: DEMO_PASSWORD });
  return handle;
}

let source: DatabaseHandle;
let sourceFile: string;
let sourceSnapshot: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  source = await withDemo(await openTestDatabase());
  cleanups.push(() => source.close());
  sourceFile = join(dir, `source-${testEngine}.accord-backup.gz`);
  await writeBackup(source, sourceFile);
  sourceSnapshot = await snapshot(source);
}, 240_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function expectSameData(actual: Awaited<ReturnType<typeof snapshot>>, expected: typeof actual) {
  expect(Object.keys(actual.tables)).toEqual(Object.keys(expected.tables));
  for (const [name, rows] of Object.entries(expected.tables)) {
    expect(actual.tables[name], `table ${name}`).toEqual(rows);
  }
  expect(actual.migrations).toEqual(expected.migrations);
}

describe(`backup and restore (${testEngine})`, () => {
  it('backs up every table of the demo tenant, with its tickets, events and time entries', () => {
    for (const table of [
      'tenants',
      'identities',
      'memberships',
      'clients',
      'tickets',
      'ticket_events',
      'time_entries',
    ]) {
      expect(sourceSnapshot.tables[table]?.length, table).toBeGreaterThan(0);
    }
    expect(sourceSnapshot.tables.tickets?.length).toBeGreaterThanOrEqual(190);
  });

  it(`restores a ${testEngine} backup into a never-migrated PGlite database row for row`, async () => {
    const target = await freshPglite();
    const summary = await restoreBackup(target, sourceFile);
    expect(summary.rows).toBe(Object.values(sourceSnapshot.tables).reduce((n, rows) => n + rows.length, 0));
    expectSameData(await snapshot(target), sourceSnapshot);
  }, 120_000);

  it.runIf(postgresUrl)(
    'restores a PGlite backup into a never-migrated PostgreSQL database row for row',
    async () => {
      const pglite = await withDemo(await freshPglite());
      const file = join(dir, 'pglite-source.accord-backup.gz');
      await writeBackup(pglite, file);
      const target = await freshPostgres(postgresUrl!);
      await restoreBackup(target, file);
      expectSameData(await snapshot(target), await snapshot(pglite));
    },
    240_000,
  );

  it('refuses to restore into a database that holds data, and leaves it as it was', async () => {
    await expect(restoreBackup(source, sourceFile)).rejects.toThrow(/not empty .*--force/s);
    expectSameData(await snapshot(source), sourceSnapshot);
  }, 60_000);

  it('replaces everything with --force, in one transaction', async () => {
    const target = await openTestDatabase();
    cleanups.push(() => target.close());
    await restoreBackup(target, sourceFile);
    await restoreBackup(target, sourceFile, { force: true });
    expectSameData(await snapshot(target), sourceSnapshot);
  }, 120_000);

  it('refuses a truncated, corrupted or edited file with a clear error and changes nothing', async () => {
    const bytes = readFileSync(sourceFile);
    const truncated = join(dir, 'truncated.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const corrupted = join(dir, 'corrupted.gz');
    const flipped = Buffer.from(bytes);
    const middle = Math.floor(bytes.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    writeFileSync(corrupted, flipped);
    // Valid gzip whose content was changed: only the checksum in the end line catches it.
    const edited = join(dir, 'edited.gz');
    writeFileSync(
      edited,
      gzipSync(gunzipSync(bytes).toString('utf8').replace('"Zoë', '"Zoe').replace(/"new"/, '"open"')),
    );
    const lines = gunzipSync(bytes).toString('utf8').split('\n');
    const cut = join(dir, 'cut.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));

    const target = await freshPglite();
    for (const file of [truncated, corrupted, edited, cut]) {
      const attempt = restoreBackup(target, file);
      await expect(attempt, file).rejects.toBeInstanceOf(BackupError);
      await expect(attempt, file).rejects.toThrow(/is not a complete Accord backup .*Nothing was changed/);
    }
    const after = await snapshot(target);
    expect(after.migrations).toEqual([]);
    expect(after.tables).toEqual({});
  }, 60_000);
});

describe.runIf(testEngine === 'pglite')('the accord backup and restore commands', () => {
  const exec = promisify(execFile);
  const cli = (args: string[], dataDir: string) =>
    exec(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      cwd: join(import.meta.dirname, '../../..'),
    });

  it('back up a stopped data directory and restore it into another, and refuse a running one', async () => {
    const from = join(dir, 'cli-from');
    const to = join(dir, 'cli-to');
    const file = join(dir, 'cli.accord-backup.gz');
    // The demo tenant, put in place by a restore (quicker than loading the demo again).
    const embedded = await openDatabase({ engine: 'pglite', dataDir: from });
    await restoreBackup(embedded, sourceFile);
    const expected = await snapshot(embedded);
    await embedded.close();

    const backup = await cli(['backup', '--out', file], from);
    expect(backup.stdout).toMatch(/Backed up \d+ rows in \d+ tables/);
    const restore = await cli(['restore', '--in', file], to);
    expect(restore.stdout).toMatch(/Restored \d+ rows/);
    const restored = await openDatabase({ engine: 'pglite', dataDir: to });
    try {
      expectSameData(await snapshot(restored), expected);
    } finally {
      await restored.close();
    }

    const lock = await lockDataDir(from);
    try {
      const refused = cli(['backup', '--out', join(dir, 'never.gz')], from);
      await expect(refused).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/in use by a running Accord process.*stop the server/s),
      });
    } finally {
      await lock.release();
    }
  }, 240_000);
});
