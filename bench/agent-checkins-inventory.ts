// The inventory half of bench/agent-checkins.ts: 300-package reports over real HTTP, unchanged (sent with
// the last receipt's state hash as the agent sends it) or with exactly 5 changes, to Accord's server and
// to the bare server doing JSON.parse + SHA-256 of the same bodies, in a closed loop, taking turns; and the
// parts of the work timed in process, to show where the time goes.
import { sha256 } from '../src/server/crypto.ts';
import type { DatabaseHandle } from '../src/server/db/client.ts';
import { diffInventory } from '../src/server/modules/inventory/inventory-diff.ts';
import { recordBasis } from '../src/server/modules/inventory/inventory-memory.ts';
import {
  INVENTORY_BASIS_HEADER,
  type Inventory,
  type InventoryState,
  inventoryInputSchema,
} from '../src/shared/api/inventory.ts';
import { inventoryReport } from '../test/inventory-report.ts';
import { type Beat, type ClosedLoopResult, closedLoop, takeTurns } from './agent-checkins-load.ts';
import type { ServerKind } from './agent-checkins-server.ts';
import { query } from './ticket-queue-data.ts';

/** An agent the seed made: what its credential authenticates as. */
export interface SeededAgent {
  credential: string;
  tenantId: string;
  agentId: string;
  assetId: string;
}

export interface InventoryMeasurement {
  agents: number;
  bodyBytes: number;
  unchanged: Record<ServerKind, ClosedLoopResult>;
  changed: Record<ServerKind, ClosedLoopResult>;
  /** Milliseconds per report in process: the baseline's work, and parts of Accord's. */
  parts: { baselineMs: number; zodMs: number; stateHashMs: number; diffMs: number };
  /** Reports Accord took, by kind, warm-ups included: what its database must show afterwards. */
  taken: { first: number; changed: number };
}

const PATH = '/agent/v1/inventory';
const PACKAGES = 300;
const CHANGED_PACKAGES = [10, 70, 130, 190, 250];
const CONNECTIONS = 16;
const WARMUP_MS = 2000;
const TURN_MS = 2000;
const ROUNDS = 5;
/** Stands for each report's own collection time in the bodies' text. */
const MARK = '2000-01-01T00:00:00.000Z';

/** The baseline: what taking the report needs at the least, parsing the body and hashing it. */
const baselineWork = (body: string) => [JSON.parse(body), sha256(body)];

/** State A and state B, which differ in exactly five package versions. */
function states(): [InventoryState, InventoryState] {
  const a = inventoryReport({ packageCount: PACKAGES }).state;
  const b = structuredClone(a);
  for (const i of CHANGED_PACKAGES) b.software![i]!.version = `${b.software![i]!.version}+bench1`;
  return [a, b];
}

/**
 * A report of the state as the agent queues it (as the schema reads it), split around its collection
 * time, and the basis its receipt gives: a body is the two halves around a fresh time, cheap to make per
 * request.
 */
function template(state: InventoryState) {
  const now = new Date().toISOString();
  const report = inventoryReport({ packageCount: PACKAGES, collectedAt: MARK, state });
  report.health.backupRuns = [{ name: 'nightly', lastSuccessAt: now, lastRunAt: now }];
  const parsed = inventoryInputSchema.parse(report);
  const halves = JSON.stringify(parsed).split(`"${MARK}"`);
  if (halves.length !== 2) throw new Error('the collection time must appear once in the report');
  // The basis of a receipt for this state (its backups are fresh, so the record holds no alert).
  return { halves, basis: recordBasis(sha256(JSON.stringify(parsed.state)), ''), parsed };
}

/** Milliseconds per call of fn over the inputs, best of three passes (these need no database). */
function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const input of inputs) fn(input);
    best = Math.min(best, (performance.now() - started) / inputs.length);
  }
  return best;
}

