// Benchmark: agents checking in. Heartbeats per second over real HTTP against a bare node:http server doing
// the same least work, the open-loop rate Accord sustains against 10,000 agents' load, and inventory
// reports (unchanged, and with 5 changes) against JSON.parse + SHA-256 of the same body — per engine.
import { type ChildProcess, fork } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSecret, sha256 } from '../src/server/crypto.ts';
import { type DatabaseTarget, openDatabase } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { createServices } from '../src/server/main.ts';
import { AGENT_CREDENTIAL_PREFIX } from '../src/server/modules/agents/index.ts';
import { clientInputSchema } from '../src/shared/api/clients.ts';
import { createScratchDatabase } from '../test/scratch-database.ts';
import {
  checkInventoryRecord,
  type InventoryMeasurement,
  measureInventory,
  type SeededAgent,
} from './agent-checkins-inventory.ts';
import {
  type ClosedLoopResult,
  closedLoop,
  heartbeatBeats,
  type OpenLoopStep,
  openLoopStep,
  takeTurns,
} from './agent-checkins-load.ts';
import type { FlushStats, ServerConfig, ServerKind, ServerMessage } from './agent-checkins-server.ts';
import { query } from './ticket-queue-data.ts';

type Engine = 'pglite' | 'postgres';

const AGENTS = 10_000;
/** 10,000 agents beating once a minute. */
const FLEET_RATE = AGENTS / 60;
const HEARTBEAT_PATH = '/agent/v1/heartbeat';
const CONNECTIONS = 32;
const WARMUP_MS = 2000;
const DURATION_MS = 10_000;
/** The measured time is split into this many turns per server, alternating which goes first. */
const ROUNDS = 5;
const RATES = [250, 500, 1000, 1500, 2000, 3000, 4000, 6000, 8000, 12_000];
/** One writer interval per step, so every step carries one batched last-seen write. */
const STEP_MS = 5000;
const P99_LIMIT_MS = 250;
/** Agents whose reports the inventory part sends (each well under its 60 a minute). */
const INVENTORY_AGENTS = 1000;
const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';
const serverScript = fileURLToPath(new URL('./agent-checkins-server.ts', import.meta.url));

const log = (line: string) => console.error(line);

export type HeadroomStep = OpenLoopStep & { attempt: number };

export interface EngineMeasurement {
  engine: Engine;
  agents: number;
  heartbeat: Record<ServerKind, ClosedLoopResult>;
  /** Each server's batched last-seen writes over its whole run (every 5 s). */
  written: Record<ServerKind, FlushStats>;
  headroom: { steps: HeadroomStep[]; highestRate: number };
  inventory: InventoryMeasurement;
}

export interface AgentCheckinsBenchResult {
  date: string;
  node: string;
  loadAverage: [number, number];
  measurements: EngineMeasurement[];
  skipped: { engine: Engine; reason: string }[];
  /** Correctness problems (wrong change counts, failed heartbeats in the closed loop); non-empty exits 1. */
  errors: string[];
}

interface Target {
  target: DatabaseTarget;
  /** The database the bare server uses: a copy of the PGlite directory (one process each), or the same. */
  copy(): DatabaseTarget;
  dispose(): Promise<void>;
}

/** A database this process and the server children can open (PGlite: in turn, or on a copy). */
async function createTarget(engine: Engine, postgresUrl: string): Promise<Target | { skipped: string }> {
  if (engine === 'pglite') {
    const root = mkdtempSync(join(tmpdir(), 'accord-bench-'));
    const dir = join(root, 'accord');
    return {
      target: { engine: 'pglite', dataDir: dir },
      copy() {
        cpSync(dir, join(root, 'bare'), { recursive: true });
        return { engine: 'pglite', dataDir: join(root, 'bare') };
      },
      dispose: async () => rmSync(root, { recursive: true, force: true }),
    };
  }
  try {
    const scratch = await createScratchDatabase(postgresUrl, 'bench', { connectionTimeoutMillis: 3000 });
    const target: DatabaseTarget = { engine: 'postgres', url: scratch.url };
    return { target, copy: () => target, dispose: () => scratch.drop() };
  } catch (error) {
    return { skipped: `PostgreSQL at ${postgresUrl} is unreachable (${(error as Error).message})` };
  }
}

