// Benchmark: the ticket queue (GET /api/v1/tickets) at 20k and 200k tickets against its own SQL run raw, per engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { type AppOptions, createApp } from '../src/server/app.ts';
import { type Database, type DatabaseHandle, openDatabase } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import * as schema from '../src/server/db/schema.ts';
import { createServices } from '../src/server/main.ts';
import { openTicketStatuses } from '../src/shared/api/ticket-enums.ts';
import { createScratchDatabase, type ScratchDatabase } from '../test/scratch-database.ts';
import { createFixture, type Fixture, loadTickets, query } from './ticket-queue-data.ts';

export type Engine = 'pglite' | 'postgres';

export interface QueueBenchOptions {
  engines?: readonly Engine[];
  /** Ticket counts to measure at, ascending; each loads only the tickets beyond the previous one. */
  sizes?: readonly number[];
  iterations?: number;
  warmup?: number;
  postgresUrl?: string;
  /** Extra SQL run after each load and before measuring, for trying things out. */
  setupSql?: readonly string[];
  /** Print EXPLAIN ANALYZE of the queue statement at each size. */
  explain?: boolean;
}

const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

const appOptions: AppOptions = { cookies: { secure: 'false', maxAgeSeconds: 3600 } };

interface Statement {
  sql: string;
  params: unknown[];
}

export interface Timing {
  p50: number;
  p95: number;
}

export interface QueueMeasurement {
  engine: Engine;
  tickets: number;
  /** 'Service Desk', or 'all' for the queue across boards (no boardId, the web app's default tab). */
  board: string;
  viewer: string;
  /** Tickets the filter matches (open, on the board if any, visible to the viewer). */
  matching: number;
  /** GET /api/v1/tickets through the Hono app, in process, bearer token, body read. */
  request: Timing;
  /** Every statement the request ran (authentication, then the queue), raw through the same driver. */
  requestSql: Timing;
  /** The queue statement alone, raw. */
  queueSql: Timing;
  statements: number;
  /** Size of the JSON page the API answered. */
  pageBytes: number;
}

export interface QueueBenchResult {
  date: string;
  node: string;
  /** One-minute load average before and after: the runs share a machine, so noise is part of the record. */
  loadAverage: [number, number];
  iterations: number;
  measurements: QueueMeasurement[];
  skipped: { engine: Engine; reason: string }[];
}

/** Progress goes to stderr; stdout carries only the Markdown. */
const log = (line: string) => console.error(line);

/** A fresh database: PGlite in a temporary directory, or a throwaway PostgreSQL database. */
export async function openEngine(
  engine: Engine,
  postgresUrl: string,
): Promise<{ handle: DatabaseHandle; dispose(): Promise<void> } | { skipped: string }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
    const handle = await openDatabase({ engine: 'pglite', dataDir: dir });
    return {
      handle,
      async dispose() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  let scratch: ScratchDatabase;
  try {
    scratch = await createScratchDatabase(postgresUrl, 'bench', { connectionTimeoutMillis: 3000 });
  } catch (error) {
    return { skipped: `PostgreSQL at ${postgresUrl} is unreachable (${(error as Error).message})` };
  }
  const handle = await openDatabase({ engine: 'postgres', url: scratch.url });
  return {
    handle,
    async dispose() {
      await handle.close();
      await scratch.drop();
    },
  };
}

/** The statements one request runs, recorded by a second Drizzle handle with a logger on the same client. */
async function captureStatements(handle: DatabaseHandle, url: string, token: string): Promise<Statement[]> {
  const statements: Statement[] = [];
  const logger = { logQuery: (sql: string, params: unknown[]) => statements.push({ sql, params }) };
  const options = { schema, casing: 'snake_case' as const, logger };
  const db = (handle.engine === 'pglite'
    ? drizzlePglite({ client: handle.pglite, ...options })
    : drizzleNodePg({ client: handle.pool, ...options })) as unknown as Database;
  const app = createApp(createServices({ db }), appOptions);
  const response = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`capture: ${response.status} ${await response.text()}`);
  // Writes (the token's last-used stamp, at most once a minute) are not part of a typical request.
  return statements.filter((s) => /^\s*select/i.test(s.sql));
}

