import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../../test/database.ts';
import { withDatabase } from '../../../test/global-setup.ts';
import { parseConfig } from '../config.ts';
import { startServer } from '../main.ts';
import { type DatabaseHandle, openDatabase } from './client.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { migrateDatabase } from './migrate.ts';

async function emptyDatabase(): Promise<{ open(): Promise<DatabaseHandle>; drop(): Promise<void> }> {
  if (testEngine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'accord-migrate-'));
    return {
      open: () => openDatabase({ engine: 'pglite', dataDir: dir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `accord_migrate_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  return {
    open: () => openDatabase({ engine: 'postgres', url: withDatabase(url, name) }),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function tableCount(handle: DatabaseHandle): Promise<number> {
  const result = (await handle.db.execute(
    sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
  )) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]!.n);
}

describe('migrations', () => {
  it('apply once when several starts race, and again are a no-op', async () => {
    const database = await emptyDatabase();
    try {
      if (testEngine === 'postgres') {
        const [a, b] = await Promise.all([database.open(), database.open()]);
        await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
        await b.close();
        await migrateDatabase(a);
        expect(await tableCount(a)).toBeGreaterThan(10);
        await a.close();
      } else {
        const handle = await database.open();
        await Promise.all([migrateDatabase(handle), migrateDatabase(handle)]);
        await migrateDatabase(handle);
        expect(await tableCount(handle)).toBeGreaterThan(10);
        await handle.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe.runIf(testEngine === 'pglite')('embedded server', () => {
  it('refuses a second server on the same data directory and leaves the first serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-serve-'));
    const config = parseConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dir });
    const first = await startServer(config);
    try {
      await expect(startServer(config)).rejects.toThrow(DataDirLockedError);
      const response = await fetch(`${first.url}/api/v1/setup`);
      expect(response.status).toBe(200);
    } finally {
      await first.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
