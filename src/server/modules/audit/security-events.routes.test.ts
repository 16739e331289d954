import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, TEST_PASSWORD, uniqueEmail } from '../../../../test/http.ts';
import type { JobQueue } from '../../jobs/index.ts';
import { registerJobs } from '../../main.ts';
import { securityEvents } from './audit.table.ts';

const t = await startTestApp();

interface Entry {
  id: string;
  action: string;
  identityId: string | null;
  email: string | null;
  occurredAt: string;
}

const failLogin = async (email: string) =>
  expect((await t.anonymous.post('/auth/login', { email, password: 'not the password' })).status).toBe(401);

async function addUser(owner: ApiClient, email = uniqueEmail('tech')) {
  const created = await owner.post('/users', {
    name: 'Tess Tech',
    email,
    password: TEST_PASSWORD,
    role: 'technician',
    allClients: false,
    clientIds: [],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; identityId: string; email: string };
}

/** Every page of GET /security-events with these filters, walked two at a time. */
async function listAll(client: ApiClient, filters = '') {
  const items: Entry[] = [];
  let cursor: string | null = null;
  do {
    const response: { status: number; body: { items: Entry[]; nextCursor: string | null } } =
      await client.get(`/security-events?limit=2${filters}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return items;
}

describe('GET /security-events', () => {
  it('needs security.manage: owners and admins may, other roles get 403 and strangers 401', async () => {
    const { owner, member } = await t.newTenant();
    expect((await owner.get('/security-events')).status).toBe(200);
    expect((await (await member('admin', { allClients: true })).get('/security-events')).status).toBe(200);
    for (const role of ['dispatcher', 'technician', 'billing'] as const) {
      expect((await (await member(role)).get('/security-events')).status, role).toBe(403);
    }
    expect((await t.anonymous.get('/security-events')).status).toBe(401);
  });

  it("shows events about this tenant's people, active or not, and failed logins at their addresses", async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const ownerIdentity = (await owner.get('/auth/session')).body.identity.id as string;
    // Someone tried the address before the account existed: no identity then, the address now.
    const newHire = uniqueEmail('new.hire');
    await failLogin(newHire.toUpperCase());
    const hire = await addUser(owner, newHire);
    await failLogin(ownerEmail);
    const leaver = await addUser(owner);
    await failLogin(leaver.email);
    expect((await owner.patch(`/users/${leaver.id}`, { active: false })).status).toBe(200);

    const events = await listAll(owner);
    const seen = events.map((e) => [e.action, e.identityId, e.email]);
    expect(seen).toEqual([
      ['auth.login_failed', leaver.identityId, leaver.email.toLowerCase()],
      ['auth.login_failed', ownerIdentity, ownerEmail.toLowerCase()],
      ['auth.login_failed', null, hire.email.toLowerCase()],
    ]);
  });

  it("never shows events about another tenant's people, nor failed logins at addresses nobody here has", async () => {
    const ours = await t.newTenant('Ours');
    const theirs = await t.newTenant('Theirs');
    const theirMember = await addUser(theirs.owner);
    const theirIdentity = (await theirs.owner.get('/auth/session')).body.identity.id as string;
    await failLogin(theirs.ownerEmail);
    await failLogin(theirMember.email);
    const stranger = uniqueEmail('stranger');
    await failLogin(stranger);
    await failLogin(ours.ownerEmail);

    const mine = await listAll(ours.owner);
    expect(mine.map((e) => e.email)).toEqual([ours.ownerEmail.toLowerCase()]);
    // Naming the other tenant's identity does not reach it either.
    expect(await listAll(ours.owner, `&identityId=${theirIdentity}`)).toEqual([]);
    expect(await listAll(ours.owner, `&identityId=${theirMember.identityId}`)).toEqual([]);
    // They are in the log, and their own tenant sees them.
    const rows = await t.handle.db
      .select()
      .from(securityEvents)
      .where(inArray(securityEvents.email, [theirs.ownerEmail.toLowerCase(), stranger]));
    expect(rows).toHaveLength(2);
    expect((await listAll(theirs.owner)).map((e) => e.email).sort()).toEqual(
      [theirs.ownerEmail.toLowerCase(), theirMember.email.toLowerCase()].sort(),
    );
  });

  it('shows a login before choosing an organization in every organization of that person', async () => {
    const first = await t.newTenant('First');
    const { tenantId: secondId } = await t.services.auth.createTenant(
      { organizationName: 'Second', name: 'Olivia Owner', email: first.ownerEmail, password: TEST_PASSWORD },
      { mfaRequiredForStaff: false },
    );
    await t.signIn(first.ownerEmail); // two organizations, none chosen: the install-wide log
    const second = await t.signIn(first.ownerEmail, TEST_PASSWORD, secondId);
    for (const owner of [first.owner, second]) {
      expect((await listAll(owner, '&action=auth.login')).map((e) => e.action)).toEqual(['auth.login']);
    }
  });

  it('filters by action prefix, identity and time, newest first across cursor pages', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const ownerIdentity = (await owner.get('/auth/session')).body.identity.id as string;
    const tech = await addUser(owner);
    await failLogin(ownerEmail);
    await failLogin(tech.email);
    await failLogin(ownerEmail);
    await failLogin(tech.email);
    await failLogin(ownerEmail);

    const all = await listAll(owner);
    expect(all).toHaveLength(5);
    const times = all.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(all.map((e) => e.id)).size).toBe(5);

    const ownersOnly = await listAll(owner, `&identityId=${ownerIdentity}`);
    expect(ownersOnly.map((e) => e.identityId)).toEqual([ownerIdentity, ownerIdentity, ownerIdentity]);
    expect(await listAll(owner, '&action=auth.login_failed')).toHaveLength(5);
    expect(await listAll(owner, '&action=auth.mfa')).toEqual([]);
    const middle = all[2]!.occurredAt;
    const window = await listAll(
      owner,
      `&from=${encodeURIComponent(middle)}&to=${encodeURIComponent(all[1]!.occurredAt)}`,
    );
    expect(window.map((e) => e.id)).toEqual([all[1]!.id, all[2]!.id]);
    expect(await listAll(owner, `&from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).toEqual([]);
    expect((await owner.get('/security-events?cursor=not-a-cursor')).status).toBe(400);
  });
});