/** Runs a captured statement the way Drizzle hands it to the driver: same text, parameters, array rows. */
function rawRunner(handle: DatabaseHandle): (s: Statement) => Promise<unknown> {
  if (handle.engine === 'pglite') {
    return (s) => handle.pglite.query(s.sql, s.params, { rowMode: 'array' });
  }
  return (s) => handle.pool.query({ text: s.sql, rowMode: 'array' }, s.params);
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

async function elapsed(body: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}

async function measureQueue(
  handle: DatabaseHandle,
  app: ReturnType<typeof createApp>,
  url: string,
  token: string,
  options: { iterations: number; warmup: number },
) {
  const statements = await captureStatements(handle, url, token);
  const queue = statements.at(-1)!;
  if (!/from "tickets"/.test(queue.sql)) throw new Error(`unexpected last statement: ${queue.sql}`);
  const run = rawRunner(handle);
  const headers = { authorization: `Bearer ${token}` };
  let body = '';
  const bodies = {
    request: async () => {
      const response = await app.request(url, { headers });
      body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body}`);
    },
    requestSql: async () => {
      for (const statement of statements) await run(statement);
    },
    queueSql: () => run(queue),
  };
  // Same rows from both paths, or the comparison means nothing.
  await bodies.request();
  const rawIds = (await query<{ id: string }>(handle, queue.sql, queue.params)).map((r) => r.id);
  const pageIds = (JSON.parse(body) as { items: { id: string }[] }).items.map((i) => i.id);
  if (rawIds.slice(0, pageIds.length).join() !== pageIds.join()) {
    throw new Error('the raw queue statement and the API returned different tickets');
  }
  const samples: Record<keyof typeof bodies, number[]> = { request: [], requestSql: [], queueSql: [] };
  const names = Object.keys(bodies) as (keyof typeof bodies)[];
  for (let n = 0; n < options.warmup + options.iterations; n++) {
    // Rotate the order so drift and cache effects do not favour one path.
    for (let k = 0; k < names.length; k++) {
      const name = names[(n + k) % names.length]!;
      const ms = await elapsed(bodies[name]);
      if (n >= options.warmup) samples[name].push(ms);
    }
  }
  return {
    request: summarize(samples.request),
    requestSql: summarize(samples.requestSql),
    queueSql: summarize(samples.queueSql),
    statements: statements.length,
    pageBytes: Buffer.byteLength(body),
    queue,
  };
}

interface QueueCase {
  board: string;
  boardId?: string;
  viewer: string;
  token: string;
  clientIds?: readonly string[];
}

/** The Service Desk queue for the owner and for the technician who sees a few clients, and the owner's all-boards queue. */
function casesOf(fixture: Fixture): QueueCase[] {
  const owner = { viewer: 'owner (all clients)', token: fixture.ownerToken };
  const technician = {
    viewer: `technician (${fixture.technicianClientIds.length} clients)`,
    token: fixture.technicianToken,
    clientIds: fixture.technicianClientIds,
  };
  const board = { board: 'Service Desk', boardId: fixture.boardId };
  return [
    { ...board, ...owner },
    { ...board, ...technician },
    { board: 'all', ...owner },
  ];
}

function queueUrl(boardId?: string): string {
  const board = boardId ? `boardId=${boardId}&` : '';
  return `/api/v1/tickets?${board}status=${openTicketStatuses.join(',')}&sort=due&limit=50`;
}

async function countMatching(handle: DatabaseHandle, tenantId: string, queue: QueueCase) {
  const params: unknown[] = [tenantId, openTicketStatuses];
  const where = ['tenant_id = $1', 'status = any($2::text[])'];
  if (queue.boardId) where.push(`board_id = $${params.push(queue.boardId)}`);
  if (queue.clientIds) where.push(`client_id = any($${params.push(queue.clientIds)}::uuid[])`);
  const [row] = await query<{ n: number }>(
    handle,
    `select count(*)::int as n from tickets where ${where.join(' and ')}`,
    params,
  );
  return row!.n;
}

async function explain(handle: DatabaseHandle, statement: Statement): Promise<string> {
  const rows = await query<{ 'QUERY PLAN': string }>(
    handle,
    `explain (analyze, buffers, costs off) ${statement.sql}`,
    statement.params,
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function benchEngine(engine: Engine, options: Required<QueueBenchOptions>, result: QueueBenchResult) {
  const opened = await openEngine(engine, options.postgresUrl);
  if ('skipped' in opened) {
    log(`${engine}: skipped — ${opened.skipped}`);
    result.skipped.push({ engine, reason: opened.skipped });
    return;
  }
  const { handle } = opened;
  try {
    await migrateDatabase(handle);
    const services = createServices({ db: handle.db });
    const app = createApp(services, appOptions);
    const started = performance.now();
    const fixture = await createFixture(app, services, handle);
    log(`${engine}: tenant, 500 clients and 13 staff through the API in ${seconds(started)} s`);
    const now = new Date();
    const total = options.sizes.at(-1)!;
    let loaded = 0;
    for (const size of options.sizes) {
      const load = await loadTickets(handle, fixture, { from: loaded + 1, to: size, total, now });
      for (const sql of options.setupSql) await query(handle, sql);
      log(
        `${engine}: loaded tickets ${loaded + 1}–${size} in ${load.insertSeconds.toFixed(1)} s, ` +
          `vacuum analyze ${load.vacuumSeconds.toFixed(1)} s`,
      );
      loaded = size;
      for (const queue of casesOf(fixture)) {
        const measured = await measureQueue(handle, app, queueUrl(queue.boardId), queue.token, options);
        const matching = await countMatching(handle, fixture.tenantId, queue);
        const label = `${engine} ${size} ${queue.board} ${queue.viewer}`;
        if (options.explain) log(`\n${label}:\n${await explain(handle, measured.queue)}\n`);
        result.measurements.push({
          engine,
          tickets: size,
          board: queue.board,
          viewer: queue.viewer,
          matching,
          request: measured.request,
          requestSql: measured.requestSql,
          queueSql: measured.queueSql,
          statements: measured.statements,
          pageBytes: measured.pageBytes,
        });
        log(
          `${label}: GET p95 ${ms(measured.request.p95)} ms, its SQL p95 ${ms(measured.requestSql.p95)} ms, ` +
            `queue SQL p95 ${ms(measured.queueSql.p95)} ms, page ${Math.round(measured.pageBytes / 1024)} KiB`,
        );
      }
    }
  } finally {
    await opened.dispose();
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const ms = (value: number) => value.toFixed(2);
const ratio = (value: number) => `${value.toFixed(2)}×`;

export async function run(options: QueueBenchOptions = {}): Promise<QueueBenchResult> {
  const resolved: Required<QueueBenchOptions> = {
    engines: options.engines ?? ['pglite', 'postgres'],
    sizes: options.sizes ?? [20_000, 200_000],
    iterations: options.iterations ?? 400,
    warmup: options.warmup ?? 40,
    postgresUrl: options.postgresUrl ?? process.env.ACCORD_BENCH_DATABASE_URL ?? defaultPostgresUrl,
    setupSql: options.setupSql ?? [],
    explain: options.explain ?? false,
  };
  const result: QueueBenchResult = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    loadAverage: [loadavg()[0]!, 0],
    iterations: resolved.iterations,
    measurements: [],
    skipped: [],
  };
  for (const engine of resolved.engines) await benchEngine(engine, resolved, result);
  result.loadAverage[1] = loadavg()[0]!;
  return result;
}

const pair = (t: Timing) => `${ms(t.p50)} / ${ms(t.p95)}`;

export function formatMarkdown(result: QueueBenchResult): string {
  const [before, after] = result.loadAverage;
  const lines = [
    `Ticket queue — ${result.date}, Node ${result.node}, ${result.iterations} runs per path after warm-up, ` +
      `times in ms (p50 / p95); load average ${before.toFixed(1)} before, ${after.toFixed(1)} after`,
    '',
    '| Engine | Tickets | Board | Viewer | Matching | Page | GET | Its SQL | Queue SQL | GET ÷ its SQL (p95) | GET ÷ queue SQL (p95) |',
    '| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const m of result.measurements) {
    lines.push(
      `| ${m.engine} | ${m.tickets.toLocaleString('en-US')} | ${m.board} | ${m.viewer} | ` +
        `${m.matching.toLocaleString('en-US')} | ${Math.round(m.pageBytes / 1024)} KiB | ${pair(m.request)} | ${pair(m.requestSql)} | ${pair(m.queueSql)} | ` +
        `${ratio(m.request.p95 / m.requestSql.p95)} | ${ratio(m.request.p95 / m.queueSql.p95)} |`,
    );
  }
  const scaling: string[] = [];
  for (const m of result.measurements) {
    const base = result.measurements.find(
      (b) => b.engine === m.engine && b.board === m.board && b.viewer === m.viewer,
    )!;
    if (base === m) continue;
    scaling.push(
      `${m.engine}, ${m.board}, ${m.viewer}: GET p95 at ${m.tickets.toLocaleString('en-US')} ÷ at ` +
        `${base.tickets.toLocaleString('en-US')} = ${ratio(m.request.p95 / base.request.p95)} ` +
        `(queue SQL ${ratio(m.queueSql.p95 / base.queueSql.p95)})`,
    );
  }
  if (scaling.length > 0) lines.push('', ...scaling.map((s) => `- ${s}`));
  for (const s of result.skipped) lines.push('', `${s.engine} skipped: ${s.reason}`);
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', multiple: true },
      sizes: { type: 'string' },
      iterations: { type: 'string' },
      sql: { type: 'string', multiple: true },
      explain: { type: 'boolean' },
    },
  });
  const result = await run({
    engines: values.engine as Engine[] | undefined,
    sizes: values.sizes?.split(',').map(Number),
    iterations: values.iterations ? Number(values.iterations) : undefined,
    setupSql: values.sql,
    explain: values.explain,
  });
  console.log(formatMarkdown(result));
}