export async function measureInventory(
  ports: Record<ServerKind, number>,
  agents: readonly SeededAgent[],
  log: (line: string) => void,
): Promise<InventoryMeasurement> {
  const templates = [template(states()[0]), template(states()[1])] as const;
  /** Which state each agent's asset has on record (an index into templates), once it has one. */
  const onRecord: (0 | 1)[] = agents.map(() => 0);
  // Collection times rise by a millisecond a report, so each agent's next is later than its last.
  const startedAt = Date.now();
  let sequence = 0;

  function request(agent: SeededAgent, state: 0 | 1, basis: string | null): Beat {
    const n = ++sequence;
    const [before, after] = templates[state].halves;
    const body = `${before}"${new Date(startedAt + n).toISOString()}"${after}`;
    return {
      headers: {
        authorization: `Bearer ${agent.credential}`,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'idempotency-key': `bench-inventory-${startedAt}-${n}`,
        ...(basis ? { [INVENTORY_BASIS_HEADER]: basis } : {}),
      },
      body,
    };
  }

  /** Report n of a case goes to agent n mod agents: at 16 connections no agent has two in flight. */
  const unchangedAt = (n: number) => {
    const i = n % agents.length;
    return request(agents[i]!, 0, templates[0].basis);
  };
  const changedAt = (n: number) => {
    const i = n % agents.length;
    const from = onRecord[i]!;
    const to = from === 0 ? 1 : 0;
    onRecord[i] = to; // answered before this agent's next report is made
    return request(agents[i]!, to, templates[from].basis);
  };

  // Every asset's first report, at Accord only: the baseline of what is on record (no basis yet).
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let i = c; i < agents.length; i += CONNECTIONS) {
        const { headers, body } = request(agents[i]!, 0, null);
        const response = await fetch(`http://127.0.0.1:${ports.accord}${PATH}`, {
          method: 'POST',
          headers,
          body,
        });
        if (response.status !== 200)
          throw new Error(`first report: ${response.status} ${await response.text()}`);
        const { basis } = (await response.json()) as { basis: string };
        if (basis !== templates[0].basis) throw new Error(`first report: basis ${basis} is not the state's`);
      }
    }),
  );

  /**
   * A warm-up window at each server, then ROUNDS turns each, alternating which goes first. Answers the
   * merged windows and how many reports Accord took in all, warm-up included.
   */
  async function measureCase(label: string, requestAt: Record<ServerKind, (n: number) => Beat>) {
    let offset = 0;
    let accordTook = 0;
    const window = async (kind: ServerKind, durationMs: number) => {
      const measured = await closedLoop(ports[kind], PATH, requestAt[kind], {
        connections: CONNECTIONS,
        durationMs,
        offset,
        okStatus: 200,
      });
      offset += measured.latencies.length + Object.values(measured.failures).reduce((a, b) => a + b, 0);
      if (kind === 'accord') accordTook += measured.latencies.length;
      return measured;
    };
    for (const kind of ['accord', 'bare'] as const) await window(kind, WARMUP_MS);
    const result = await takeTurns(window, ROUNDS, TURN_MS);
    for (const kind of ['accord', 'bare'] as const) {
      const { perSecond, p50 } = result[kind];
      log(`inventory ${label} ${kind}: ${Math.round(perSecond)} reports/s, p50 ${p50.toFixed(2)} ms`);
    }
    return { result, accordTook };
  }

  const unchanged = await measureCase('unchanged', { accord: unchangedAt, bare: unchangedAt });
  // The bare server keeps no record: it gets the same bodies without moving Accord's agents' states.
  const bareChangedAt = (n: number) => request(agents[n % agents.length]!, (n % 2) as 0 | 1, null);
  const changed = await measureCase('5 changes', { accord: changedAt, bare: bareChangedAt });
  const taken = { first: agents.length, changed: changed.accordTook };

  // The parts that need no database, on one unchanged body.
  const body = request(agents[0]!, 0, null).body;
  const bodies = Array.from({ length: 400 }, () => body);
  const objects = bodies.map((text) => JSON.parse(text) as unknown);
  const inputs = objects.map((o) => inventoryInputSchema.parse(o) as Inventory);
  const [a, b] = states();
  return {
    agents: agents.length,
    bodyBytes: Buffer.byteLength(body),
    unchanged: unchanged.result,
    changed: changed.result,
    parts: {
      baselineMs: timeEach(bodies, baselineWork),
      zodMs: timeEach(objects, (o) => inventoryInputSchema.parse(o)),
      stateHashMs: timeEach(inputs, (input) => sha256(JSON.stringify(input.state))),
      diffMs: timeEach(inputs, () => diffInventory(a, b)),
    },
    taken,
  };
}

/**
 * What Accord's database must show once its server has stopped: exactly 5 changes per changed report,
 * and a receipt for each first and changed report only (an unchanged one taken from memory leaves none).
 */
export async function checkInventoryRecord(
  handle: DatabaseHandle,
  tenantId: string,
  taken: InventoryMeasurement['taken'],
): Promise<string[]> {
  const [row] = await query<{ changes: number; receipts: number }>(
    handle,
    `select (select count(*)::int from asset_changes where tenant_id = $1) as changes,
            (select count(*)::int from agent_receipts where tenant_id = $1) as receipts`,
    [tenantId],
  );
  const errors: string[] = [];
  const expectedChanges = taken.changed * CHANGED_PACKAGES.length;
  if (row!.changes !== expectedChanges) {
    errors.push(
      `${row!.changes} asset_changes rows for ${taken.changed} changed reports, expected ${expectedChanges}`,
    );
  }
  if (row!.receipts !== taken.first + taken.changed) {
    errors.push(
      `${row!.receipts} receipts, expected ${taken.first + taken.changed}: some unchanged reports read the record`,
    );
  }
  return errors;
}