describe('security event retention', () => {
  it('the hourly sessions.purge job deletes security events older than 365 days and keeps younger ones', async () => {
    const day = 24 * 3600 * 1000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day);
    const seeded = await t.handle.db
      .insert(securityEvents)
      .values([
        { action: 'auth.login_failed', email: 'expired@example.test', occurredAt: at(366) },
        { action: 'auth.login_failed', email: 'expired@example.test', occurredAt: at(400) },
        { action: 'auth.login_failed', email: 'kept@example.test', occurredAt: at(364) },
      ])
      .returning();

    // The job's own handler, as registerJobs wires it (the queue itself is tested in jobs.db.test.ts).
    const handlers = new Map<string, () => Promise<void>>();
    const queue: JobQueue = {
      start: async () => undefined,
      isRunning: () => true,
      stop: async () => undefined,
      send: async () => null,
      work: async <T extends object>(
        name: string,
        handler: (job: { id: string; data: T }) => Promise<void>,
      ) => void handlers.set(name, () => handler({ id: name, data: {} as T })),
      schedule: async () => undefined,
    };
    await registerJobs(queue, t.services);
    await handlers.get('sessions.purge')!();

    const left = await t.handle.db
      .select()
      .from(securityEvents)
      .where(
        inArray(
          securityEvents.id,
          seeded.map((row) => row.id),
        ),
      );
    expect(left.map((row) => row.email)).toEqual(['kept@example.test']);
    expect(await t.services.audit.purgeSecurityEvents()).toBe(0);
    const kept = await t.handle.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.email, 'kept@example.test'));
    expect(kept).toHaveLength(1);
  });
});
