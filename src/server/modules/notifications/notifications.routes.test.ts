import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiClient, membershipIdOf, startTestApp, weekdays } from '../../../../test/http.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { domainEvents, notifications } from './notifications.table.ts';

let now = new Date('2026-11-23T09:00:00Z'); // a Monday
const t = await startTestApp({ clock: { now: () => now } });
const at = (iso: string) => {
  now = new Date(iso);
};
const dispatch = () => t.services.notificationDispatcher.dispatchPending();
/** A tenant with staff in every seat, a client on a policy (P2: respond in 1 h) with a contact, and another client. */
async function desk() {
  at('2026-11-23T09:00:00Z');
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const calendar = (
    await owner.post('/calendars', {
      name: 'Office',
      timeZone: 'UTC',
      weeklyHours: weekdays([['09:00', '17:00']]),
      holidays: [],
    })
  ).body;
  const minutes = (first: number, resolution: number) => ({
    firstResponseMinutes: first,
    resolutionMinutes: resolution,
  });
  const policy = (
    await owner.post('/sla-policies', {
      name: 'Managed',
      calendarId: calendar.id,
      targets: { P1: minutes(15, 240), P2: minutes(60, 480), P3: minutes(240, 1440), P4: minutes(480, 2400) },
    })
  ).body;
  const client = (await owner.post('/clients', { name: 'Harbour Dental', defaultSlaPolicyId: policy.id }))
    .body;
  const other = (await owner.post('/clients', { name: 'Other Co' })).body;
  const contact = (
    await owner.post(`/clients/${client.id}/contacts`, { name: 'Carla Contact', email: 'carla@harbour.test' })
  ).body;
  const dispatcher = await tenant.member('dispatcher', { allClients: true });
  const technician = await tenant.member('technician', { clientIds: [client.id] });
  const outsider = await tenant.member('dispatcher', { clientIds: [other.id] });
  const billing = await tenant.member('billing', { allClients: true });
  const ids = {
    owner: await membershipIdOf(owner),
    dispatcher: await membershipIdOf(dispatcher),
    technician: await membershipIdOf(technician),
    outsider: await membershipIdOf(outsider),
    billing: await membershipIdOf(billing),
  };
  return { ...tenant, client, other, contact, dispatcher, technician, outsider, billing, ids };
}

type Desk = Awaited<ReturnType<typeof desk>>;

