import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiClient, membershipIdOf, startTestApp } from '../../../../test/http.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { recordDomainEvent } from './domain-events.ts';
import { createNotificationDispatcher } from './notification-dispatcher.ts';
import type { LoaExpiringPayload } from './notification-rules.ts';
import { domainEvents, notifications } from './notifications.table.ts';

const now = new Date('2026-11-23T06:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });
// As in production with PUBLIC_URL set: mail links carry the origin, in-app links do not.
const dispatcher = createNotificationDispatcher({
  db: t.handle.db,
  clock: { now: () => now },
  mail: t.services.mail,
  publicUrl: 'https://accord.example.com/',
});
const dispatch = () => dispatcher.dispatchPending();

/** A tenant with a client, another client, and staff in every seat and scope that matters here. */
async function desk() {
  const tenant = await t.newTenant();
  const client = (await tenant.owner.post('/clients', { name: 'Bright Smile Dental' })).body;
  const other = (await tenant.owner.post('/clients', { name: 'Other Co' })).body;
  const staff: Record<string, ApiClient> = {
    owner: tenant.owner,
    admin: await tenant.member('admin', { clientIds: [client.id] }),
    dispatcher: await tenant.member('dispatcher', { allClients: true }),
    technician: await tenant.member('technician', { allClients: true }),
    outsider: await tenant.member('dispatcher', { clientIds: [other.id] }),
    quiet: await tenant.member('dispatcher', { allClients: true }),
  };
  const names = new Map<string, string>();
  const emails = new Map<string, string>();
  for (const [name, member] of Object.entries(staff)) {
    names.set(await membershipIdOf(member), name);
    emails.set((await member.get('/auth/session')).body.identity.email, name);
  }
  return { ...tenant, client, other, staff, names, emails };
}
type Desk = Awaited<ReturnType<typeof desk>>;

const vendorId = '0b9f6a52-6c1e-4d38-9a57-3f0d2b7c4e11';

async function loaExpiring(d: Desk, overrides: Partial<LoaExpiringPayload> = {}) {
  const payload: LoaExpiringPayload = {
    clientId: d.client.id,
    clientName: 'Bright Smile Dental',
    vendorId,
    vendorName: 'Henry Schein One',
    engagementId: crypto.randomUUID(),
    product: 'Dentrix',
    loaId: crypto.randomUUID(),
    expiresOn: '2026-11-30',
    daysLeft: 7,
    ...overrides,
  };
  await t.handle.db.transaction((tx) =>
    recordDomainEvent(tx, {
      tenantId: d.tenantId,
      type: 'loa.expiring',
      actorMembershipId: null,
      occurredAt: now,
      payload,
    }),
  );
}

/** Who was told in-app, by seat name. */
async function inbox(d: Desk) {
  const rows = await t.handle.db.select().from(notifications).where(eq(notifications.tenantId, d.tenantId));
  return rows.map((row) => `${row.type} ${d.names.get(row.membershipId)}`).sort();
}

/** Who was mailed, by seat name. */
async function mails(d: Desk) {
  const rows = await t.handle.db.select().from(outboundEmails).where(eq(outboundEmails.tenantId, d.tenantId));
  return rows.map((row) => `${row.templateKey} ${d.emails.get(row.toAddress) ?? row.toAddress}`).sort();
}

const told = ['loa.expiring admin', 'loa.expiring dispatcher', 'loa.expiring owner'];

describe('events about a client: an expiring Letter of Agency', () => {
  it('tells in the app the triage members who can see the client, and leads to the vendor', async () => {
    const d = await desk();
    await d.staff.quiet!.put('/notification-preferences', {
      items: [{ type: 'loa.expiring', channel: 'none' }],
    });
    await loaExpiring(d);
    expect(await dispatch()).toBe(1);
    // Not the technician (not a triage role), not the dispatcher scoped to another client, not the
    // dispatcher who turned it off.
    expect(await inbox(d)).toEqual(told);
    const [item] = (await d.staff.dispatcher!.get('/notifications')).body.items;
    expect(item).toMatchObject({
      type: 'loa.expiring',
      ticketId: null,
      link: `/vendors/${vendorId}`,
      title: 'Letter of Agency for Henry Schein One expires in 7 days',
      body: 'Dentrix at Bright Smile Dental — expires on 30 November 2026',
      readAt: null,
    });
    const read = await d.staff.dispatcher!.post(`/notifications/${item.id}/read`);
    expect(read.body).toMatchObject({ link: `/vendors/${vendorId}` });
    expect(read.body.readAt).not.toBeNull();
  });

  it('mails the same members, with a link to the vendor under the public URL; no one who turned it off', async () => {
    const d = await desk();
    await d.staff.quiet!.put('/notification-preferences', {
      items: [{ type: 'loa.expiring', channel: 'none' }],
    });
    await loaExpiring(d, { daysLeft: -1, expiresOn: '2026-11-22' });
    await dispatch();
    expect(await mails(d)).toEqual(told);
    const [mail] = await t.handle.db
      .select()
      .from(outboundEmails)
      .where(eq(outboundEmails.tenantId, d.tenantId));
    expect(mail!.subject).toBe(
      'Letter of Agency for Henry Schein One (Dentrix) at Bright Smile Dental expired on 22 November 2026',
    );
    expect(mail!.textBody).toContain(`https://accord.example.com/vendors/${vendorId}`);
    expect(mail!.ticketId).toBeNull();
  });

  it("follows each member's channel: email only, or in the app only", async () => {
    const d = await desk();
    await d.staff.admin!.put('/notification-preferences', {
      items: [{ type: 'loa.expiring', channel: 'email' }],
    });
    await d.staff.dispatcher!.put('/notification-preferences', {
      items: [{ type: 'loa.expiring', channel: 'in_app' }],
    });
    await loaExpiring(d);
    await dispatch();
    expect(await inbox(d)).toEqual(['loa.expiring dispatcher', 'loa.expiring owner', 'loa.expiring quiet']);
    expect((await mails(d)).filter((line) => line.endsWith('dispatcher'))).toEqual([]);
  });

  it('tells each member once, however often or concurrently the dispatcher runs', async () => {
    const d = await desk();
    await loaExpiring(d, { daysLeft: 30, expiresOn: '2026-12-23' });
    await Promise.all([dispatch(), dispatch(), dispatch()]);
    await dispatch();
    const everyone = [...told, 'loa.expiring quiet'];
    expect(await inbox(d)).toEqual(everyone);
    expect(await mails(d)).toEqual(everyone);
    const events = await t.handle.db.select().from(domainEvents).where(eq(domainEvents.tenantId, d.tenantId));
    expect(events.map((e) => e.processedAt !== null)).toEqual([true]);
  });

  it("tells no one of another tenant's client, and sets aside an event whose payload lacks what it needs", async () => {
    const d = await desk();
    const stranger = await desk();
    await loaExpiring(d, { clientId: stranger.client.id });
    await loaExpiring(d, { vendorId: undefined as never });
    await dispatch();
    expect(await inbox(d)).toEqual([]);
    expect(await inbox(stranger)).toEqual([]);
    const events = await t.handle.db.select().from(domainEvents).where(eq(domainEvents.tenantId, d.tenantId));
    expect(events.map((e) => ({ isDone: e.processedAt !== null, attempts: e.attempts }))).toEqual(
      expect.arrayContaining([
        { isDone: true, attempts: 0 },
        { isDone: false, attempts: 1 },
      ]),
    );
    expect(events.find((e) => e.attempts === 1)!.lastError).toMatch(/vendorId/);
  });
});
