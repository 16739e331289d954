// Opens the database: PGlite in DATA_DIR (embedded) or PostgreSQL through a pg pool, behind one Drizzle type.
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { createLogger, type Logger } from '../observability/logger.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a repository can query through: the root handle or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseTarget =
  /** dataDir null keeps the data in memory; loadDataDir starts from a dump (test templates). */
  { engine: 'pglite'; dataDir: string | null; loadDataDir?: Blob } | { engine: 'postgres'; url: string };

export type DatabaseHandle =
  | { engine: 'pglite'; db: Database; pglite: PGlite; close(): Promise<void> }
  | { engine: 'postgres'; db: Database; pool: pg.Pool; close(): Promise<void> };

const drizzleOptions = { schema, casing: 'snake_case' } as const;

// pg hands int8 and numeric back as strings; counts and cents fit in a double, so both engines agree.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

const fallbackLogger = createLogger('info');

export async function openDatabase(
  target: DatabaseTarget,
  options: { logger?: Logger } = {},
): Promise<DatabaseHandle> {
  if (target.engine === 'pglite') {
    const pglite = await PGlite.create({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    });
    const db = drizzlePglite({ client: pglite, ...drizzleOptions }) as unknown as Database;
    return { engine: 'pglite', db, pglite, close: () => pglite.close() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10, types: pgTypes });
  // An idle client's connection dropped; pg replaces it on the next query.
  pool.on('error', (error) =>
    (options.logger ?? fallbackLogger).error({ err: error }, 'PostgreSQL pool error'),
  );
  const db = drizzleNodePg({ client: pool, ...drizzleOptions }) as unknown as Database;
  return { engine: 'postgres', db, pool, close: () => pool.end() };
}

/** Plain SQL without parameters on either engine, for housekeeping queries outside the schema. */
export async function queryRows<T>(handle: DatabaseHandle, text: string): Promise<T[]> {
  if (handle.engine === 'pglite') return (await handle.pglite.query<T>(text)).rows;
  return (await handle.pool.query(text)).rows as T[];
}