async function open(by: ApiClient, d: Desk, extra: Record<string, unknown> = {}) {
  const response = await by.post('/tickets', {
    clientId: d.client.id,
    contactId: d.contact.id,
    title: 'Printer offline',
    priority: 'P2',
    ...extra,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** Who was told in-app, by role name, per event type. */
async function inbox(d: Desk) {
  const rows = await t.handle.db.select().from(notifications).where(eq(notifications.tenantId, d.tenantId));
  const names = new Map(Object.entries(d.ids).map(([name, id]) => [id, name]));
  return rows.map((row) => `${row.type} ${names.get(row.membershipId)}`).sort();
}

async function mails(d: Desk) {
  const rows = await t.handle.db.select().from(outboundEmails).where(eq(outboundEmails.tenantId, d.tenantId));
  const addresses = new Map<string, string>([['carla@harbour.test', 'contact']]);
  for (const [name, client] of Object.entries({
    owner: d.owner,
    dispatcher: d.dispatcher,
    technician: d.technician,
  })) {
    addresses.set((await client.get('/auth/session')).body.identity.email, name);
  }
  return rows.map((row) => `${row.templateKey} ${addresses.get(row.toAddress) ?? row.toAddress}`).sort();
}

describe('domain events become notifications', () => {
  it('tells triage staff who see the client of a new unassigned ticket, and acknowledges it to the contact', async () => {
    const d = await desk();
    await open(d.technician, d);
    expect(await dispatch()).toBe(1);
    // Not the technician who opened it, not billing, not a dispatcher scoped to another client.
    expect(await inbox(d)).toEqual(['ticket.created dispatcher', 'ticket.created owner']);
    expect(await mails(d)).toEqual(['ticket.created contact']);
    const [row] = await t.handle.db
      .select()
      .from(notifications)
      .where(eq(notifications.tenantId, d.tenantId));
    expect(row).toMatchObject({ title: 'New ticket #1001', body: 'Printer offline — Harbour Dental' });
  });

  it('tells the assignee, in-app and by mail by default, never the member who assigned themselves', async () => {
    const d = await desk();
    const ticket = await open(d.owner, d, { assigneeId: d.ids.technician });
    const second = await open(d.owner, d);
    await d.dispatcher.post(`/tickets/${second.id}/assign`, { assigneeId: d.ids.technician });
    await d.technician.post(`/tickets/${ticket.id}/assign`, { assigneeId: d.ids.technician });
    const third = await open(d.owner, d);
    await d.dispatcher.post(`/tickets/${third.id}/assign`, { assigneeId: d.ids.dispatcher });
    await dispatch();
    const told = (await inbox(d)).filter((line) => line.startsWith('ticket.assigned'));
    expect(told).toEqual(['ticket.assigned technician', 'ticket.assigned technician']);
    expect((await mails(d)).filter((line) => line.startsWith('ticket.assigned'))).toEqual([
      'ticket.assigned technician',
      'ticket.assigned technician',
    ]);
  });

  it("tells the assignee of someone else's public reply, and mails the contact; internal notes tell no one", async () => {
    const d = await desk();
    const ticket = await open(d.owner, d, { assigneeId: d.ids.technician });
    await dispatch();
    const before = { inbox: (await inbox(d)).length, mails: (await mails(d)).length };
    await d.owner.post(`/tickets/${ticket.id}/notes`, { body: 'Checked the spooler' });
    await d.owner.post(`/tickets/${ticket.id}/replies`, { body: 'We are\nlooking into it.' });
    await d.technician.post(`/tickets/${ticket.id}/replies`, { body: 'On my way.' });
    await dispatch();
    expect((await inbox(d)).slice(0).filter((l) => l.startsWith('ticket.public_reply'))).toEqual([
      'ticket.public_reply technician',
    ]);
    expect((await inbox(d)).length).toBe(before.inbox + 1);
    expect((await mails(d)).filter((l) => l.startsWith('ticket.public_reply'))).toEqual([
      'ticket.public_reply contact',
      'ticket.public_reply contact',
    ]);
    const [reply] = await t.handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.tenantId, d.tenantId), eq(notifications.type, 'ticket.public_reply')));
    expect(reply).toMatchObject({ title: 'Olivia Owner replied on #1001', body: 'We are looking into it.' });
  });

  it('tells the assignee of a status change by someone else; the contact hears only of resolution', async () => {
    const d = await desk();
    const ticket = await open(d.owner, d, { assigneeId: d.ids.technician });
    await d.dispatcher.post(`/tickets/${ticket.id}/status`, { status: 'open' });
    await d.technician.post(`/tickets/${ticket.id}/status`, { status: 'scheduled' });
    await d.dispatcher.post(`/tickets/${ticket.id}/status`, { status: 'resolved' });
    await dispatch();
    expect((await inbox(d)).filter((l) => l.startsWith('ticket.status_changed'))).toEqual([
      'ticket.status_changed technician',
      'ticket.status_changed technician',
    ]);
    expect((await mails(d)).filter((l) => l.startsWith('ticket.status_changed'))).toEqual([
      'ticket.status_changed contact',
    ]);
  });

  it('warns the assignee once when a clock turns at risk, and tells triage staff once when it breaches', async () => {
    const d = await desk();
    await open(d.owner, d, { assigneeId: d.ids.technician });
    await dispatch();
    const sla = async () => (await inbox(d)).filter((l) => l.startsWith('sla.'));
    at('2026-11-23T09:50:00Z'); // 50 of 60 minutes: at risk
    await t.services.tickets.recomputeDue();
    at('2026-11-23T09:55:00Z');
    await t.services.tickets.recomputeDue();
    await dispatch();
    expect(await sla()).toEqual(['sla.at_risk technician']);
    at('2026-11-23T10:05:00Z');
    await t.services.tickets.recomputeDue();
    at('2026-11-23T10:30:00Z');
    await t.services.tickets.recomputeDue();
    await dispatch();
    expect(await sla()).toEqual([
      'sla.at_risk technician',
      'sla.breached dispatcher',
      'sla.breached owner',
      'sla.breached technician',
    ]);
    // Email by default for breaches, not for at risk.
    expect((await mails(d)).filter((l) => l.startsWith('sla.'))).toEqual([
      'sla.breached dispatcher',
      'sla.breached owner',
      'sla.breached technician',
    ]);
  });

  it('never tells a deactivated member', async () => {
    const d = await desk();
    await d.owner.patch(`/users/${d.ids.dispatcher}`, { active: false });
    await open(d.technician, d);
    await dispatch();
    expect(await inbox(d)).toEqual(['ticket.created owner']);
  });

  it("routes by each member's preference: in-app, email, both or none", async () => {
    const d = await desk();
    const choose = (channel: string) =>
      d.technician.put('/notification-preferences', { items: [{ type: 'ticket.assigned', channel }] });
    const assignNew = async () => {
      const ticket = await open(d.owner, d);
      await d.owner.post(`/tickets/${ticket.id}/assign`, { assigneeId: d.ids.technician });
      await dispatch();
    };
    const assigned = async () => ({
      inApp: (await inbox(d)).filter((l) => l === 'ticket.assigned technician').length,
      email: (await mails(d)).filter((l) => l === 'ticket.assigned technician').length,
    });
    expect((await choose('in_app')).status).toBe(200);
    await assignNew();
    expect(await assigned()).toEqual({ inApp: 1, email: 0 });
    await choose('email');
    await assignNew();
    expect(await assigned()).toEqual({ inApp: 1, email: 1 });
    await choose('none');
    await assignNew();
    expect(await assigned()).toEqual({ inApp: 1, email: 1 });
    await choose('both');
    await assignNew();
    expect(await assigned()).toEqual({ inApp: 2, email: 2 });
  });

  it('makes each notification once, however often or concurrently the dispatcher runs', async () => {
    const d = await desk();
    await open(d.technician, d);
    await open(d.technician, d);
    await Promise.all([dispatch(), dispatch(), dispatch()]);
    await dispatch();
    expect(await inbox(d)).toEqual([
      'ticket.created dispatcher',
      'ticket.created dispatcher',
      'ticket.created owner',
      'ticket.created owner',
    ]);
    expect(await mails(d)).toEqual(['ticket.created contact', 'ticket.created contact']);
    const events = await t.handle.db.select().from(domainEvents).where(eq(domainEvents.tenantId, d.tenantId));
    expect(events.every((e) => e.processedAt !== null)).toBe(true);
  });

  it('sets aside an event it cannot handle, keeps its error, and goes on with the events behind it', async () => {
    const d = await desk();
    const ticket = await open(d.technician, d);
    // As a newer Accord might write: a type this one does not know, older than the ticket's own event.
    await t.handle.db.insert(domainEvents).values({
      tenantId: d.tenantId,
      type: 'ticket.renamed' as never,
      ticketId: ticket.id,
      occurredAt: new Date(now.getTime() - 60_000),
    });
    await dispatch();
    expect(await inbox(d)).toEqual(['ticket.created dispatcher', 'ticket.created owner']);
    const [aside] = await t.handle.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.tenantId, d.tenantId), eq(domainEvents.type, 'ticket.renamed' as never)));
    expect(aside).toMatchObject({ processedAt: null, attempts: 1 });
    expect(aside!.lastError).toMatch(/TypeError/);
    expect(aside!.retryAt!.getTime() - now.getTime()).toBe(60_000);
    // Not tried again before its time; tried again (and set aside longer) after it.
    await dispatch();
    expect(
      (await t.handle.db.select().from(domainEvents).where(eq(domainEvents.id, aside!.id)))[0]!.attempts,
    ).toBe(1);
    at(new Date(now.getTime() + 61_000).toISOString());
    await dispatch();
    const [again] = await t.handle.db.select().from(domainEvents).where(eq(domainEvents.id, aside!.id));
    expect(again).toMatchObject({ attempts: 2, processedAt: null });
    expect(again!.retryAt!.getTime() - now.getTime()).toBe(120_000);
  });

  it('leaves no event behind a change that rolled back', async () => {
    const d = await desk();
    const ticket = await open(d.owner, d);
    await dispatch();
    const before = await t.handle.db.select().from(domainEvents).where(eq(domainEvents.tenantId, d.tenantId));
    // One good ticket and one missing: the bulk action changes none, so records nothing.
    const bulk = await d.owner.post('/tickets/bulk', {
      ticketIds: [ticket.id, crypto.randomUUID()],
      action: { type: 'assign', assigneeId: d.ids.technician },
    });
    expect(bulk.status).toBe(422);
    const after = await t.handle.db.select().from(domainEvents).where(eq(domainEvents.tenantId, d.tenantId));
    expect(after).toHaveLength(before.length);
  });
});

