// Throwaway PostgreSQL databases for tests and benchmarks; no vitest here, so bench/ can use it too.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops the database, disconnecting anyone still on it. */
  drop(): Promise<void>;
}

/** Runs one statement on the server at `adminUrl` over a short-lived connection. */
async function runAdmin(adminUrl: string, sql: string, connectionTimeoutMillis?: number): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates an empty, never-migrated database named `accord_<label>_<random>` on the server at `adminUrl`. */
export async function createScratchDatabase(
  adminUrl: string,
  label: string,
  options: { connectionTimeoutMillis?: number } = {},
): Promise<ScratchDatabase> {
  const name = `accord_${label}_${randomBytes(4).toString('hex')}`;
  await runAdmin(adminUrl, `create database ${name}`, options.connectionTimeoutMillis);
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => runAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
