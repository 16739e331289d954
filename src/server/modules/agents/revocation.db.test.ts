// Two app nodes on one database, as behind a load balancer: each keeps agents' credentials in memory
// only while it hears every revocation, so a credential revoked on one node is refused on the other at
// once, and a node that stops listening reads every credential from the database again.
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_COOKIES } from '../../../../test/http.ts';
import { createApp } from '../../app.ts';
import { createServices } from '../../main.ts';
import { agents } from './agents.table.ts';
import { startRevocationListener } from './index.ts';

const t = await startTestApp();
const nodeB = createServices({ db: t.handle.db });
const appB = createApp(nodeB, { cookies: TEST_COOKIES });
const listeners = [
  await startRevocationListener(t.handle, t.services.agents, () => {}),
  await startRevocationListener(t.handle, nodeB.agents, () => {}),
];
// Before the database closes (after-hooks run last-registered first): a listening connection is held.
afterAll(() => Promise.all(listeners.map((listener) => listener.close())));

async function enrolled() {
  const { owner, tenantId } = await t.newTenant();
  const client = (await owner.post('/clients', { name: 'Contoso' })).body;
  const { token } = (await owner.post('/enrollment-tokens', { clientId: client.id })).body;
  const response = await t.app.request('/agent/v1/enroll', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, hostname: 'ws01', os: 'Debian GNU/Linux', osVersion: '12' }),
  });
  return { owner, tenantId, ...(await response.json()) };
}

const beat = (app: typeof appB, credential: string) =>
  Promise.resolve(
    app.request('/agent/v1/heartbeat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify({ sentAt: new Date().toISOString(), uptimeSeconds: 60, agentVersion: '0.2.0' }),
    }),
  ).then((response) => response.status);

async function statusWithin(ms: number, read: () => Promise<number>, wanted: number) {
  const deadline = Date.now() + ms;
  let status = await read();
  while (status !== wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = await read();
  }
  return status;
}

describe('agent credentials on two nodes', () => {
  it('refuses a credential revoked on one node on the other too', async () => {
    const { owner, agentId, credential } = await enrolled();
    expect(await beat(t.app, credential)).toBe(204);
    expect(await beat(appB, credential)).toBe(204);
    expect((await owner.post(`/agents/${agentId}/revoke`)).status).toBe(200);
    expect(await beat(t.app, credential)).toBe(401);
    expect(await statusWithin(2_000, () => beat(appB, credential), 401)).toBe(401);
  });

  it('answers a known credential from memory while it hears revocations', async () => {
    const { tenantId, agentId, credential } = await enrolled();
    expect(await beat(appB, credential)).toBe(204);
    // Changed behind every node's back, with no notification: node B does not read it again.
    await t.handle.db
      .update(agents)
      .set({ revokedAt: new Date() })
      .where(and(eq(agents.tenantId, tenantId), eq(agents.id, agentId)));
    expect(await beat(appB, credential)).toBe(204);
    expect(await beat(t.app, credential)).toBe(401);
  });

  it('reads every credential afresh on a node that does not hear revocations', async () => {
    const { tenantId, agentId, credential } = await enrolled();
    await listeners[1]!.close();
    expect(await beat(appB, credential)).toBe(204);
    // Revoked behind every node's back (no notification): a node that cannot hear must not remember.
    await t.handle.db
      .update(agents)
      .set({ revokedAt: new Date() })
      .where(and(eq(agents.tenantId, tenantId), eq(agents.id, agentId)));
    expect(await beat(appB, credential)).toBe(401);
  });
});
