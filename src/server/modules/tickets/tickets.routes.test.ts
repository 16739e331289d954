import { describe, expect, it } from 'vitest';
import { type ApiClient, membershipIdOf, startTestApp, weekdays } from '../../../../test/http.ts';

let now = new Date('2026-11-23T09:00:00Z'); // a Monday; London is on GMT
const t = await startTestApp({ clock: { now: () => now } });
const at = (iso: string) => {
  now = new Date(iso);
};

/** A tenant with a London office calendar, a policy (P2: respond in 1 h, resolve in 8 h) and a client on it. */
async function helpDesk() {
  at('2026-11-23T09:00:00Z');
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const calendar = (
    await owner.post('/calendars', {
      name: 'London office',
      timeZone: 'Europe/London',
      weeklyHours: weekdays([['09:00', '17:00']]),
      holidays: ['2026-12-25'],
    })
  ).body;
  const policy = (
    await owner.post('/sla-policies', {
      name: 'Managed',
      calendarId: calendar.id,
      targets: {
        P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
        P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
        P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
        P4: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
      },
    })
  ).body;
  const client = (await owner.post('/clients', { name: 'Harbour Dental', defaultSlaPolicyId: policy.id }))
    .body;
  return { ...tenant, calendar, policy, client };
}

async function open(owner: ApiClient, clientId: string, priority = 'P2', title = 'Printer offline') {
  const response = await owner.post('/tickets', { clientId, title, priority });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('tickets and their SLA clocks', () => {
  it("measures a new ticket under the client's policy and numbers it per tenant", async () => {
    const { owner, client } = await helpDesk();
    const ticket = await open(owner, client.id);
    expect(ticket.number).toBe(1001);
    expect(ticket.status).toBe('new');
    expect(ticket.boardName).toBe('Service Desk');
    expect(ticket.sla.firstResponse).toMatchObject({ dueAt: '2026-11-23T10:00:00.000Z', state: 'on_track' });
    expect(ticket.sla.resolution).toMatchObject({ dueAt: '2026-11-23T17:00:00.000Z', state: 'on_track' });
    expect((await open(owner, client.id)).number).toBe(1002);
  });

  it('meets first response with a staff reply, not with an internal note', async () => {
    const { owner, client } = await helpDesk();
    const ticket = await open(owner, client.id);
    at('2026-11-23T09:20:00Z');
    const noted = await owner.post(`/tickets/${ticket.id}/notes`, { body: 'Checked the print spooler' });
    expect(noted.body.sla.firstResponse.state).toBe('on_track');
    at('2026-11-23T09:30:00Z');
    const replied = await owner.post(`/tickets/${ticket.id}/replies`, { body: 'Looking at it now.' });
    expect(replied.body.sla.firstResponse).toMatchObject({
      state: 'met',
      stoppedAt: '2026-11-23T09:30:00.000Z',
    });

    const detail = (await owner.get(`/tickets/${ticket.id}`)).body;
    const kinds = detail.events.map((e: { type: string; isPublic: boolean }) => `${e.type}:${e.isPublic}`);
    expect(kinds).toEqual(['created:false', 'internal_note:false', 'public_reply:true']);
  });

  it('pauses resolution only while waiting on the client, and asks what was asked', async () => {
    const { owner, client } = await helpDesk();
    const ticket = await open(owner, client.id);
    at('2026-11-23T10:00:00Z');
    const silent = await owner.post(`/tickets/${ticket.id}/status`, { status: 'pending_client' });
    expect(silent.status).toBe(400);
    expect(silent.body.error.details[0].path).toEqual(['message']);

    const paused = await owner.post(`/tickets/${ticket.id}/status`, {
      status: 'pending_client',
      message: 'Can you send a photo of the printer display?',
    });
    expect(paused.body.sla.resolution).toMatchObject({ state: 'paused', pauseReason: 'client' });
    expect(paused.body.sla.firstResponse.state).toBe('met');

    at('2026-11-23T12:00:00Z');
    const resumed = await owner.post(`/tickets/${ticket.id}/status`, { status: 'open' });
    // 2 business hours paused: due moves from Mon 17:00 to Tue 11:00.
    expect(resumed.body.sla.resolution).toMatchObject({
      state: 'on_track',
      dueAt: '2026-11-24T11:00:00.000Z',
      pausedMinutes: { client: 120, vendor: 0, scheduled: 0 },
    });

    at('2026-11-23T15:00:00Z');
    const resolved = await owner.post(`/tickets/${ticket.id}/status`, { status: 'resolved' });
    expect(resolved.body.sla.resolution).toMatchObject({ state: 'met', businessMinutesUsed: 240 });
  });

  it('needs a reason the client sees to downgrade, and re-targets from creation', async () => {
    const { owner, client } = await helpDesk();
    const ticket = await open(owner, client.id, 'P3');
    const refused = await owner.post(`/tickets/${ticket.id}/priority`, { priority: 'P4' });
    expect(refused.status).toBe(400);

    at('2026-11-23T09:30:00Z');
    const upgraded = await owner.post(`/tickets/${ticket.id}/priority`, { priority: 'P1' });
    // P1 responds within 15 minutes of creation: already breached at 09:15.
    expect(upgraded.body.sla.firstResponse).toMatchObject({
      state: 'breached',
      breachedAt: '2026-11-23T09:15:00.000Z',
    });
    const downgraded = await owner.post(`/tickets/${ticket.id}/priority`, {
      priority: 'P2',
      reason: 'Only one user affected',
    });
    expect(downgraded.body.priority).toBe('P2');
    const events = (await owner.get(`/tickets/${ticket.id}`)).body.events;
    const downgrade = events.find(
      (e: { type: string; data: { priority?: string } }) => e.type === 'priority' && e.data.priority === 'P2',
    );
    expect(downgrade).toMatchObject({ isPublic: true, body: 'Only one user affected' });
  });

  it('records a breach at the instant it happened when the sweep notices later', async () => {
    const { owner, client } = await helpDesk();
    const ticket = await open(owner, client.id);
    at('2026-11-23T11:47:00Z');
    expect(await t.services.tickets.recomputeDue()).toBeGreaterThanOrEqual(1);
    const detail = (await owner.get(`/tickets/${ticket.id}`)).body;
    expect(detail.sla.firstResponse.state).toBe('breached');
    const breach = detail.events.find((e: { type: string }) => e.type === 'sla_breached');
    expect(breach).toMatchObject({
      occurredAt: '2026-11-23T10:00:00.000Z',
      data: { clock: 'first_response' },
    });
    expect(breach.recordedAt).toBe('2026-11-23T11:47:00.000Z');
  });

  it('resumes the original clock on a reopen within 7 days, and opens a linked ticket after', async () => {
    const { owner, client } = await helpDesk();
    const ticket = await open(owner, client.id);
    at('2026-11-23T10:00:00Z');
    await owner.post(`/tickets/${ticket.id}/status`, { status: 'resolved' });
    at('2026-11-24T09:00:00Z');
    const reopened = await owner.post(`/tickets/${ticket.id}/status`, { status: 'open' });
    expect(reopened.body.id).toBe(ticket.id);
    expect(reopened.body.sla.resolution).toMatchObject({ state: 'on_track', businessMinutesUsed: 60 });

    at('2026-11-24T10:00:00Z');
    await owner.post(`/tickets/${ticket.id}/status`, { status: 'closed' });
    at('2026-12-02T09:00:00Z'); // 8 days after closing
    const later = await owner.post(`/tickets/${ticket.id}/status`, { status: 'open' });
    expect(later.body.id).not.toBe(ticket.id);
    expect(later.body).toMatchObject({ reopenedFromId: ticket.id, status: 'open' });
    expect((await owner.get(`/tickets/${ticket.id}`)).body.status).toBe('closed');
  });

  it("follows the organization's reopen window when it is changed", async () => {
    const { owner, client } = await helpDesk();
    expect((await owner.patch('/settings/tickets', { reopenWindowDays: 1 })).status).toBe(200);
    const ticket = await open(owner, client.id);
    at('2026-11-23T10:00:00Z');
    await owner.post(`/tickets/${ticket.id}/status`, { status: 'resolved' });
    at('2026-11-24T09:59:00Z'); // within a day: the same ticket resumes
    const within = await owner.post(`/tickets/${ticket.id}/status`, { status: 'open' });
    expect(within.body.id).toBe(ticket.id);
    await owner.post(`/tickets/${ticket.id}/status`, { status: 'resolved' });
    at('2026-11-25T10:00:00Z'); // a day and a minute after resolving: a new linked ticket
    const later = await owner.post(`/tickets/${ticket.id}/status`, { status: 'open' });
    expect(later.body).toMatchObject({ reopenedFromId: ticket.id, status: 'open' });

    await owner.patch('/settings/tickets', { reopenWindowDays: 3 });
    await owner.post(`/tickets/${later.body.id}/status`, { status: 'resolved' });
    at('2026-11-27T10:00:00Z'); // two days later, inside the widened window
    const resumed = await owner.post(`/tickets/${later.body.id}/status`, { status: 'open' });
    expect(resumed.body.id).toBe(later.body.id);
  });
});

describe('the queue', () => {
  it('sorts by next SLA due and pages with a cursor', async () => {
    const { owner, client } = await helpDesk();
    const p3 = await open(owner, client.id, 'P3', 'Slow laptop');
    const p1 = await open(owner, client.id, 'P1', 'Server down');
    const p2 = await open(owner, client.id, 'P2', 'Printer offline');
    const first = await owner.get('/tickets?status=new,open&limit=2');
    expect(first.body.items.map((x: { id: string }) => x.id)).toEqual([p1.id, p2.id]);
    const second = await owner.get(`/tickets?status=new,open&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((x: { id: string }) => x.id)).toEqual([p3.id]);
    expect(second.body.nextCursor).toBeNull();
    expect((await owner.get('/tickets?q=%231002')).body.items.map((x: { id: string }) => x.id)).toEqual([
      p1.id,
    ]);
    expect((await owner.get('/tickets?cursor=garbage')).status).toBe(400);
  });

  it("keeps tickets inside the viewer's client scope", async () => {
    const { owner, client, member } = await helpDesk();
    const other = (await owner.post('/clients', { name: 'Quayside Freight' })).body;
    const mine = await open(owner, client.id);
    const theirs = await open(owner, other.id);
    const technician = await member('technician', { clientIds: [client.id] });
    expect((await technician.get('/tickets')).body.items.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    const hidden = await technician.get(`/tickets/${theirs.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual((await technician.get('/tickets/01900000-0000-7000-8000-000000000000')).body);
    expect((await technician.post(`/tickets/${theirs.id}/replies`, { body: 'hi' })).status).toBe(404);
    expect(
      (await technician.post('/tickets', { clientId: other.id, title: 'x', priority: 'P3' })).status,
    ).toBe(404);
  });
});

describe('imports from another PSA', () => {
  it('gives true SLA figures for a history straddling a DST change, and is idempotent', async () => {
    const { owner, client } = await helpDesk();
    // Fri 27 Mar 2026 16:00 GMT; London springs forward Sun 29 Mar (BST, UTC+1).
    const body = {
      externalId: 'CW-88412',
      clientId: client.id,
      title: 'VPN drops every hour',
      priority: 'P2',
      events: [
        { type: 'created', at: '2026-03-27T16:00:00Z' },
        { type: 'public_reply', at: '2026-03-27T16:30:00Z', author: 'contact', body: 'Still happening' },
        { type: 'public_reply', at: '2026-03-30T08:15:00Z', author: 'staff', body: 'On it' },
        { type: 'status', at: '2026-03-30T09:00:00Z', status: 'pending_client', message: 'Which site?' },
        { type: 'status', at: '2026-03-30T10:00:00Z', status: 'open' },
        { type: 'status', at: '2026-03-30T12:00:00Z', status: 'resolved' },
      ],
    };
    const imported = await owner.post('/tickets/import', body);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const { sla } = imported.body;
    // The 60-minute target runs out at Friday's 17:00 GMT closing. Monday opens 09:00 BST = 08:00Z, so the
    // staff reply at 08:15Z comes 60 + 15 = 75 business minutes in (the contact's reply never counts).
    expect(sla.firstResponse).toMatchObject({
      state: 'missed',
      businessMinutesUsed: 75,
      dueAt: '2026-03-27T17:00:00.000Z',
    });
    // Resolution: 60 (Fri) + 08:00–09:00Z (60) + 10:00–12:00Z (120) = 240 used, 60 paused on the client.
    expect(sla.resolution).toMatchObject({
      state: 'met',
      businessMinutesUsed: 240,
      pausedMinutes: { client: 60, vendor: 0, scheduled: 0 },
    });
    expect(imported.body.status).toBe('resolved');
    // The timeline says what each status change changed from, as for a ticket worked in Accord.
    const { events } = (await owner.get(`/tickets/${imported.body.id}`)).body;
    expect(
      events
        .filter((e: { type: string }) => e.type === 'status')
        .map((e: { data: { from: string; status: string } }) => `${e.data.from}>${e.data.status}`),
    ).toEqual(['new>pending_client', 'pending_client>open', 'open>resolved']);

    const again = await owner.post('/tickets/import', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(imported.body.id);
  });

  it('carries source, board, contact and assignee, and refuses an assignee who cannot see the client', async () => {
    const { owner, member, client } = await helpDesk();
    const contact = (await owner.post(`/clients/${client.id}/contacts`, { name: 'Ann Lee' })).body;
    const boards = (await owner.get('/boards')).body.items;
    const tech = await member('technician', { clientIds: [client.id] });
    const otherClient = (await owner.post('/clients', { name: 'Elsewhere Ltd' })).body;
    const outsider = await member('technician', { clientIds: [otherClient.id] });
    const body = {
      externalId: 'HALO-7',
      clientId: client.id,
      title: 'Scanner jams',
      priority: 'P3',
      source: 'email',
      boardId: boards.at(-1).id,
      contactId: contact.id,
      assigneeId: await membershipIdOf(tech),
      events: [{ type: 'created', at: '2026-11-20T10:00:00Z' }],
    };
    const refused = await owner.post('/tickets/import', {
      ...body,
      assigneeId: await membershipIdOf(outsider),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('ticket.assignee_out_of_scope');
    expect((await owner.get('/tickets')).body.items).toHaveLength(0);

    const imported = await owner.post('/tickets/import', body);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({
      source: 'email',
      boardId: boards.at(-1).id,
      contactId: contact.id,
      assigneeId: await membershipIdOf(tech),
    });
  });

  it('rejects a history without exactly one created event, and stores nothing', async () => {
    const { owner, client } = await helpDesk();
    const response = await owner.post('/tickets/import', {
      externalId: 'X-1',
      clientId: client.id,
      title: 'No start',
      priority: 'P3',
      events: [{ type: 'status', at: '2026-03-30T12:00:00Z', status: 'resolved' }],
    });
    expect(response.status).toBe(400);
    expect((await owner.get('/tickets')).body.items).toHaveLength(0);
  });
});
