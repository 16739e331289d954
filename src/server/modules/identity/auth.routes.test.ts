import { describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, uniqueEmail } from '../../../../test/http.ts';

const t = await startTestApp();

describe('sign-in', () => {
  it('rejects a wrong password and an unknown email with the same answer', async () => {
    const { ownerEmail } = await t.newTenant();
    const wrongPassword = await t.anonymous.post('/auth/login', {
      email: ownerEmail,
      password: 'not the password',
    });
    const unknown = await t.anonymous.post('/auth/login', { email: uniqueEmail(), password: TEST_PASSWORD });
    expect(wrongPassword.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrongPassword.body);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('ends the session on logout', async () => {
    const { owner } = await t.newTenant();
    expect((await owner.get('/auth/session')).status).toBe(200);
    expect((await owner.post('/auth/logout')).status).toBe(204);
    const after = await owner.get('/auth/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('auth.unauthenticated');
  });

  it('asks an identity with two organizations to choose one, and scopes to the choice', async () => {
    const first = await t.newTenant('First MSP');
    const second = await t.newTenant('Second MSP');
    const shared = uniqueEmail('shared');
    for (const tenant of [first, second]) {
      const created = await tenant.owner.post('/users', {
        name: 'Sam Shared',
        email: shared,
        password: TEST_PASSWORD,
        role: 'technician',
        allClients: true,
        clientIds: [],
      });
      expect(created.status).toBe(201);
    }
    await first.owner.post('/clients', { name: 'Only in first' });

    const session = await t.signIn(shared);
    const before = await session.get('/auth/session');
    expect(before.body.membership).toBeNull();
    expect(before.body.memberships.map((m: { tenantName: string }) => m.tenantName).sort()).toEqual([
      'First MSP',
      'Second MSP',
    ]);
    expect((await session.get('/clients')).body.error.code).toBe('auth.no_membership');

    const chosen = await session.post('/auth/select-tenant', { tenantId: second.tenantId });
    expect(chosen.body.membership.tenantName).toBe('Second MSP');
    // Choosing raised the session's privilege, so it carries on under a new cookie.
    expect((await session.get('/auth/session')).status).toBe(401);
    expect((await t.clientFrom(chosen).get('/clients')).body.total).toBe(0);
  });

  it('asks for MFA set-up when the organization chosen requires it', async () => {
    const relaxed = await t.newTenant('Relaxed MSP');
    const strict = await t.newTenant('Strict MSP');
    const shared = uniqueEmail('shared');
    for (const tenant of [relaxed, strict]) {
      const member = { name: 'Sam Shared', email: shared, password: TEST_PASSWORD, role: 'technician' };
      await tenant.owner.post('/users', { ...member, allClients: true, clientIds: [] });
    }
    expect((await strict.owner.patch('/settings/security', { mfaRequiredForStaff: true })).status).toBe(200);

    const inRelaxed = await (await t.signIn(shared)).post('/auth/select-tenant', {
      tenantId: relaxed.tenantId,
    });
    expect(inRelaxed.body).toMatchObject({ mfaPending: null, membership: { tenantName: 'Relaxed MSP' } });
    const inStrict = await (await t.signIn(shared)).post('/auth/select-tenant', {
      tenantId: strict.tenantId,
    });
    expect(inStrict.body).toMatchObject({ mfaPending: 'enroll', membership: null });
    expect((await t.clientFrom(inStrict).get('/clients')).body.error.code).toBe('auth.mfa_required');
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated mutation without the X-CSRF-Token header and changes nothing', async () => {
    const { owner } = await t.newTenant();
    const forged = await owner.request('POST', '/clients', { name: 'Forged' }, { 'x-csrf-token': 'wrong' });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('auth.csrf_failed');
    expect((await owner.get('/clients')).body.total).toBe(0);
  });
});

describe('API tokens', () => {
  it('acts as its user with a bearer header, shows last use, and stops working once revoked', async () => {
    const { owner } = await t.newTenant();
    const created = await owner.post('/api-tokens', { name: 'Reporting script', scope: 'full' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    const bearer = t.client(undefined, undefined, token);

    expect((await bearer.post('/clients', { name: 'Via API' })).status).toBe(201);
    const listed = await owner.get('/api-tokens');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(token);

    expect((await owner.delete(`/api-tokens/${created.body.id}`)).status).toBe(204);
    const refused = await bearer.get('/clients');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('auth.unauthenticated');
  });

  it('makes read-only tokens unless full access is asked for; read-only may GET but not change anything', async () => {
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Alpha Dental' })).body;
    const created = await owner.post('/api-tokens', { name: 'Dashboard' });
    expect(created.body.scope).toBe('read');
    const reader = t.client(undefined, undefined, created.body.token);

    expect((await reader.get('/clients')).status).toBe(200);
    expect((await reader.request('HEAD', '/clients')).status).toBe(200);
    for (const response of [
      await reader.post('/clients', { name: 'Via read token' }),
      await reader.patch(`/clients/${client.id}`, { phone: '+44 20 7946 0000' }),
      await reader.delete(`/api-tokens/${created.body.id}`),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('auth.token_read_only');
    }
    expect((await owner.get('/clients')).body.total).toBe(1);
    const listed = (await owner.get('/api-tokens')).body.items[0];
    expect(listed).toMatchObject({ scope: 'read', revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('refuses an unknown token scope', async () => {
    const { owner } = await t.newTenant();
    expect((await owner.post('/api-tokens', { name: 'X', scope: 'admin' })).status).toBe(400);
  });

  it('refuses a made-up bearer token', async () => {
    const response = await t.client(undefined, undefined, 'acc_madeup').get('/clients');
    expect(response.status).toBe(401);
  });
});

describe('bad requests', () => {
  it('answers malformed JSON, unknown fields, wrong types, oversized and non-JSON bodies with 4xx and changes nothing', async () => {
    const { owner } = await t.newTenant();
    const malformed = await owner.request('POST', '/clients', '{"name": "Broken', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('request.malformed_json');

    const unknown = await owner.post('/clients', { name: 'Acme', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('request.invalid');
    expect(unknown.body.error.message).toMatch(/colour/);

    const wrongType = await owner.post('/clients', { name: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0].path).toEqual(['name']);

    const huge = await owner.post('/clients', { name: 'Big', notes: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('request.too_large');

    const notJson = await owner.request('POST', '/clients', 'name=Acme', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(notJson.status).toBe(415);
    expect(notJson.body.error.code).toBe('request.unsupported_media_type');

    expect((await owner.get('/clients')).body.total).toBe(0);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await t.anonymous.get('/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('route.not_found');
  });

  it('publishes an OpenAPI 3.1 document', async () => {
    const response = await t.anonymous.get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/clients', '/calendars/{id}/due']),
    );
  });
});
