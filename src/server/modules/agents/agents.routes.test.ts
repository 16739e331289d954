import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD } from '../../../../test/http.ts';
import { assets } from '../assets/assets.table.ts';
import { agents } from './agents.table.ts';
import { createHeartbeatBuffer, writeHeartbeats } from './index.ts';

// Real time, moved forward by a test that needs a token to expire.
let offsetMs = 0;
const t = await startTestApp({ clock: { now: () => new Date(Date.now() + offsetMs) } });

/** A call to the agent API, outside /api/v1, as a machine makes it (no cookies). */
async function agentCall(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await t.app.request(`/agent/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const machine = { hostname: 'fs01', os: 'Debian GNU/Linux', osVersion: '12', type: 'server' };
const enroll = (token: string, extra: Record<string, unknown> = {}) =>
  agentCall('/enroll', { token, ...machine, ...extra });
const beat = (credential: string, body: unknown = heartbeat()) =>
  agentCall('/heartbeat', body, { authorization: `Bearer ${credential}` });
const heartbeat = () => ({ sentAt: new Date().toISOString(), uptimeSeconds: 3600, agentVersion: '0.1.0' });

/** A tenant with a client and a site, and its owner. */
async function setUp() {
  const tenant = await t.newTenant();
  const client = (await tenant.owner.post('/clients', { name: 'Contoso' })).body;
  const site = (
    await tenant.owner.post(`/clients/${client.id}/sites`, { name: 'HQ', timeZone: 'Europe/London' })
  ).body;
  const newToken = async (extra: Record<string, unknown> = {}) => {
    const response = await tenant.owner.post('/enrollment-tokens', { clientId: client.id, ...extra });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  return { ...tenant, client, site, newToken };
}

async function lastSeenOfAsset(tenantId: string, assetId: string): Promise<Date | null> {
  const [row] = await t.handle.db
    .select({ lastSeenAt: assets.lastSeenAt })
    .from(assets)
    .where(and(eq(assets.tenantId, tenantId), eq(assets.id, assetId)));
  return row!.lastSeenAt;
}

describe('enrollment', () => {
  it('shows a token once with its install command, and exchanges it for an asset and a credential', async () => {
    const { owner, client, site, newToken } = await setUp();
    const created = await newToken({ siteId: site.id, expiresInHours: 24 });
    expect(created.token).toMatch(/^acen_[\w-]{43}$/);
    expect(created.installCommand).toBe(
      `accord agent enroll --server http://localhost --token ${created.token}`,
    );
    expect(created).toMatchObject({
      clientName: 'Contoso',
      siteName: 'HQ',
      maxUses: 1,
      uses: 0,
      status: 'active',
    });
    const listed = (await owner.get('/enrollment-tokens')).body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const enrolled = await enroll(created.token, { serial: 'SN-1' });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.credential).toMatch(/^acag_[\w-]{43}$/);
    const asset = (await owner.get(`/assets/${enrolled.body.assetId}`)).body;
    expect(asset).toMatchObject({
      clientId: client.id,
      siteId: site.id,
      type: 'server',
      name: 'fs01',
      hostname: 'fs01',
      serial: 'SN-1',
      os: 'Debian GNU/Linux',
      osVersion: '12',
    });
    const agents = (await owner.get('/agents')).body.items;
    expect(agents).toEqual([
      expect.objectContaining({
        id: enrolled.body.agentId,
        assetId: enrolled.body.assetId,
        assetName: 'fs01',
        clientName: 'Contoso',
        lastSeenAt: null,
        revokedAt: null,
      }),
    ]);
    expect((await owner.get('/enrollment-tokens')).body.items[0]).toMatchObject({
      uses: 1,
      status: 'used_up',
    });

    const events = (await owner.get('/audit-events')).body.items.map((e: { action: string }) => e.action);
    expect(events).toEqual(expect.arrayContaining(['enrollment_token.create', 'agent.enrolled']));
    expect(JSON.stringify((await owner.get('/audit-events')).body)).not.toContain(created.token);
  });

  it('refuses unknown, expired, used-up and revoked tokens with the same answer and changes nothing', async () => {
    const { owner, newToken } = await setUp();
    const usedUp = await newToken();
    expect((await enroll(usedUp.token)).status).toBe(201);
    const revoked = await newToken();
    expect((await owner.post(`/enrollment-tokens/${revoked.id}/revoke`)).body.status).toBe('revoked');
    const expiring = await newToken({ expiresInHours: 1 });

    const answers = [await enroll('acen_unknown'), await enroll(usedUp.token), await enroll(revoked.token)];
    offsetMs = 2 * 3_600_000;
    try {
      expect(
        (await owner.get('/enrollment-tokens')).body.items.find((x: { id: string }) => x.id === expiring.id),
      ).toMatchObject({ status: 'expired' });
      answers.push(await enroll(expiring.token));
    } finally {
      offsetMs = 0;
    }
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 401,
        body: {
          error: {
            code: 'agent.enrollment_refused',
            message: 'The enrollment token is invalid, expired, used up or revoked.',
          },
        },
      });
    }
    expect((await owner.get('/agents')).body.items).toHaveLength(1);
    const uses = (await owner.get('/enrollment-tokens')).body.items.map((x: { uses: number }) => x.uses);
    expect(uses.sort()).toEqual([0, 0, 1]);
  });

  it('lets a two-use token enroll twice and not a third time', async () => {
    const { owner, newToken } = await setUp();
    const token = await newToken({ maxUses: 2 });
    const first = await enroll(token.token, { hostname: 'pc-1' });
    const second = await enroll(token.token, { hostname: 'pc-2' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.assetId).not.toBe(second.body.assetId);
    expect((await enroll(token.token, { hostname: 'pc-3' })).status).toBe(401);
    expect(
      (await owner.get('/agents')).body.items.map((a: { hostname: string }) => a.hostname).sort(),
    ).toEqual(['pc-1', 'pc-2']);
  });

  it('refuses a site of another client and a client of another tenant', async () => {
    const { owner, client } = await setUp();
    const other = (await owner.post('/clients', { name: 'Fabrikam' })).body;
    const otherSite = (
      await owner.post(`/clients/${other.id}/sites`, { name: 'Lab', timeZone: 'Europe/London' })
    ).body;
    const wrongSite = await owner.post('/enrollment-tokens', { clientId: client.id, siteId: otherSite.id });
    expect(wrongSite.status).toBe(404);
    expect(wrongSite.body.error.code).toBe('site.not_found');
    const stranger = await t.newTenant('Elsewhere');
    expect((await stranger.owner.post('/enrollment-tokens', { clientId: client.id })).status).toBe(404);
  });

  it('refuses malformed and oversized input with 400/413 and spends no use', async () => {
    const { owner, newToken } = await setUp();
    const token = await newToken();
    const invalid = [
      await enroll(token.token, { extra: true }),
      await enroll(token.token, { type: 'printer' }),
      await enroll(token.token, { hostname: '' }),
      await enroll(token.token, { hostname: 'x'.repeat(256) }),
      await agentCall('/enroll', '{"token":'),
    ];
    expect(invalid.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect((await enroll(token.token, { os: 'a'.repeat(70 * 1024) })).status).toBe(413);
    expect((await enroll(token.token, { hostname: 'nul\u0000host' })).status).toBe(400);
    expect((await owner.get('/enrollment-tokens')).body.items[0].uses).toBe(0);
    expect((await owner.post('/enrollment-tokens', { clientId: token.clientId, maxUses: 1001 })).status).toBe(
      400,
    );
    expect(
      (await owner.post('/enrollment-tokens', { clientId: token.clientId, expiresInHours: 721 })).status,
    ).toBe(400);
  });
});