/**
 * One tenant, its owner and a client through the services (for the foreign keys), then the assets and
 * agents in two statements: enrolling 10,000 agents through the API would take minutes.
 */
export async function seed(target: DatabaseTarget): Promise<SeededAgent[]> {
  const handle = await openDatabase(target);
  try {
    await migrateDatabase(handle);
    const services = createServices({ db: handle.db });
    const { tenantId, identityId } = await services.auth.createTenant(
      {
        organizationName: 'Benchmark MSP',
        name: 'Olivia Owner',
        email: `owner-${Date.now()}@bench.example`,
        password: 'correct horse battery staple',
      },
      { mfaRequiredForStaff: false },
    );
    const [owner] = await query<{ id: string }>(
      handle,
      'select id from memberships where tenant_id = $1 and identity_id = $2',
      [tenantId, identityId],
    );
    const actor = {
      scope: {
        tenantId,
        identityId,
        membershipId: owner!.id,
        role: 'owner' as const,
        clientIds: 'all' as const,
      },
      requestId: 'bench',
      ip: null,
      userAgent: null,
    };
    const client = await services.clients.create(actor, clientInputSchema.parse({ name: 'Harbour Dental' }));
    const { enrollmentToken } = await services.agents.createEnrollmentToken(actor, {
      clientId: client.id,
      expiresInHours: 72,
      maxUses: 1,
    });
    const credentials = Array.from({ length: AGENTS }, () => `${AGENT_CREDENTIAL_PREFIX}${newSecret()}`);
    await query(
      handle,
      `insert into assets (tenant_id, id, client_id, type, name, hostname, os, os_version, created_at, updated_at)
       select $1, gen_random_uuid(), $2, 'workstation', 'ws-' || lpad(i::text, 5, '0'),
         'ws-' || lpad(i::text, 5, '0'), 'Debian GNU/Linux', '12', now(), now()
       from generate_series(1, $3::int) as i`,
      [tenantId, client.id, AGENTS],
    );
    await query(
      handle,
      `insert into agents (tenant_id, id, asset_id, credential_hash, enrolled_at, enrollment_token_id, hostname)
       select $1, gen_random_uuid(), a.id, h.hash, now(), $3, a.hostname
       from (select id, hostname, row_number() over (order by name) as n from assets
             where tenant_id = $1 and client_id = $2) as a
       join unnest($4::text[]) with ordinality as h(hash, n) on h.n = a.n`,
      [tenantId, client.id, enrollmentToken.id, credentials.map(sha256)],
    );
    await query(handle, 'vacuum analyze');
    const rows = await query<{ id: string; assetId: string; hash: string }>(
      handle,
      'select id, asset_id as "assetId", credential_hash as hash from agents where tenant_id = $1',
      [tenantId],
    );
    const byHash = new Map(rows.map((row) => [row.hash, row]));
    return credentials.map((credential) => {
      const row = byHash.get(sha256(credential))!;
      return { credential, tenantId, agentId: row.id, assetId: row.assetId };
    });
  } finally {
    await handle.close();
  }
}

