import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiClient, membershipIdOf, startTestApp, TEST_PASSWORD } from '../../../../test/http.ts';
import { auditEvents, securityEvents } from './audit.table.ts';

const t = await startTestApp();

async function eventsOf(tenantId: string) {
  return t.handle.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId));
}

/** Runs a request and returns the audit events it added to the tenant. */
async function added(tenantId: string, request: () => Promise<{ status: number }>) {
  const before = new Set((await eventsOf(tenantId)).map((e) => e.id));
  const response = await request();
  const events = (await eventsOf(tenantId)).filter((e) => !before.has(e.id));
  return { response, events };
}

async function deskWithTicket() {
  const tenant = await t.newTenant();
  const client = (await tenant.owner.post('/clients', { name: 'Harbour Dental' })).body;
  const ticket = (
    await tenant.owner.post('/tickets', { clientId: client.id, title: 'Printer offline', priority: 'P3' })
  ).body;
  const workTypes = (await tenant.owner.get('/work-types')).body.items as { id: string; name: string }[];
  return { ...tenant, client, ticket, workTypeId: workTypes[0]!.id };
}

describe('audit events from mutations', () => {
  it('are written exactly once per mutation, across modules, naming action, actor and target', async () => {
    const { tenantId, owner, client, ticket, workTypeId } = await deskWithTicket();
    const ownerId = await membershipIdOf(owner);
    const cases: [string, string, () => Promise<{ status: number; body?: { id?: string } }>][] = [
      ['client.update', 'client', () => owner.patch(`/clients/${client.id}`, { name: 'Harbour Dental Ltd' })],
      ['ticket.reply', 'ticket', () => owner.post(`/tickets/${ticket.id}/replies`, { body: 'On it' })],
      ['ticket.priority', 'ticket', () => owner.post(`/tickets/${ticket.id}/priority`, { priority: 'P2' })],
      ['work_type.create', 'work_type', () => owner.post('/work-types', { name: 'Training' })],
      [
        'time_entry.create',
        'time_entry',
        () =>
          owner.post(`/tickets/${ticket.id}/time-entries`, {
            startedAt: '2026-01-05T10:00:00Z',
            minutes: 30,
            note: 'Driver',
            workTypeId,
          }),
      ],
      ['calendar.create', 'calendar', () => owner.post('/calendars', calendarInput())],
      [
        'ticket_settings.update',
        'ticket_settings',
        () => owner.patch('/settings/tickets', { reopenWindowDays: 5 }),
      ],
      ['api_token.create', 'api_token', () => owner.post('/api-tokens', { name: 'CI' })],
    ];
    for (const [action, targetType, request] of cases) {
      const { response, events } = await added(tenantId, request);
      expect(response.status, action).toBeLessThan(300);
      expect(
        events.map((e) => e.action),
        action,
      ).toEqual([action]);
      expect(events[0]).toMatchObject({ targetType, actorMembershipId: ownerId });
      expect(events[0]!.requestId).toBeTruthy();
    }
  });

  it('are not written when the mutation fails', async () => {
    const { tenantId, owner, member } = await deskWithTicket();
    const technician = await member('technician');
    const failed = [
      () => owner.post('/work-types', { name: 'remote support' }), // name taken, inside the run
      () => owner.patch('/clients/00000000-0000-7000-8000-000000000000', { name: 'Nobody' }),
      () => technician.post('/work-types', { name: 'Sneaky' }), // refused before the run
    ];
    for (const request of failed) {
      const { response, events } = await added(tenantId, request);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(events).toEqual([]);
    }
  });

  it('record a ticket status change with its before and after status', async () => {
    const { tenantId, owner, ticket } = await deskWithTicket();
    const { events } = await added(tenantId, () =>
      owner.post(`/tickets/${ticket.id}/status`, { status: 'open' }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'ticket.status',
      targetType: 'ticket',
      targetId: ticket.id,
      before: { id: ticket.id, status: 'new' },
      after: { id: ticket.id, status: 'open' },
    });
  });

  it('record a time entry edit with the entry before and after', async () => {
    const { tenantId, owner, ticket, workTypeId } = await deskWithTicket();
    const entry = (
      await owner.post(`/tickets/${ticket.id}/time-entries`, {
        startedAt: '2026-01-05T10:00:00Z',
        minutes: 30,
        note: 'Driver',
        workTypeId,
      })
    ).body;
    const { events } = await added(tenantId, () =>
      owner.patch(`/time-entries/${entry.id}`, { minutes: 45, note: 'Driver and spooler' }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'time_entry.update',
      targetId: entry.id,
      before: { minutes: 30, note: 'Driver', revision: 1 },
      after: { minutes: 45, note: 'Driver and spooler', revision: 2 },
    });
  });

  it('never hold password or token hashes', async () => {
    const { tenantId, owner } = await deskWithTicket();
    await owner.post('/users', {
      name: 'Tess Tech',
      email: `tess-${Date.now()}@example.test`,
      password: TEST_PASSWORD,
      role: 'technician',
      allClients: true,
      clientIds: [],
    });
    const token = (await owner.post('/api-tokens', { name: 'Backup' })).body;
    const text = JSON.stringify(await eventsOf(tenantId));
    expect(text).not.toMatch(/passwordHash|tokenHash|\$argon2|\$scrypt/i);
    expect(text).not.toContain(token.token);
  });

  it('record sign-ins with the tenant, and failed sign-ins in the install-wide security log', async () => {
    const { tenantId, ownerEmail } = await t.newTenant();
    const { events } = await added(tenantId, () => t.signIn(ownerEmail).then(() => ({ status: 200 })));
    expect(events.map((e) => e.action)).toEqual(['auth.login']);
    const wrong = await t.anonymous.post('/auth/login', { email: ownerEmail, password: 'not the password' });
    expect(wrong.status).toBe(401);
    const failures = await t.handle.db
      .select()
      .from(securityEvents)
      .where(
        and(
          eq(securityEvents.email, ownerEmail.toLowerCase()),
          eq(securityEvents.action, 'auth.login_failed'),
        ),
      );
    expect(failures).toHaveLength(1);
  });
});