describe('heartbeats and credentials', () => {
  it('records last seen on the agent and its asset when the batch is written', async () => {
    const { owner, tenantId, newToken } = await setUp();
    const { body: agent } = await enroll((await newToken()).token);
    expect((await beat(agent.credential)).status).toBe(204);
    expect((await owner.get('/agents')).body.items[0].lastSeenAt).toBeNull();

    expect(await t.services.agents.flushHeartbeats()).toBeGreaterThanOrEqual(1);
    const listed = (await owner.get('/agents')).body.items[0];
    expect(listed.lastSeenAt).not.toBeNull();
    expect(listed.version).toBe('0.1.0');
    expect(await lastSeenOfAsset(tenantId, agent.assetId)).toEqual(new Date(listed.lastSeenAt));
    // Heartbeats are telemetry: nothing in the audit trail.
    const events = (await owner.get('/audit-events')).body.items.map((e: { action: string }) => e.action);
    expect(events.filter((a: string) => a.includes('heartbeat'))).toEqual([]);
  });

  it('writes a fleet larger than one slice: every agent and asset, once', async () => {
    const { client, tenantId, newToken } = await setUp();
    const token = await newToken();
    const fleet = 1201;
    // Assets and agents in two statements: enrolling 1,201 machines through the API would take a minute.
    await t.handle.db.execute(sql`
      with made as (
        insert into assets (tenant_id, id, client_id, type, name, created_at, updated_at)
        select ${tenantId}, gen_random_uuid(), ${client.id}, 'workstation', 'ws-' || i, now(), now()
        from generate_series(1, ${fleet}::int) as i
        returning id)
      insert into agents (tenant_id, id, asset_id, credential_hash, enrolled_at, enrollment_token_id, hostname)
      select ${tenantId}, gen_random_uuid(), id, md5(id::text), now(), ${token.id}, 'ws'
      from made`);
    const rows = await t.handle.db
      .select({ agentId: agents.id, assetId: agents.assetId })
      .from(agents)
      .where(eq(agents.tenantId, tenantId));
    const buffer = createHeartbeatBuffer();
    const at = new Date('2026-11-23T10:30:00Z');
    for (const row of rows) {
      buffer.add({ tenantId, ...row, at, version: '0.2.0' });
    }

    expect(await writeHeartbeats(t.handle.db, buffer)).toBe(fleet);
    expect(buffer.size).toBe(0);
    const seen = async (table: typeof agents | typeof assets) => {
      const [row] = await t.handle.db
        .select({ n: count() })
        .from(table)
        .where(and(eq(table.tenantId, tenantId), eq(table.lastSeenAt, at)));
      return row!.n;
    };
    expect([await seen(agents), await seen(assets)]).toEqual([fleet, fleet]);
  });

  it('refuses malformed heartbeats with 400 and strangers with 401 before reading the body', async () => {
    const { newToken } = await setUp();
    const { body: agent } = await enroll((await newToken()).token);
    const bad = [
      await beat(agent.credential, { ...heartbeat(), extra: 1 }),
      await beat(agent.credential, { ...heartbeat(), uptimeSeconds: -1 }),
      await beat(agent.credential, { ...heartbeat(), sentAt: 'yesterday' }),
      await beat(agent.credential, 'not json'),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect((await agentCall('/heartbeat', { nonsense: true })).body.error.code).toBe('agent.unauthorized');
  });

  it('refuses a revoked credential on its next call', async () => {
    const { owner, newToken } = await setUp();
    const { body: agent } = await enroll((await newToken()).token);
    expect((await beat(agent.credential)).status).toBe(204);
    const revoked = await owner.post(`/agents/${agent.agentId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await beat(agent.credential);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('agent.unauthorized');
    const stranger = await t.newTenant('Elsewhere');
    expect((await stranger.owner.post(`/agents/${agent.agentId}/revoke`)).status).toBe(404);
  });

  it('keeps an agent credential to the agent API: every /api route answers 401', async () => {
    const { newToken } = await setUp();
    const { body: agent } = await enroll((await newToken()).token);
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(100);
    const answered: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:\w+/g, crypto.randomUUID());
      const response = await t.app.request(path, {
        method: route.method,
        headers: { authorization: `Bearer ${agent.credential}`, 'content-type': 'application/json' },
        body: route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}',
      });
      if (response.status !== 401) answered.push(`${route.method} ${route.path}: ${response.status}`);
    }
    expect(answered).toEqual([]);
    // The credential still works where it belongs.
    expect((await beat(agent.credential)).status).toBe(204);
  });

  it('accepts no staff session, API token or enrollment token on the agent API', async () => {
    const { owner, ownerEmail, newToken } = await setUp();
    const enrollment = await newToken({ maxUses: 2 });
    await enroll(enrollment.token);
    const apiToken = (await owner.post('/api-tokens', { name: 'CI', scope: 'full' })).body.token;
    for (const bearer of [apiToken, enrollment.token, 'acag_made-up']) {
      expect((await beat(bearer)).status).toBe(401);
    }
    // The owner's session cookie and CSRF token, as a browser would send them.
    const login = await t.anonymous.post('/auth/login', { email: ownerEmail, password: TEST_PASSWORD });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const withSession = await agentCall('/heartbeat', heartbeat(), {
      cookie,
      'x-csrf-token': login.body.csrfToken,
    });
    expect(withSession.status).toBe(401);
    expect((await agentCall('/heartbeat', heartbeat())).status).toBe(401);
  });
});
