// The inventory half of bench/agent-checkins.ts: 300-package reports through app.request (body parse,
// validation, the service's transaction), unchanged or with exactly 5 changes, against JSON.parse +
// SHA-256 of the same body strings; and the parts of the work that need no database, to show where the
// time goes.
import type { App, Services } from '../src/server/app.ts';
import { sha256 } from '../src/server/crypto.ts';
import type { DatabaseHandle } from '../src/server/db/client.ts';
import { diffInventory } from '../src/server/modules/inventory/inventory-diff.ts';
import {
  type Inventory,
  type InventoryReceipt,
  type InventoryState,
  inventoryInputSchema,
} from '../src/shared/api/inventory.ts';
import { inventoryReport } from '../test/inventory-report.ts';
import { query } from './ticket-queue-data.ts';

/** An agent the seed made: what its credential authenticates as. */
export interface SeededAgent {
  credential: string;
  tenantId: string;
  agentId: string;
  assetId: string;
}

export interface InventoryMeasurement {
  reports: number;
  bodyBytes: number;
  /** Milliseconds per report. */
  baselineMs: number;
  zodMs: number;
  stateHashMs: number;
  diffMs: number;
  unchanged: { requestMs: number; receiveMs: number };
  changed: { requestMs: number; receiveMs: number };
  /** asset_changes rows written per changed report (must be exactly 5). */
  changesPerReport: number;
  /** Problems found: wrong outcomes or change counts. Non-empty fails the run. */
  errors: string[];
}

const PACKAGES = 300;
const CHANGED_PACKAGES = [10, 70, 130, 190, 250];
/** Reports measured per case: half through the app, half straight through the service. */
const REPORTS = 400;

/** The baseline: what taking the report needs at the least, parsing the body and hashing it. */
const baselineWork = (body: string) => [JSON.parse(body), sha256(body)];

/** State A and state B, which differ in exactly five package versions. */
function states(): [InventoryState, InventoryState] {
  const a = inventoryReport({ packageCount: PACKAGES }).state;
  const b = structuredClone(a);
  for (const i of CHANGED_PACKAGES) b.software![i]!.version = `${b.software![i]!.version}+bench1`;
  return [a, b];
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

async function countChanges(handle: DatabaseHandle, tenantId: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    handle,
    'select count(*)::int as n from asset_changes where tenant_id = $1',
    [tenantId],
  );
  return row!.n;
}

export async function measureInventory(
  handle: DatabaseHandle,
  app: App,
  services: Services,
  agents: readonly SeededAgent[],
): Promise<InventoryMeasurement> {
  const errors: string[] = [];
  const [stateA, stateB] = states();
  /** The state each agent's asset has on record, so the next report can repeat it or flip it. */
  const current = new Map<string, InventoryState>();
  let sequence = 0;
  let lastCollectedAt = 0;

  /** A report for each of `count` agents in turn: the same state as on record, or the other one. */
  function reports(count: number, kind: 'same' | 'flip') {
    return Array.from({ length: count }, (_, i) => {
      const agent = agents[i % agents.length]!;
      const onRecord = current.get(agent.agentId);
      const state = kind === 'same' ? (onRecord ?? stateA) : onRecord === stateA ? stateB : stateA;
      current.set(agent.agentId, state);
      lastCollectedAt = Math.max(Date.now(), lastCollectedAt + 1);
      const collectedAt = new Date(lastCollectedAt).toISOString();
      const body = JSON.stringify({ ...inventoryReport({ packageCount: PACKAGES, collectedAt }), state });
      return { agent, body, key: `bench-inventory-${++sequence}` };
    });
  }

  async function send(report: ReturnType<typeof reports>[number]): Promise<InventoryReceipt> {
    const response = await app.request('/agent/v1/inventory', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${report.agent.credential}`,
        'content-type': 'application/json',
        'idempotency-key': report.key,
      },
      body: report.body,
    });
    if (response.status !== 200) throw new Error(`inventory: ${response.status} ${await response.text()}`);
    return (await response.json()) as InventoryReceipt;
  }

  const expect = (receipt: InventoryReceipt, outcome: InventoryReceipt['outcome'], changes: number) => {
    if (receipt.outcome !== outcome || receipt.changes !== changes) {
      errors.push(`expected ${outcome} with ${changes} changes, got ${JSON.stringify(receipt)}`);
    }
  };

  /**
   * Milliseconds per report, one after another, taking turns: the baseline on the report's body, then the
   * report through app.request (even reports) or straight through services.inventory.receive with the
   * body already parsed and validated (odd ones), checking each receipt. Taking turns puts a shared
   * host's noise on all three alike.
   */
  async function measureCase(batch: ReturnType<typeof reports>, outcome: 'changed' | 'unchanged') {
    const changes = outcome === 'changed' ? CHANGED_PACKAGES.length : 0;
    const inputs = batch.map((r) => inventoryInputSchema.parse(JSON.parse(r.body)));
    const spent = { baseline: 0, request: 0, receive: 0 };
    for (const [i, report] of batch.entries()) {
      let started = performance.now();
      baselineWork(report.body);
      spent.baseline += performance.now() - started;
      started = performance.now();
      const receipt =
        i % 2 === 0
          ? await send(report)
          : await services.inventory.receive(report.agent, report.key, inputs[i]!);
      spent[i % 2 === 0 ? 'request' : 'receive'] += performance.now() - started;
      expect(receipt, outcome, changes);
    }
    return {
      baselineMs: spent.baseline / batch.length,
      requestMs: spent.request / Math.ceil(batch.length / 2),
      receiveMs: spent.receive / Math.floor(batch.length / 2),
    };
  }

  // Every asset gets a first report (no diff: nothing on record yet), then a round of each kind to warm up.
  for (const report of reports(agents.length, 'same')) expect(await send(report), 'changed', 0);
  await measureCase(reports(agents.length, 'same'), 'unchanged');
  const unchangedBatch = reports(REPORTS, 'same');
  const unchanged = await measureCase(unchangedBatch, 'unchanged');

  await measureCase(reports(agents.length, 'flip'), 'changed');
  const tenantId = agents[0]!.tenantId;
  const before = await countChanges(handle, tenantId);
  const changed = await measureCase(reports(REPORTS, 'flip'), 'changed');
  const changesPerReport = ((await countChanges(handle, tenantId)) - before) / REPORTS;
  if (changesPerReport !== CHANGED_PACKAGES.length) {
    errors.push(
      `${changesPerReport} asset_changes rows per changed report, expected ${CHANGED_PACKAGES.length}`,
    );
  }

  // The parts that need no database, on the unchanged reports' bodies.
  const bodies = unchangedBatch.map((r) => r.body);
  const objects = bodies.map((body) => JSON.parse(body) as unknown);
  const inputs = objects.map((o) => inventoryInputSchema.parse(o) as Inventory);
  return {
    reports: REPORTS,
    bodyBytes: Buffer.byteLength(bodies[0]!),
    baselineMs: (unchanged.baselineMs + changed.baselineMs) / 2,
    zodMs: timeEach(objects, (o) => inventoryInputSchema.parse(o)),
    stateHashMs: timeEach(inputs, (input) => sha256(JSON.stringify(input.state))),
    diffMs: timeEach(inputs, () => diffInventory(stateA, stateB)),
    unchanged: { requestMs: unchanged.requestMs, receiveMs: unchanged.receiveMs },
    changed: { requestMs: changed.requestMs, receiveMs: changed.receiveMs },
    changesPerReport,
    errors,
  };
}
