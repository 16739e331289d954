// Start-up refuses a PostgreSQL with synchronous_commit off (set on a throwaway database), unless overridden.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDatabase, testEngine } from '../../../test/database.ts';
import { withDatabase } from '../../../test/global-setup.ts';
import { parseConfig } from '../config.ts';
import { openMigratedDatabase } from '../main.ts';
import { createLogger } from '../observability/logger.ts';
import { queryRows } from './client.ts';
import { assertDurable, readDurabilitySettings, UnsafeDurabilityError } from './durability.ts';

function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

test('the test database itself is durable, so start-up accepts it', async () => {
  const handle = await openTestDatabase();
  try {
    const logs = captureLogs();
    await assertDurable(handle, { allowUnsafe: false, logger: logs.logger });
    expect(logs.lines).toEqual([]);
  } finally {
    await handle.close();
  }
});

describe.skipIf(testEngine !== 'postgres')('PostgreSQL with synchronous_commit off', () => {
  const name = `accord_unsafe_${randomBytes(4).toString('hex')}`;
  let url = '';
  let admin: pg.Client;

  beforeAll(async () => {
    const adminUrl = process.env.TEST_DATABASE_URL ?? '';
    url = withDatabase(adminUrl, name);
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    // Applies to new sessions in that database only; the server's own setting is untouched.
    await admin.query(`alter database ${name} set synchronous_commit = off`);
  });
  afterAll(async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  test('start-up refuses it, names the setting and writes nothing', async () => {
    const config = parseConfig({ DATABASE_URL: url });
    const logs = captureLogs();
    const opening = openMigratedDatabase(config, logs.logger);
    await expect(opening).rejects.toThrow(UnsafeDurabilityError);
    await expect(opening).rejects.toThrow(/synchronous_commit is off/);
    await expect(opening).rejects.toThrow(/ALLOW_UNSAFE_DURABILITY=true/);
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    try {
      const { rows } = await probe.query("select 1 from pg_namespace where nspname = 'drizzle'");
      expect(rows).toEqual([]); // no migration ran
    } finally {
      await probe.end();
    }
  });

  test('ALLOW_UNSAFE_DURABILITY=true starts anyway and logs a warning naming the setting', async () => {
    const config = parseConfig({ DATABASE_URL: url, ALLOW_UNSAFE_DURABILITY: 'true' });
    const logs = captureLogs();
    const database = await openMigratedDatabase(config, logs.logger);
    try {
      expect(await readDurabilitySettings(database.handle)).toEqual({
        fsync: 'on',
        synchronousCommit: 'off',
      });
      const [migrations] = await queryRows<{ count: number }>(
        database.handle,
        'select count(*)::int as count from drizzle.__drizzle_migrations',
      );
      expect(migrations?.count).toBeGreaterThan(0);
      const warning = logs.lines.find((line) => line.level === 40);
      expect(warning?.msg).toMatch(/synchronous_commit is off.*ALLOW_UNSAFE_DURABILITY=true/);
    } finally {
      await database.close();
    }
  });
});
