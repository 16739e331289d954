// The backup file: gzip'd JSON lines, one format for both engines (docs/operations.md "Backup and restore").
//   {"kind":"header",...}                      format, version, engine, createdAt, migrations
//   {"kind":"table","name":..,"columns":[..]}  then one JSON array per row: each value's canonical
//   ["…", null, …]                             PostgreSQL text form (or null), cast back on restore
//   {"kind":"table-end","name":..,"rows":N}
//   {"kind":"end","tables":N,"rows":N,"sha256":..}  sha256 of every byte before this line
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

export const BACKUP_FORMAT = 'accord-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** A backup that cannot be taken or restored; the message is meant for the operator as it is. */
export class BackupError extends Error {}

const columnSchema = z.object({ name: z.string().min(1), type: z.string().min(1) });

export const headerSchema = z.object({
  kind: z.literal('header'),
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_FORMAT_VERSION),
  engine: z.enum(['pglite', 'postgres']),
  createdAt: z.iso.datetime(),
  schema: z.literal('public'),
  migrations: z.array(z.object({ hash: z.string().min(1), createdAt: z.number().int() })),
});
export type BackupHeader = z.infer<typeof headerSchema>;

const tableStartSchema = z.object({
  kind: z.literal('table'),
  name: z.string().min(1),
  columns: z.array(columnSchema).min(1),
  primaryKey: z.array(z.string()),
});
export type BackupTableStart = z.infer<typeof tableStartSchema>;

const tableEndSchema = z.object({
  kind: z.literal('table-end'),
  name: z.string(),
  rows: z.number().int().min(0),
});
const endSchema = z.object({
  kind: z.literal('end'),
  tables: z.number().int().min(0),
  rows: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupRow = (string | null)[];

export type BackupEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: BackupTableStart }
  | { kind: 'rows'; table: BackupTableStart; rows: BackupRow[] }
  | { kind: 'table-end'; table: BackupTableStart; rows: number };

export interface BackupContents {
  header: BackupHeader;
  tables: { name: string; columns: { name: string; type: string }[]; rows: number }[];
  rows: number;
}

/** Hashes lines as they are written so the end line can carry the checksum of everything before it. */
export function createLineEncoder() {
  const hash = createHash('sha256');
  return {
    line(value: unknown): string {
      const text = `${JSON.stringify(value)}\n`;
      hash.update(text);
      return text;
    },
    /** The end line, carrying the checksum of every line before it (and not hashed itself). */
    end(value: Record<string, unknown>): string {
      return `${JSON.stringify({ ...value, sha256: hash.digest('hex') })}\n`;
    },
  };
}

async function* readLines(file: string, hash: ReturnType<typeof createHash>): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    pending += decoder.write(chunk);
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      yield line;
      // Hashed after the consumer looked at it: the end line is not part of its own checksum.
      hash.update(`${line}\n`);
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.end();
  if (pending) yield pending;
}

function damaged(file: string, detail: string): BackupError {
  return new BackupError(`${file} is not a complete Accord backup (${detail}). Nothing was changed.`);
}

function parseLine<T>(file: string, lineNumber: number, line: string, schema: z.ZodType<T>, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw damaged(file, `line ${lineNumber} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw damaged(file, `line ${lineNumber} should be ${what}`);
  return parsed.data;
}

/**
 * Reads a backup from start to end, checking its structure, row shapes, counts and checksum, and hands
 * rows to `onEvent` in batches. Throws BackupError on anything short of a complete, intact file.
 */
export async function readBackupFile(
  file: string,
  onEvent: (event: BackupEvent) => Promise<void> | void = () => undefined,
  batchSize = 500,
): Promise<BackupContents> {
  try {
    await access(file);
  } catch {
    throw new BackupError(`Cannot read the backup file ${file}.`);
  }
  const hash = createHash('sha256');
  let header: BackupHeader | undefined;
  let table: BackupTableStart | undefined;
  let batch: BackupRow[] = [];
  let tableRows = 0;
  let totalRows = 0;
  let ended = false;
  const tables: BackupContents['tables'] = [];
  const names = new Set<string>();
  let lineNumber = 0;
  try {
    for await (const line of readLines(file, hash)) {
      lineNumber += 1;
      if (ended) throw damaged(file, `line ${lineNumber} follows the end marker`);
      if (!header) {
        header = parseLine(file, lineNumber, line, headerSchema, 'the Accord backup header');
        await onEvent({ kind: 'header', header });
        continue;
      }
      if (table && line.startsWith('[')) {
        const row = parseLine(file, lineNumber, line, z.array(z.string().nullable()), 'a row');
        if (row.length !== table.columns.length) {
          throw damaged(
            file,
            `line ${lineNumber} has ${row.length} values for ${table.columns.length} columns`,
          );
        }
        batch.push(row);
        tableRows += 1;
        if (batch.length >= batchSize) {
          await onEvent({ kind: 'rows', table, rows: batch });
          batch = [];
        }
        continue;
      }
      if (table) {
        const end = parseLine(file, lineNumber, line, tableEndSchema, `the end of table ${table.name}`);
        if (end.name !== table.name || end.rows !== tableRows) {
          throw damaged(file, `table ${table.name} should have ${end.rows} rows but has ${tableRows}`);
        }
        if (batch.length) await onEvent({ kind: 'rows', table, rows: batch });
        batch = [];
        await onEvent({ kind: 'table-end', table, rows: tableRows });
        tables.push({ name: table.name, columns: table.columns, rows: tableRows });
        totalRows += tableRows;
        table = undefined;
        continue;
      }
      const kind = (() => {
        try {
          return (JSON.parse(line) as { kind?: unknown }).kind;
        } catch {
          return undefined;
        }
      })();
      if (kind === 'end') {
        const end = parseLine(file, lineNumber, line, endSchema, 'the end marker');
        if (end.sha256 !== hash.copy().digest('hex')) throw damaged(file, 'its checksum does not match');
        if (end.tables !== tables.length || end.rows !== totalRows)
          throw damaged(file, 'its totals do not match');
        ended = true;
        continue;
      }
      table = parseLine(file, lineNumber, line, tableStartSchema, 'the start of a table');
      if (names.has(table.name)) throw damaged(file, `table ${table.name} appears twice`);
      names.add(table.name);
      tableRows = 0;
      await onEvent({ kind: 'table', table });
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || code === 'Z_NEED_DICT') {
      throw damaged(file, `it is truncated or corrupted: ${(error as Error).message}`);
    }
    throw error;
  }
  if (!header) throw damaged(file, 'it is empty');
  if (!ended) throw damaged(file, 'it ends before the end marker; the file is truncated');
  return { header, tables, rows: totalRows };
}
