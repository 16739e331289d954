// Heartbeats over real HTTP through the node listener main.ts serves: a remembered credential's valid
// beat is answered on the fast path, and everything else gets the app's own answer — the same as
// without the fast path.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { createNodeListener } from '../../app.ts';
import { startRevocationListener } from './index.ts';

const t = await startTestApp();
const listening = await startRevocationListener(t.handle, t.services.agents, () => {});
const errors: unknown[] = [];
const server: Server = createServer(createNodeListener(t.app, t.services, (error) => errors.push(error)));
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
    const fast = await beat(credential);
    expect(fast.status).toBe(204);
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
