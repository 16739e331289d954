// Builds one migrated template database per run and engine; every test file clones it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { withDatabase } from './scratch-database.ts';

export { withDatabase };

declare module 'vitest' {
  interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: { url: string; template: string; prefix: string };
  }
}

async function pgliteTemplate(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'accord-test-'));
  const handle = await openDatabase({ engine: 'pglite', dataDir: null });
  await migrateDatabase(handle);
  const dump = await (handle as { pglite: PGlite }).pglite.dumpDataDir('none');
  await handle.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function postgresTemplate(project: TestProject, url: string) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const prefix = `accord_t_${runId}`;
  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const handle = await openDatabase({ engine: 'postgres', url: withDatabase(url, template) });
  await migrateDatabase(handle);
  await handle.close();
  project.provide('postgresTemplate', { url, template, prefix });
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}

export default async function setup(project: TestProject) {
  const engine = project.config.env?.ACCORD_TEST_ENGINE;
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    return postgresTemplate(project, url);
  }
  return pgliteTemplate(project);
}
