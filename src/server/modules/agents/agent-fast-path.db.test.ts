// Heartbeats and inventory reports over real HTTP through the fast path main.ts serves: a remembered
// credential's valid beat, and its unchanged report, are answered there, and everything else gets the
// app's own answer — the same as without the fast path.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { inventoryReport } from '../../../../test/inventory-report.ts';
import { collectInventory } from '../../../agent/collectors/index.ts';
import { asQueued } from '../../../agent/run-loop.ts';
import { INVENTORY_BASIS_HEADER } from '../../../shared/api/inventory.ts';
import { createAgentFastPath, startRevocationListener } from './index.ts';

const t = await startTestApp();
const listening = await startRevocationListener(t.handle, t.services.agents, () => {});
const errors: unknown[] = [];
/** Requests the app answered (every one the fast path did not). */
let byApp = 0;
const appListener = getRequestListener(t.app.fetch);
const listener = createAgentFastPath(
  t.services,
  t.app.agentLimiters,
  (request, env) => {
    byApp++;
    return t.app.fetch(request, env);
  },
  (req, res) => {
    byApp++;
    return appListener(req, res);
  },
  (error) => errors.push(error),
);
const server: Server = createServer(listener);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await listening.close();
});

async function enrolled() {
  const { owner } = await t.newTenant();
  const client = (await owner.post('/clients', { name: 'Contoso' })).body;
  const { token } = (await owner.post('/enrollment-tokens', { clientId: client.id })).body;
  const response = await fetch(`${url}/agent/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, hostname: 'ws01', os: 'Debian GNU/Linux', osVersion: '12' }),
  });
  return { owner, ...(await response.json()) };
}

const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const good = () => ({ sentAt: new Date().toISOString(), uptimeSeconds: 60, agentVersion: '0.2.0' });

async function beat(credential: string, body: unknown = good()) {
  const response = await fetch(`${url}/agent/v1/heartbeat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

describe('heartbeats through the node listener', () => {
  it('answers beats, remembered or not, and records last seen', async () => {
    const { owner, credential, assetId } = await enrolled();
    expect((await beat(credential)).status).toBe(204); // read from the database, then remembered
    const answeredByApp = byApp;
    const fast = await beat(credential);
    expect(fast.status).toBe(204);
    expect(byApp).toBe(answeredByApp);
    expect(fast.headers.get('x-request-id')).toMatch(/^[\w.-]+$/);
    await t.services.agents.flushHeartbeats();
    expect((await owner.get(`/assets/${assetId}`)).body.state).toBe('online');
    expect(errors).toEqual([]);
  });

  it("gives a remembered credential's bad beats the app's own answers", async () => {
    const { credential } = await enrolled();
    await beat(credential);
    const invalid = await beat(credential, { ...good(), uptimeSeconds: -1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({
      code: 'request.invalid',
      details: [{ path: ['uptimeSeconds'], message: expect.any(String) }],
    });
    expect((await beat(credential, '{"sentAt":')).body.error.code).toBe('request.malformed_json');
    const nul = await beat(credential, { ...good(), agentVersion: '0.2\u0000' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.details).toEqual([{ path: ['agentVersion'], message: expect.any(String) }]);
  });

  it('keeps the per-agent budget and refuses a revoked credential at once', async () => {
    const { owner, agentId, credential } = await enrolled();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await beat(credential)).status);
    expect(statuses.slice(0, 30).every((status) => status === 204)).toBe(true);
    const limited = await beat(credential);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await owner.post(`/agents/${agentId}/revoke`)).status).toBe(200);
    expect((await beat(credential)).body.error.code).toBe('agent.unauthorized');
  });
});

describe('inventory reports through the node listener', () => {
  let keys = 0;
  async function report(credential: string, body: unknown, basis?: string, key = `fast-report-${++keys}`) {
    const response = await fetch(`${url}/agent/v1/inventory`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${credential}`,
        'idempotency-key': key,
        ...(basis ? { [INVENTORY_BASIS_HEADER]: basis } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  /** An agent whose first report is on record, remembered by this node, with its receipt's basis. */
  async function reporting() {
    const agent = await enrolled();
    await beat(agent.credential); // remembers the credential
    const first = await report(agent.credential, inventoryReport({ collectedAt: at(0) }));
    expect(first.body.outcome).toBe('changed');
    return { ...agent, basis: first.body.basis as string };
  }

  it('takes an unchanged report without the app; its health is on record after the flush', async () => {
    const { owner, assetId, credential, basis } = await reporting();
    const same = inventoryReport({ collectedAt: at(15) });
    same.health.volumes[0]!.freeBytes = 7e9;
    const answeredByApp = byApp;
    const taken = await report(credential, same, basis);
    expect(taken.status).toBe(200);
    expect(taken.body).toEqual({ outcome: 'unchanged', changes: 0, basis });
    expect(taken.headers.get('content-type')).toBe('application/json');
    expect(byApp).toBe(answeredByApp);
    await t.services.inventory.flushHealth();
    const inventory = (await owner.get(`/assets/${assetId}/inventory`)).body;
    expect(inventory.health.volumes[0].freeBytes).toBe(7e9);
    expect(inventory.collectedAt).toBe(same.collectedAt);
    expect(errors).toEqual([]);
  });

  it("gives the app every report it cannot take from memory, and the app's answers", async () => {
    const { owner, assetId, credential, basis } = await reporting();
    const answeredByApp = byApp;
    // Changed: one package more.
    const changed = await report(
      credential,
      inventoryReport({ collectedAt: at(15), packageCount: 301 }),
      basis,
    );
    expect(changed.body).toMatchObject({ outcome: 'changed', changes: 1 });
    // Unchanged, but a field besides the state does not validate, or holds a NUL.
    const bad = inventoryReport({ collectedAt: at(30), packageCount: 301 });
    bad.health.volumes[0]!.freeBytes = -1;
    const invalid = await report(credential, bad, changed.body.basis);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toEqual(['health', 'volumes', '0', 'freeBytes']);
    const nul = inventoryReport({ collectedAt: at(30), packageCount: 301 });
    nul.agentVersion = '0.2\u0000';
    expect((await report(credential, nul, changed.body.basis)).body.error.details).toEqual([
      { path: ['agentVersion'], message: expect.any(String) },
    ]);
    // The state as the record has it, but not as the schema reads it (a name with spaces around it):
    // its hash differs, so the app validates it and trims the name.
    const padded = inventoryReport({ collectedAt: at(45), packageCount: 301 });
    padded.state.hostname = ` ${padded.state.hostname} `;
    expect((await report(credential, padded, changed.body.basis)).body).toMatchObject({
      outcome: 'unchanged',
    });
    // The same state in another form (health before state): the app reads it whole.
    const { state, ...besides } = inventoryReport({ collectedAt: at(50), packageCount: 301 });
    const reordered = await report(credential, { ...besides, state }, changed.body.basis);
    expect(reordered.body).toMatchObject({ outcome: 'unchanged' });
    expect(byApp - answeredByApp).toBe(5);
    expect((await owner.get(`/assets/${assetId}/changes`)).body.total).toBe(1);
    expect(errors).toEqual([]);
  });

  it("takes the real agent's unchanged report on this machine from memory", { timeout: 60_000 }, async () => {
    const { credential } = await enrolled();
    await beat(credential);
    const collect = async () =>
      asQueued(await collectInventory({ since: new Date(Date.now() - 60_000) })).body;
    let last = await report(credential, await collect());
    expect(last.body.outcome).toBe('changed');
    // Tests running beside this one install packages and add users: a collection the machine really
    // changed before is taken as changed, and the next pair tried.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const answeredByApp = byApp;
      const next = await report(credential, await collect(), last.body.basis);
      if (next.body.outcome === 'changed') {
        last = next;
        continue;
      }
      expect(next.body).toEqual({ outcome: 'unchanged', changes: 0, basis: last.body.basis });
      expect(byApp).toBe(answeredByApp);
      return;
    }
    expect.fail('this machine changed between every two collections');
  });

  it('spends the per-agent budget: past it the app answers 429', async () => {
    const { credential, basis } = await reporting();
    const statuses: number[] = [];
    for (let i = 1; i <= 60; i++) {
      statuses.push((await report(credential, inventoryReport({ collectedAt: at(i) }), basis)).status);
    }
    expect(statuses.slice(0, 59).every((status) => status === 200)).toBe(true);
    expect(statuses[59]).toBe(429);
  });
});
