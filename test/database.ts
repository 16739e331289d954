// Per-file test databases cloned from the run's migrated template, on the engine the project names.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/server/db/client.ts';
import { withDatabase } from './scratch-database.ts';

export type TestEngine = 'pglite' | 'postgres';

export const testEngine: TestEngine = process.env.ACCORD_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (testEngine === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openDatabase({ engine: 'pglite', dataDir: null, loadDataDir: template });
  }
  const { url, template, prefix } = inject('postgresTemplate');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  return openDatabase({ engine: 'postgres', url: withDatabase(url, name) });
}
