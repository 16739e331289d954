import { describe, expect, it } from 'vitest';
import { type ApiClient, membershipIdOf, startTestApp } from '../../../../test/http.ts';

const t = await startTestApp();

const ids = (items: { id: string }[]) => items.map((x) => x.id);
async function open(owner: ApiClient, clientId: string, title = 'Printer offline') {
  const response = await owner.post('/tickets', { clientId, title, priority: 'P3' });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** A tenant with two clients and three tickets at the first. */
async function desk() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const harbour = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
  const quayside = (await owner.post('/clients', { name: 'Quayside Freight' })).body;
  const tickets = [
    await open(owner, harbour.id),
    await open(owner, harbour.id),
    await open(owner, harbour.id),
  ];
  return { ...tenant, harbour, quayside, tickets };
}

describe('bulk actions', () => {
  it('assign every ticket at once and answer them in the order asked', async () => {
    const { owner, member, harbour, tickets } = await desk();
    const technician = await member('technician', { clientIds: [harbour.id] });
    const assigneeId = await membershipIdOf(technician);
    const order = [tickets[2].id, tickets[0].id, tickets[1].id];
    const response = await owner.post('/tickets/bulk', {
      ticketIds: order,
      action: { type: 'assign', assigneeId },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(ids(response.body.items)).toEqual(order);
    expect(response.body.items.every((x: { assigneeId: string }) => x.assigneeId === assigneeId)).toBe(true);
    expect((await technician.get('/tickets?assigneeId=me')).body.items).toHaveLength(3);

    const unassigned = await technician.post('/tickets/bulk', {
      ticketIds: order,
      action: { type: 'assign', assigneeId: null },
    });
    expect(unassigned.body.items.map((x: { assigneeName: string | null }) => x.assigneeName)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('change nothing when one ticket is unknown, and name it', async () => {
    const { owner, tickets } = await desk();
    const missing = '01900000-0000-7000-8000-000000000000';
    const response = await owner.post('/tickets/bulk', {
      ticketIds: [tickets[0].id, missing, tickets[1].id],
      action: { type: 'status', status: 'open' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('ticket.bulk_failed');
    expect(response.body.error.details).toEqual([
      { id: missing, number: null, code: 'ticket.not_found', message: 'Ticket not found.' },
    ]);
    for (const ticket of tickets) {
      const detail = (await owner.get(`/tickets/${ticket.id}`)).body;
      expect(detail.status).toBe('new');
      expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['created']);
    }
  });

  it("treat another client's ticket as unknown for a scoped technician", async () => {
    const { owner, member, harbour, quayside, tickets } = await desk();
    const theirs = await open(owner, quayside.id);
    const technician = await member('technician', { clientIds: [harbour.id] });
    const response = await technician.post('/tickets/bulk', {
      ticketIds: [tickets[0].id, theirs.id],
      action: { type: 'status', status: 'open' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([
      { id: theirs.id, number: null, code: 'ticket.not_found', message: 'Ticket not found.' },
    ]);
    expect((await owner.get(`/tickets/${tickets[0].id}`)).body.status).toBe('new');
  });

  it('refuse an assignee who cannot see one of the clients, for that ticket only', async () => {
    const { owner, member, harbour, quayside, tickets } = await desk();
    const theirs = await open(owner, quayside.id, 'VPN down');
    const technician = await member('technician', { clientIds: [harbour.id] });
    const response = await owner.post('/tickets/bulk', {
      ticketIds: [tickets[0].id, theirs.id],
      action: { type: 'assign', assigneeId: await membershipIdOf(technician) },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([
      {
        id: theirs.id,
        number: theirs.number,
        code: 'ticket.assignee_out_of_scope',
        message: expect.stringContaining("cannot see this ticket's client"),
      },
    ]);
    expect((await owner.get(`/tickets/${tickets[0].id}`)).body.assigneeId).toBeNull();
    // The single-ticket action applies the same rule.
    const single = await owner.post(`/tickets/${theirs.id}/assign`, {
      assigneeId: await membershipIdOf(technician),
    });
    expect(single.status).toBe(422);
  });

  it('need the public message for pending_client, as one ticket does', async () => {
    const { owner, tickets } = await desk();
    const ticketIds = ids(tickets);
    const silent = await owner.post('/tickets/bulk', {
      ticketIds,
      action: { type: 'status', status: 'pending_client' },
    });
    expect(silent.status).toBe(422);
    expect(silent.body.error.details.map((d: { number: number }) => d.number)).toEqual(
      tickets.map((x) => x.number),
    );
    expect(silent.body.error.details[0].code).toBe('request.invalid');

    const asked = await owner.post('/tickets/bulk', {
      ticketIds,
      action: { type: 'status', status: 'pending_client', message: 'Is the printer switched on?' },
    });
    expect(asked.status).toBe(200);
    expect(asked.body.items.map((x: { status: string }) => x.status)).toEqual(
      Array(3).fill('pending_client'),
    );
    const events = (await owner.get(`/tickets/${tickets[1].id}`)).body.events;
    expect(events.find((e: { type: string }) => e.type === 'public_reply').body).toBe(
      'Is the printer switched on?',
    );
  });

  it('validate the request at the edge and need tickets.work', async () => {
    const { owner, member, tickets } = await desk();
    const tooMany = Array.from({ length: 201 }, () => tickets[0].id);
    for (const body of [
      { ticketIds: [], action: { type: 'status', status: 'open' } },
      { ticketIds: tooMany, action: { type: 'status', status: 'open' } },
      { ticketIds: ['nope'], action: { type: 'status', status: 'open' } },
      { ticketIds: ids(tickets), action: { type: 'priority', priority: 'P1' } },
      { ticketIds: ids(tickets), action: { type: 'status', status: 'done' } },
    ]) {
      const response = await owner.post('/tickets/bulk', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
    }
    const billing = await member('billing', { allClients: true });
    const notStaff = await owner.post('/tickets/bulk', {
      ticketIds: ids(tickets),
      action: { type: 'assign', assigneeId: await membershipIdOf(billing) },
    });
    expect(notStaff.status).toBe(400);
    expect(notStaff.body.error.details[0].path).toEqual(['assigneeId']);
    const refused = await billing.post('/tickets/bulk', {
      ticketIds: ids(tickets),
      action: { type: 'status', status: 'open' },
    });
    expect(refused.status).toBe(403);
    expect((await owner.get('/tickets?status=new')).body.items).toHaveLength(3);
  });
});

describe('saved views', () => {
  it('are private to their owner unless shared, and listed by name', async () => {
    const { member } = await t.newTenant();
    const alice = await member('technician');
    const bob = await member('technician');
    const mine = await alice.post('/ticket-views', {
      name: 'My open',
      query: 'assigneeId=me&status=new,open',
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      name: 'My open',
      query: 'assigneeId=me&status=new,open',
      shared: false,
      ownerId: await membershipIdOf(alice),
      ownerName: 'Test technician',
    });
    const shared = await alice.post('/ticket-views', {
      name: 'Breached',
      query: 'slaState=breached',
      shared: true,
    });
    await bob.post('/ticket-views', { name: 'Alerts board', query: 'boardId=x', shared: true });

    expect((await alice.get('/ticket-views')).body.items.map((v: { name: string }) => v.name)).toEqual([
      'Alerts board',
      'Breached',
      'My open',
    ]);
    expect(ids((await bob.get('/ticket-views')).body.items)).not.toContain(mine.body.id);
    expect(ids((await bob.get('/ticket-views')).body.items)).toContain(shared.body.id);
  });

  it("are deleted by their owner; a shared one also by settings managers; someone else's private one is unseen", async () => {
    const { owner, member } = await t.newTenant();
    const alice = await member('technician');
    const bob = await member('technician');
    const mine = (await alice.post('/ticket-views', { name: 'Mine', query: '' })).body;
    const shared = (await alice.post('/ticket-views', { name: 'Team', query: 'status=new', shared: true }))
      .body;

    const unseen = await bob.delete(`/ticket-views/${mine.id}`);
    expect(unseen.status).toBe(404);
    expect(unseen.body.error.code).toBe('ticket_view.not_found');
    expect((await owner.delete(`/ticket-views/${mine.id}`)).status).toBe(404);
    const forbidden = await bob.delete(`/ticket-views/${shared.id}`);
    expect(forbidden.status).toBe(403);

    expect((await owner.delete(`/ticket-views/${shared.id}`)).status).toBe(204);
    expect((await alice.delete(`/ticket-views/${mine.id}`)).status).toBe(204);
    expect((await alice.get('/ticket-views')).body.items).toEqual([]);
  });

  it('reject invalid input with 400 and save nothing', async () => {
    const { owner } = await t.newTenant();
    for (const body of [
      { name: '', query: '' },
      { name: 'x', query: 'q'.repeat(2001) },
      { name: 'x', query: '', shared: 'yes' },
      { name: 'x', query: '', colour: 'red' },
    ]) {
      const response = await owner.post('/ticket-views', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
    }
    expect((await owner.get('/ticket-views')).body.items).toEqual([]);
  });
});

describe('assignees', () => {
  it('are the active staff who work tickets, by name, with their client scope', async () => {
    const { owner, member } = await t.newTenant();
    const harbour = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
    const technician = await member('technician', { clientIds: [harbour.id] });
    const dispatcher = await member('dispatcher', { allClients: true });
    await member('billing', { allClients: true });
    const leaver = await member('admin', { allClients: true });
    expect((await owner.patch(`/users/${await membershipIdOf(leaver)}`, { active: false })).status).toBe(200);

    const response = await technician.get('/assignees');
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      { id: await membershipIdOf(owner), name: 'Olivia Owner', role: 'owner', clientIds: 'all' },
      { id: await membershipIdOf(dispatcher), name: 'Test dispatcher', role: 'dispatcher', clientIds: 'all' },
      {
        id: await membershipIdOf(technician),
        name: 'Test technician',
        role: 'technician',
        clientIds: [harbour.id],
      },
    ]);
  });
});

describe('help-desk settings', () => {
  it('default to a 7-day reopen window, changed only with tickets.settings', async () => {
    const { owner, member } = await t.newTenant();
    const technician = await member('technician');
    expect((await technician.get('/settings/tickets')).body).toEqual({ reopenWindowDays: 7 });
    expect((await technician.patch('/settings/tickets', { reopenWindowDays: 3 })).status).toBe(403);

    for (const body of [
      { reopenWindowDays: 91 },
      { reopenWindowDays: -1 },
      { reopenWindowDays: 1.5 },
      { x: 1 },
    ]) {
      const response = await owner.patch('/settings/tickets', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
    }
    expect((await owner.patch('/settings/tickets', { reopenWindowDays: 0 })).body).toEqual({
      reopenWindowDays: 0,
    });
    expect((await owner.patch('/settings/tickets', {})).body).toEqual({ reopenWindowDays: 0 });
    expect((await technician.get('/settings/tickets')).body).toEqual({ reopenWindowDays: 0 });
    // Each organization has its own.
    const other = await t.newTenant();
    expect((await other.owner.get('/settings/tickets')).body).toEqual({ reopenWindowDays: 7 });
  });
});