/** Starts a server child over the database and answers its port and a way to stop it. */
export async function startServer(kind: ServerKind, target: DatabaseTarget) {
  const config: ServerConfig = { kind, target };
  const child: ChildProcess = fork(serverScript, [JSON.stringify(config)], {
    execArgv: [
      '--import',
      'tsx',
      // BENCH_CPU_PROFILE_DIR=dir writes a CPU profile of each server child there (see bench/README.md).
      ...(process.env.BENCH_CPU_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<ServerMessage>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ServerMessage));
      child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    });
  const listening = await next();
  if (listening.type !== 'listening') throw new Error(`${kind} server: unexpected ${listening.type}`);
  return {
    port: listening.port,
    /** Ends the child if it is still running (after an error elsewhere). */
    kill: () => void (child.exitCode === null && child.kill()),
    /** Writes what the server buffered; answers what its batched writes cost in all. */
    async stop(): Promise<FlushStats> {
      const stopped = next();
      child.send({ type: 'stop' });
      const message = await stopped;
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
      if (message.type !== 'stopped') throw new Error(`${kind} server: unexpected ${message.type}`);
      const { type: _, ...stats } = message;
      return stats;
    },
  };
}

/**
 * Rising open-loop rates until one fails; a failing rate is tried once more (after the server has caught
 * up) before the search stops, since one stall on a shared host can push a 5-second step's p99 over.
 */
async function headroom(port: number, beats: ReturnType<typeof heartbeatBeats>, label: string) {
  const steps: HeadroomStep[] = [];
  for (const rate of RATES) {
    let passed = false;
    for (let attempt = 1; attempt <= 2 && !passed; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 3000));
      const step = await openLoopStep(port, HEARTBEAT_PATH, beats, {
        rate,
        durationMs: STEP_MS,
        drainMs: 2000,
        p99LimitMs: P99_LIMIT_MS,
        maxSockets: 256,
      });
      steps.push({ ...step, attempt });
      passed = step.passed;
      log(`${label}: ${rate}/s open loop: p50 ${ms(step.p50)} ms, p99 ${ms(step.p99)} ms, ${failures(step)}`);
    }
    if (!passed) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { steps, highestRate: Math.max(0, ...steps.filter((s) => s.passed).map((s) => s.rate)) };
}

async function measure(engine: Engine, postgresUrl: string, errors: string[]) {
  const created = await createTarget(engine, postgresUrl);
  if ('skipped' in created) return created.skipped;
  const { target } = created;
  const children: { kill(): void }[] = [];
  try {
    log(`${engine}: seeding ${AGENTS} agents`);
    const agents = await seed(target);
    const beats = heartbeatBeats(agents.map((a) => a.credential));
    const accord = await startServer('accord', target);
    children.push(accord);
    const bareTarget = created.copy();
    const servers = { accord, bare: await startServer('bare', bareTarget) };
    children.push(servers.bare);
    // Both servers run side by side and take turns (takeTurns).
    let offset = 0;
    const window = async (kind: ServerKind, durationMs: number) => {
      const measured = await closedLoop(servers[kind].port, HEARTBEAT_PATH, (n) => beats[n % beats.length]!, {
        connections: CONNECTIONS,
        durationMs,
        offset,
      });
      offset += measured.latencies.length;
      return measured;
    };
    // A fleet that has been beating: every agent beats each server once before anything is measured (a
    // server remembers a credential from its first beat on, as Accord does once it hears revocations).
    for (const kind of ['accord', 'bare'] as const) {
      let sent = 0;
      while (sent < AGENTS) sent += (await window(kind, WARMUP_MS)).latencies.length;
    }
    const heartbeat = await takeTurns(window, ROUNDS, DURATION_MS / ROUNDS);
    for (const kind of ['accord', 'bare'] as const) {
      const result = heartbeat[kind];
      log(
        `${engine} ${kind}: ${Math.round(result.perSecond)} heartbeats/s, p50 ${ms(result.p50)} ms, ` +
          `p99 ${ms(result.p99)} ms, ${failures(result)}`,
      );
      if (Object.keys(result.failures).length > 0) {
        errors.push(`${engine} ${kind}: heartbeats failed in the closed loop: ${failures(result)}`);
      }
    }
    const bare = await servers.bare.stop();
    // Let the writer store the closed loop's backlog first, or the first step would pay for it.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const steps = await headroom(servers.accord.port, beats, `${engine} accord`);
    // Inventory last, with the bare server back, so that its writes weigh on no heartbeat measurement.
    log(`${engine}: inventory reports`);
    const bareAgain = await startServer('bare', bareTarget);
    children.push(bareAgain);
    const inventory = await measureInventory(
      { accord: servers.accord.port, bare: bareAgain.port },
      agents.slice(0, INVENTORY_AGENTS),
      (line) => log(`${engine} ${line}`),
    );
    for (const [label, result] of [
      ['unchanged', inventory.unchanged],
      ['changed', inventory.changed],
    ] as const) {
      for (const kind of ['accord', 'bare'] as const) {
        if (Object.keys(result[kind].failures).length > 0) {
          errors.push(`${engine} ${kind}: ${label} inventory reports failed: ${failures(result[kind])}`);
        }
      }
    }
    await bareAgain.stop();
    const written = { accord: await servers.accord.stop(), bare };
    const handle = await openDatabase(target);
    try {
      const problems = await checkInventoryRecord(handle, agents[0]!.tenantId, inventory.taken);
      errors.push(...problems.map((problem) => `${engine} inventory: ${problem}`));
      return { engine, agents: AGENTS, heartbeat, written, headroom: steps, inventory };
    } finally {
      await handle.close();
    }
  } finally {
    for (const child of children) child.kill();
    await created.dispose();
  }
}

