// Start-up refuses a PostgreSQL with synchronous_commit off (set on a throwaway database), unless overridden.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDatabase, testEngine } from '../../../test/database.ts';
import { captureLogs } from '../../../test/http.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { parseConfig } from '../config.ts';
import { openMigratedDatabase } from '../main.ts';
import { queryRows } from './client.ts';
import { assertDurable, readDurabilitySettings, UnsafeDurabilityError } from './durability.ts';

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
  let scratch: ScratchDatabase;
  let url = '';

  beforeAll(async () => {
    const adminUrl = process.env.TEST_DATABASE_URL ?? '';
    scratch = await createScratchDatabase(adminUrl, 'unsafe');
    url = scratch.url;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // Applies to new sessions in that database only; the server's own setting is untouched.
      await admin.query(`alter database ${scratch.name} set synchronous_commit = off`);
    } finally {
      await admin.end();
    }
  });
  afterAll(() => scratch?.drop());

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