describe('GET /audit-events and /audit/verify', () => {
  it('need audit.read: owners and admins may, technicians get 403', async () => {
    const { owner, member } = await deskWithTicket();
    const technician = await member('technician');
    const admin = await member('admin', { allClients: true });
    for (const path of ['/audit-events', '/audit/verify']) {
      expect((await technician.get(path)).status).toBe(403);
      expect((await owner.get(path)).status).toBe(200);
      expect((await admin.get(path)).status).toBe(200);
    }
  });

  it('list newest first with filters and cursor pages, showing only this tenant', async () => {
    const { owner, ticket } = await deskWithTicket();
    const other = await deskWithTicket();
    await owner.post(`/tickets/${ticket.id}/status`, { status: 'open' });
    await owner.post(`/tickets/${ticket.id}/replies`, { body: 'Update' });
    const all = await listAll(owner, '');
    expect(all.length).toBeGreaterThanOrEqual(5);
    const times = all.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.some((e) => e.target.id === other.ticket.id)).toBe(false);

    const onTicket = await listAll(owner, `&targetType=ticket&targetId=${ticket.id}`);
    expect(onTicket.map((e) => e.action)).toEqual(['ticket.reply', 'ticket.status', 'ticket.create']);
    const byPrefix = await listAll(owner, '&action=ticket.');
    expect(byPrefix.every((e) => e.action.startsWith('ticket.'))).toBe(true);
    const byActor = await listAll(owner, `&actorId=${await membershipIdOf(owner)}`);
    expect(byActor.length).toBe(all.length);
    const future = await owner.get(`/audit-events?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`);
    expect(future.body.items).toEqual([]);
  });

  it('verify answers with the state of the chain', async () => {
    const { owner } = await deskWithTicket();
    await t.services.audit.sealPending();
    const response = await owner.get('/audit/verify');
    expect(response.body).toMatchObject({ isValid: true, firstBadSeq: null, unsealed: 0 });
    expect(response.body.checked).toBeGreaterThan(0);
  });
});

async function listAll(client: ApiClient, filters: string) {
  const items: { id: string; action: string; occurredAt: string; target: { id: string | null } }[] = [];
  let cursor: string | null = null;
  do {
    const response: { status: number; body: { items: typeof items; nextCursor: string | null } } =
      await client.get(`/audit-events?limit=2${filters}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return items;
}

function calendarInput() {
  const day: [string, string][] = [['09:00', '17:00']];
  return {
    name: 'Office hours',
    timeZone: 'Europe/London',
    weeklyHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: [],
  };
}