export async function run(
  options: { engines?: Engine[]; postgresUrl?: string } = {},
): Promise<AgentCheckinsBenchResult> {
  const before = loadavg()[0]!;
  const measurements: EngineMeasurement[] = [];
  const skipped: AgentCheckinsBenchResult['skipped'] = [];
  const errors: string[] = [];
  for (const engine of options.engines ?? ['pglite', 'postgres']) {
    const url = options.postgresUrl ?? process.env.BENCH_DATABASE_URL ?? defaultPostgresUrl;
    const result = await measure(engine, url, errors);
    if (typeof result === 'string') {
      log(`${engine}: skipped — ${result}`);
      skipped.push({ engine, reason: result });
    } else measurements.push(result);
  }
  if (errors.length > 0) process.exitCode = 1;
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    loadAverage: [before, loadavg()[0]!],
    measurements,
    skipped,
    errors,
  };
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(0));
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const met = (ok: boolean) => (ok ? 'met' : 'missed');

function flushes(f: FlushStats): string {
  return `${count(f.written)} in ${f.flushes}, ${ms(f.totalMs / f.flushes)} ms, ${ms(f.maxMs)} ms`;
}

function failures(result: { failures: Record<string, number> }): string {
  const entries = Object.entries(result.failures);
  return entries.length === 0 ? 'no failures' : entries.map(([status, n]) => `${n}× ${status}`).join(', ');
}

