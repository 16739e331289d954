// What a backup covers, read from the live catalog: Accord's tables in `public`, their columns, keys and
// foreign-key order, and the drizzle migration level. Works the same on PGlite and PostgreSQL.
import type { DatabaseHandle } from '../db/client.ts';

/** One connection (PGlite has only one) on which a transaction can be opened with plain SQL. */
export interface SqlSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  release(): void;
}

export async function openSession(handle: DatabaseHandle): Promise<SqlSession> {
  if (handle.engine === 'pglite') {
    const { pglite } = handle;
    return {
      query: async <T>(text: string, params?: unknown[]) => (await pglite.query<T>(text, params)).rows,
      release: () => undefined,
    };
  }
  const client = await handle.pool.connect();
  return {
    query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    release: () => client.release(),
  };
}

/** Settings that make every value's text form canonical and independent of the server's defaults. */
export const CANONICAL_TEXT_SETTINGS = [
  "set local timezone to 'UTC'",
  "set local datestyle to 'ISO, YMD'",
  "set local intervalstyle to 'postgres'",
  'set local extra_float_digits to 3',
  "set local bytea_output to 'hex'",
];

export interface TableColumn {
  name: string;
  /** format_type() of the column, e.g. `timestamp with time zone`, `text[]`, `numeric(12,2)`. */
  type: string;
}

export interface TableInfo {
  name: string;
  columns: TableColumn[];
  primaryKey: string[];
  /** Other public tables this one references through foreign keys. */
  references: string[];
}

export const BACKED_UP_SCHEMA = 'public';

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Accord's tables in `public`, parents before children so rows can be inserted in this order. */
export async function listTables(session: SqlSession): Promise<TableInfo[]> {
  const columns = await session.query<{ table: string; name: string; type: string }>(
    `select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        and a.attgenerated = ''
      order by c.relname, a.attnum`,
    [BACKED_UP_SCHEMA],
  );
  const constraints = await session.query<{
    table: string;
    kind: string;
    columns: string[] | string;
    target: string | null;
  }>(
    `select c.relname as "table", k.contype as kind,
            array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, ord)
                    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
                   order by u.ord) as columns,
            t.relname as target
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_class t on t.oid = k.confrelid
      where n.nspname = $1 and k.contype in ('p', 'f')`,
    [BACKED_UP_SCHEMA],
  );
  const tables = new Map<string, TableInfo>();
  for (const column of columns) {
    const table = tables.get(column.table) ?? {
      name: column.table,
      columns: [],
      primaryKey: [],
      references: [],
    };
    table.columns.push({ name: column.name, type: column.type });
    tables.set(column.table, table);
  }
  for (const constraint of constraints) {
    const table = tables.get(constraint.table);
    if (!table) continue;
    if (constraint.kind === 'p') table.primaryKey = parseTextArray(constraint.columns);
    else if (constraint.target && constraint.target !== table.name) table.references.push(constraint.target);
  }
  return orderByForeignKeys([...tables.values()]);
}

// pg returns name[] arrays parsed; PGlite may hand back text[] as an array too, but be safe.
function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean)
    .map((v) => v.replace(/^"|"$/g, ''));
}

/** Parents first (stable by name); a cycle between tables is reported, since no insert order fits it. */
export function orderByForeignKeys(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: TableInfo, path: string[]) => {
    const seen = state.get(table.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      throw new Error(
        `Foreign keys form a cycle (${[...path, table.name].join(' -> ')}); no insert order fits.`,
      );
    }
    state.set(table.name, 'visiting');
    for (const parent of [...table.references].sort()) {
      const parentTable = byName.get(parent);
      if (parentTable) visit(parentTable, [...path, table.name]);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, []);
  return ordered;
}

export interface AppliedMigration {
  hash: string;
  /** The migration's folderMillis, which drizzle stores as created_at. */
  createdAt: number;
}

/** The drizzle migrations applied to this database, oldest first; empty when it was never migrated. */
export async function readMigrationLevel(session: SqlSession): Promise<AppliedMigration[]> {
  const [exists] = await session.query<{ present: boolean }>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  if (!exists?.present) return [];
  const rows = await session.query<{ hash: string; created_at: string }>(
    'select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id',
  );
  return rows.map((row) => ({ hash: row.hash, createdAt: Number(row.created_at) }));
}

/** `select` of every column as its canonical text, ordered by the primary key (or every column). */
export function selectAsText(table: TableInfo): string {
  const list = table.columns.map((c) => `${quoteIdent(c.name)}::text as ${quoteIdent(c.name)}`).join(', ');
  const order = (table.primaryKey.length ? table.primaryKey : table.columns.map((c) => c.name))
    .map((name) => `source.${quoteIdent(name)}`)
    .join(', ');
  // Qualified, so rows are ordered by the typed columns rather than by their text (collations differ).
  return `select ${list} from ${quoteIdent(BACKED_UP_SCHEMA)}.${quoteIdent(table.name)} as source order by ${order}`;
}