describe('the notification API', () => {
  async function withThree() {
    const d = await desk();
    for (const minute of ['01', '02', '03']) {
      at(`2026-11-23T09:${minute}:00Z`);
      const ticket = await open(d.owner, d, { title: `Ticket ${minute}` });
      await d.owner.post(`/tickets/${ticket.id}/assign`, { assigneeId: d.ids.technician });
      await dispatch();
    }
    return d;
  }

  it('lists your own notifications newest first, a page at a time, and filters unread ones', async () => {
    const d = await withThree();
    const first = await d.technician.get('/notifications?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((n: { body: string }) => n.body.slice(0, 9))).toEqual([
      'Ticket 03',
      'Ticket 02',
    ]);
    const second = await d.technician.get(`/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((n: { body: string }) => n.body.slice(0, 9))).toEqual(['Ticket 01']);
    expect(second.body.nextCursor).toBeNull();
    expect((await d.technician.get('/notifications/unread-count')).body).toEqual({ count: 3 });

    const read = await d.technician.post(`/notifications/${first.body.items[0].id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await d.technician.get('/notifications/unread-count')).body).toEqual({ count: 2 });
    const unread = await d.technician.get('/notifications?unread=true');
    expect(unread.body.items).toHaveLength(2);
    expect((await d.technician.get('/notifications?cursor=nonsense')).status).toBe(400);
  });

  it("answers 404 for another member's notification and marks only your own read", async () => {
    const d = await withThree();
    const theirs = (await d.technician.get('/notifications')).body.items[0];
    const attempt = await d.dispatcher.post(`/notifications/${theirs.id}/read`);
    expect(attempt.status).toBe(404);
    expect(attempt.body.error.code).toBe('notification.not_found');
    expect((await d.dispatcher.post('/notifications/read-all')).status).toBe(200);
    expect((await d.technician.get('/notifications/unread-count')).body).toEqual({ count: 3 });
    expect((await d.technician.post('/notifications/read-all')).body).toEqual({ updated: 3 });
    expect((await d.technician.get('/notifications/unread-count')).body).toEqual({ count: 0 });
  });

  it('shows every event type with its effective channel and default, and replaces the whole set', async () => {
    const d = await desk();
    const initial = await d.technician.get('/notification-preferences');
    expect(initial.body.items).toContainEqual({
      type: 'ticket.assigned',
      channel: 'both',
      defaultChannel: 'both',
    });
    expect(initial.body.items).toHaveLength(11);
    expect(initial.body.items).toContainEqual({
      type: 'loa.expiring',
      channel: 'both',
      defaultChannel: 'both',
    });
    await d.technician.put('/notification-preferences', {
      items: [
        { type: 'ticket.created', channel: 'none' },
        { type: 'sla.breached', channel: 'in_app' },
      ],
    });
    const chosen = (await d.technician.get('/notification-preferences')).body.items;
    expect(chosen).toContainEqual({ type: 'ticket.created', channel: 'none', defaultChannel: 'in_app' });
    expect(chosen).toContainEqual({ type: 'sla.breached', channel: 'in_app', defaultChannel: 'both' });
    // The whole set: what is left out goes back to its default.
    await d.technician.put('/notification-preferences', {
      items: [{ type: 'sla.breached', channel: 'email' }],
    });
    const replaced = (await d.technician.get('/notification-preferences')).body.items;
    expect(replaced).toContainEqual({ type: 'ticket.created', channel: 'in_app', defaultChannel: 'in_app' });
    // Other members keep their own.
    expect((await d.owner.get('/notification-preferences')).body.items).toContainEqual({
      type: 'sla.breached',
      channel: 'both',
      defaultChannel: 'both',
    });
    const twice = await d.technician.put('/notification-preferences', {
      items: [
        { type: 'sla.breached', channel: 'email' },
        { type: 'sla.breached', channel: 'none' },
      ],
    });
    expect(twice.status).toBe(400);
  });
});