export function formatMarkdown(result: AgentCheckinsBenchResult): string {
  const lines = [`Load average ${result.loadAverage.map((l) => l.toFixed(2)).join(' → ')}.`, ''];
  lines.push(
    `Heartbeats: closed loop, ${CONNECTIONS} keep-alive connections, round-robin over ${count(AGENTS)} agents; ` +
      `a warm-up in which every agent beats each server once, then ${DURATION_MS / 1000} s each in ${ROUNDS} alternating turns.`,
    '',
    '| Engine | Server | Heartbeats/s | p50 | p99 | Failures | Last-seen writes: rows, flushes, mean, max | vs bare (target ≥ 0.8×) |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |',
  );
  for (const m of result.measurements) {
    const ratio = m.heartbeat.accord.perSecond / m.heartbeat.bare.perSecond;
    for (const kind of ['accord', 'bare'] as const) {
      const h = m.heartbeat[kind];
      const vs = kind === 'bare' ? '1.00× (baseline)' : `${times(ratio)} (${met(ratio >= 0.8)})`;
      lines.push(
        `| ${m.engine} | ${kind === 'accord' ? 'Accord (Hono, zod, Drizzle)' : 'bare node:http'} | ` +
          `${count(h.perSecond)} | ${ms(h.p50)} ms | ${ms(h.p99)} ms | ${failures(h)} | ${flushes(m.written[kind])} | ${vs} |`,
      );
    }
  }
  lines.push(
    '',
    `Headroom: Accord open loop, ${STEP_MS / 1000} s per rate, latency from each request's scheduled moment; ` +
      `a rate passes with every beat answered 204 and p99 < ${P99_LIMIT_MS} ms (a failing rate is tried twice). ` +
      `${count(AGENTS)} agents at a 60 s interval are ${count(FLEET_RATE)}/s.`,
    '',
    '| Engine | Rate/s | Attempt | Sent | p50 | p99 | Failures | Passed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  );
  for (const m of result.measurements) {
    for (const s of m.headroom.steps) {
      lines.push(
        `| ${m.engine} | ${count(s.rate)} | ${s.attempt} | ${count(s.sent)} | ${ms(s.p50)} ms | ${ms(s.p99)} ms | ${failures(s)} | ${s.passed ? 'yes' : 'no'} |`,
      );
    }
  }
  lines.push(
    '',
    '| Engine | Highest passing rate | ÷ 10,000 agents at 60 s | Target ≥ 10× |',
    '| --- | ---: | ---: | --- |',
  );
  for (const m of result.measurements) {
    const ratio = m.headroom.highestRate / FLEET_RATE;
    lines.push(
      `| ${m.engine} | ${count(m.headroom.highestRate)}/s | ${ratio.toFixed(1)}× | ${met(ratio >= 10)} |`,
    );
  }
  lines.push(
    '',
    `Inventory reports: 300 packages, closed loop over real HTTP, 16 keep-alive connections over ` +
      `${count(result.measurements[0]?.inventory.agents ?? 0)} agents; a warm-up, then 10 s each in 5 alternating ` +
      'turns. Baseline = a bare node:http server doing `JSON.parse` + SHA-256 of the same bodies. Unchanged ' +
      "reports carry the last receipt's basis, as the agent sends them.",
    '',
    '| Engine | Case | Accord reports/s | p50 | p99 | Bare reports/s | p50 | Bare ÷ Accord (time per report) | Target |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const m of result.measurements) {
    for (const [label, c, target] of [
      ['unchanged', m.inventory.unchanged, 1.5],
      ['5 changes', m.inventory.changed, 3],
    ] as const) {
      const ratio = c.bare.perSecond / c.accord.perSecond;
      lines.push(
        `| ${m.engine} | ${label} | ${count(c.accord.perSecond)} | ${ms(c.accord.p50)} ms | ${ms(c.accord.p99)} ms | ` +
          `${count(c.bare.perSecond)} | ${ms(c.bare.p50)} ms | ${times(ratio)} | ≤ ${target}×: ${met(ratio <= target)} |`,
      );
    }
  }
  lines.push(
    '',
    'In process, per report: the baseline and parts of Accord’s work (best of three passes over 400 bodies).',
    '',
    '| Engine | Body | JSON.parse + SHA-256 | zod parse | state hash | diff (5 changes) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const m of result.measurements) {
    const { parts, bodyBytes } = m.inventory;
    lines.push(
      `| ${m.engine} | ${Math.round(bodyBytes / 1024)} KiB | ${ms(parts.baselineMs)} ms | ${ms(parts.zodMs)} ms | ` +
        `${ms(parts.stateHashMs)} ms | ${ms(parts.diffMs)} ms |`,
    );
  }
  lines.push(...result.skipped.map((s) => `\nSkipped ${s.engine}: ${s.reason}`));
  lines.push(...result.errors.map((e) => `\nError: ${e}`));
  return lines.join('\n');
}
