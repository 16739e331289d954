import { describe, expect, it } from 'vitest';
import { membershipIdOf, startTestApp } from '../../../../test/http.ts';

let now = new Date('2026-11-22T09:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });

describe('session lifetime', () => {
  it('refuses an expired session and purges it', async () => {
    const { owner } = await t.newTenant();
    expect((await owner.get('/auth/session')).status).toBe(200);
    now = new Date(now.getTime() + 15 * 86_400_000); // past the 14-day default
    const expired = await owner.get('/clients');
    expect(expired.status).toBe(401);
    expect(await t.services.auth.purgeExpiredSessions()).toBeGreaterThanOrEqual(1);
  });

  it('gives every sign-in a new session token', async () => {
    const { ownerEmail } = await t.newTenant();
    const first = await t.anonymous.post('/auth/login', {
      email: ownerEmail,
      password: 'correct horse battery staple',
    });
    const second = await t.anonymous.post('/auth/login', {
      email: ownerEmail,
      password: 'correct horse battery staple',
    });
    expect(first.headers.get('set-cookie')).not.toBe(second.headers.get('set-cookie'));
  });
});

describe('your own sessions', () => {
  it('lists them without secrets, marks the current one, and ends another device', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const laptop = await t.signIn(ownerEmail);
    const list = await owner.get('/auth/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(Object.keys(list.body.items[0]).sort()).toEqual(
      [
        'createdAt',
        'current',
        'expiresAt',
        'id',
        'ip',
        'lastSeenAt',
        'method',
        'tenantId',
        'userAgent',
      ].sort(),
    );
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect((await owner.delete(`/auth/sessions/${other.id}`)).status).toBe(204);
    const refused = await laptop.get('/auth/session');
    expect(refused.status).toBe(401);
    expect((await owner.get('/auth/session')).status).toBe(200);
    expect((await owner.get('/auth/sessions')).body.items).toHaveLength(1);
  });

  it("answers another member's session like a missing one", async () => {
    const { owner, member } = await t.newTenant();
    const dispatcher = await member('dispatcher', { allClients: true });
    const theirs = (await dispatcher.get('/auth/sessions')).body.items[0].id;
    const response = await owner.delete(`/auth/sessions/${theirs}`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('session.not_found');
    expect((await dispatcher.get('/auth/session')).status).toBe(200);
  });

  it('signs out everywhere else and keeps this session', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const phone = await t.signIn(ownerEmail);
    const tablet = await t.signIn(ownerEmail);
    const response = await owner.delete('/auth/sessions');
    expect(response.body).toEqual({ revoked: 2 });
    expect((await phone.get('/clients')).status).toBe(401);
    expect((await tablet.get('/clients')).status).toBe(401);
    expect((await owner.get('/clients')).status).toBe(200);
  });
});

describe("a member's sessions, for admins", () => {
  it('lists and ends them all; the member is signed out on the next request', async () => {
    const { owner, member } = await t.newTenant();
    const technician = await member('technician', { allClients: true });
    const id = await membershipIdOf(technician);
    const listed = await owner.get(`/users/${id}/sessions`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].current).toBe(false);
    expect((await owner.delete(`/users/${id}/sessions`)).body).toEqual({ revoked: 1 });
    expect((await technician.get('/clients')).status).toBe(401);
    expect((await owner.get(`/users/${id}/sessions`)).body.items).toEqual([]);
  });

  it('lets only an owner sign an owner out', async () => {
    const { owner, member } = await t.newTenant();
    const admin = await member('admin', { allClients: true });
    const ownerId = await membershipIdOf(owner);
    const response = await admin.delete(`/users/${ownerId}/sessions`);
    expect(response.status).toBe(403);
    expect((await owner.get('/auth/session')).status).toBe(200);
  });
});

describe('privilege changes', () => {
  it("apply to a member's existing session on its next request", async () => {
    const { owner, member } = await t.newTenant();
    const alpha = (await owner.post('/clients', { name: 'Alpha Dental' })).body;
    const beta = (await owner.post('/clients', { name: 'Beta Logistics' })).body;
    const dispatcher = await member('dispatcher', { allClients: true });
    const id = await membershipIdOf(dispatcher);
    expect((await dispatcher.post('/clients', { name: 'Allowed' })).status).toBe(201);
    expect((await dispatcher.get(`/clients/${beta.id}`)).status).toBe(200);

    await owner.patch(`/users/${id}`, { role: 'technician', allClients: false, clientIds: [alpha.id] });
    expect((await dispatcher.post('/clients', { name: 'No longer' })).status).toBe(403);
    expect((await dispatcher.get(`/clients/${beta.id}`)).status).toBe(404);
    expect((await dispatcher.get(`/clients/${alpha.id}`)).status).toBe(200);
    expect((await dispatcher.get('/auth/session')).body.membership.role).toBe('technician');
  });
});
