import { describe, expect, it } from 'vitest';
import { membershipIdOf, startTestApp } from '../../../../test/http.ts';

let now = new Date('2026-11-23T12:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });
const at = (iso: string) => {
  now = new Date(iso);
};

const names = (items: { name: string }[]) => items.map((x) => x.name);
/** A tenant with two clients, a ticket at each, and the tenant's work types by name. */
async function desk() {
  at('2026-11-23T12:00:00Z');
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const harbour = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
  const quayside = (await owner.post('/clients', { name: 'Quayside Freight' })).body;
  const ticket = (
    await owner.post('/tickets', { clientId: harbour.id, title: 'Printer offline', priority: 'P2' })
  ).body;
  const other = (await owner.post('/tickets', { clientId: quayside.id, title: 'VPN down', priority: 'P2' }))
    .body;
  const workTypes = (await owner.get('/work-types')).body.items as { id: string; name: string }[];
  const workType = (name: string) => workTypes.find((w) => w.name === name)!.id;
  return { ...tenant, harbour, quayside, ticket, other, workType };
}

const entry = (workTypeId: string, overrides: Record<string, unknown> = {}) => ({
  startedAt: '2026-11-23T10:00:00Z',
  minutes: 45,
  note: 'Reinstalled the print driver',
  workTypeId,
  ...overrides,
});

describe('work types', () => {
  it('starts every organization with the five defaults, in order', async () => {
    const { member } = await t.newTenant();
    const technician = await member('technician');
    const response = await technician.get('/work-types');
    expect(response.status).toBe(200);
    expect(names(response.body.items)).toEqual(['Remote support', 'On-site', 'Project', 'Admin', 'Travel']);
    expect(response.body.items.every((w: { archived: boolean }) => !w.archived)).toBe(true);
  });

  it('are added, renamed, moved and archived by admins, with names unique regardless of case', async () => {
    const { owner, member } = await t.newTenant();
    const technician = await member('technician');
    expect((await technician.post('/work-types', { name: 'Training' })).status).toBe(403);

    const created = await owner.post('/work-types', { name: 'Training' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Training', position: 5, archived: false });
    const duplicate = await owner.post('/work-types', { name: 'remote SUPPORT' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('work_type.name_taken');

    const id = created.body.id;
    expect((await technician.patch(`/work-types/${id}`, { name: 'Learning' })).status).toBe(403);
    expect((await owner.patch(`/work-types/${id}`, { name: 'On-Site' })).status).toBe(409);
    const renamed = await owner.patch(`/work-types/${id}`, { name: 'Learning', position: 0 });
    expect(renamed.body).toMatchObject({ id, name: 'Learning', position: 0 });
    // Changing only the case of its own name is not a conflict.
    expect((await owner.patch(`/work-types/${id}`, { name: 'LEARNING' })).status).toBe(200);

    const archived = await owner.patch(`/work-types/${id}`, { archived: true });
    expect(archived.body.archived).toBe(true);
    expect(names((await owner.get('/work-types')).body.items)).not.toContain('LEARNING');
    expect(names((await owner.get('/work-types?archived=true')).body.items)).toContain('LEARNING');
    expect((await owner.patch(`/work-types/${id}`, { archived: false })).body.archived).toBe(false);

    const missing = await owner.patch('/work-types/01900000-0000-7000-8000-000000000000', { name: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('work_type.not_found');
  });

  it('reject invalid input with 400 request.invalid and change nothing', async () => {
    const { owner } = await t.newTenant();
    for (const body of [{ name: '  ' }, { name: 'x'.repeat(101) }, { name: 'Ok', colour: 'red' }, {}]) {
      const response = await owner.post('/work-types', body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
    }
    const [first] = (await owner.get('/work-types')).body.items;
    expect((await owner.patch(`/work-types/${first.id}`, { position: -1 })).status).toBe(400);
    expect((await owner.get('/work-types?archived=maybe')).status).toBe(400);
    expect((await owner.get('/work-types?archived=true')).body.items).toHaveLength(5);
    expect((await owner.get('/work-types')).body.items[0]).toEqual(first);
  });
});

describe('time entries', () => {
  it("are logged as the caller's own time, listed oldest first with their total", async () => {
    const { owner, member, harbour, ticket, workType } = await desk();
    const technician = await member('technician', { clientIds: [harbour.id] });
    const logged = await technician.post(`/tickets/${ticket.id}/time-entries`, entry(workType('On-site')));
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    expect(logged.body).toMatchObject({
      ticketId: ticket.id,
      staffId: await membershipIdOf(technician),
      staffName: 'Test technician',
      startedAt: '2026-11-23T10:00:00.000Z',
      minutes: 45,
      workTypeName: 'On-site',
      cause: 'normal',
      revision: 1,
    });
    await owner.post(
      `/tickets/${ticket.id}/time-entries`,
      entry(workType('Remote support'), {
        startedAt: '2026-11-23T08:30:00Z',
        minutes: 20,
        cause: 'vendor_caused',
      }),
    );

    const list = await technician.get(`/tickets/${ticket.id}/time-entries`);
    expect(list.status).toBe(200);
    expect(list.body.totalMinutes).toBe(65);
    expect(list.body.items.map((e: { minutes: number }) => e.minutes)).toEqual([20, 45]);
    expect(list.body.items[0]).toMatchObject({ staffName: 'Olivia Owner', cause: 'vendor_caused' });
  });

  it('show on the timeline as internal events that never count as a first response', async () => {
    const { owner, workType } = await desk();
    const calendar = (
      await owner.post('/calendars', {
        name: 'Always',
        timeZone: 'UTC',
        weeklyHours: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
        ),
        holidays: [],
      })
    ).body;
    const targets = { firstResponseMinutes: 60, resolutionMinutes: 480 };
    const policy = (
      await owner.post('/sla-policies', {
        name: 'Managed',
        calendarId: calendar.id,
        targets: { P1: targets, P2: targets, P3: targets, P4: targets },
      })
    ).body;
    const client = (await owner.post('/clients', { name: 'Measured Ltd', defaultSlaPolicyId: policy.id }))
      .body;
    const ticket = (await owner.post('/tickets', { clientId: client.id, title: 'Slow', priority: 'P2' }))
      .body;
    expect(ticket.sla, JSON.stringify(ticket)).not.toBeNull();

    at('2026-11-23T12:30:00Z'); // logged twenty minutes after the work ended
    const logged = await owner.post(
      `/tickets/${ticket.id}/time-entries`,
      entry(workType('Remote support'), { startedAt: '2026-11-23T12:00:00Z', minutes: 10 }),
    );
    await owner.patch(`/time-entries/${logged.body.id}`, { minutes: 15 });
    await owner.delete(`/time-entries/${logged.body.id}`);

    const detail = (await owner.get(`/tickets/${ticket.id}`)).body;
    expect(detail.sla.firstResponse).toMatchObject({ state: 'on_track', stoppedAt: null });
    const timeEvents = detail.events.filter((e: { type: string }) => e.type.startsWith('time_'));
    expect(timeEvents.map((e: { type: string; isPublic: boolean }) => `${e.type}:${e.isPublic}`)).toEqual([
      'time_logged:false',
      'time_updated:false',
      'time_deleted:false',
    ]);
    expect(timeEvents[0]).toMatchObject({
      occurredAt: '2026-11-23T12:10:00.000Z',
      recordedAt: '2026-11-23T12:30:00.000Z',
      data: { minutes: 10, workType: 'Remote support', cause: 'normal' },
    });
    expect(timeEvents[1].data).toMatchObject({ minutes: 15, from: { minutes: 10 } });
    expect(timeEvents[2]).toMatchObject({ actorName: 'Olivia Owner', data: { minutes: 15 } });
  });

  it('reject invalid input with 400 request.invalid and store nothing', async () => {
    const { owner, ticket, workType } = await desk();
    const id = workType('Admin');
    const bad = [
      entry(id, { minutes: 0 }),
      entry(id, { minutes: 1441 }),
      entry(id, { minutes: 1.5 }),
      entry(id, { note: ' ' }),
      entry(id, { startedAt: '23/11/2026 10:00' }),
      entry(id, { cause: 'weather' }),
      entry(id, { billable: true }),
      entry('not-a-uuid'),
    ];
    for (const body of bad) {
      const response = await owner.post(`/tickets/${ticket.id}/time-entries`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
    }
    const unknownType = await owner.post(
      `/tickets/${ticket.id}/time-entries`,
      entry('01900000-0000-7000-8000-000000000000'),
    );
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.error.details[0].path).toEqual(['workTypeId']);
    expect((await owner.get(`/tickets/${ticket.id}/time-entries`)).body).toEqual({
      items: [],
      totalMinutes: 0,
    });
  });

  it('may end at most five minutes in the future', async () => {
    const { owner, ticket, workType } = await desk();
    const id = workType('Remote support');
    // now is 12:00; 11:30 + 35 min ends 12:05, just allowed; 36 min is one minute too far.
    const tooLate = await owner.post(
      `/tickets/${ticket.id}/time-entries`,
      entry(id, { startedAt: '2026-11-23T11:30:00Z', minutes: 36 }),
    );
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.details[0].path).toEqual(['startedAt']);
    const justInTime = await owner.post(
      `/tickets/${ticket.id}/time-entries`,
      entry(id, { startedAt: '2026-11-23T11:30:00Z', minutes: 35 }),
    );
    expect(justInTime.status).toBe(201);
    const pushed = await owner.patch(`/time-entries/${justInTime.body.id}`, {
      startedAt: '2026-11-23T11:31:00Z',
    });
    expect(pushed.status).toBe(400);
  });

  it('cannot use an archived work type, though old entries keep theirs', async () => {
    const { owner, ticket, workType } = await desk();
    const travel = workType('Travel');
    const old = await owner.post(`/tickets/${ticket.id}/time-entries`, entry(travel));
    await owner.patch(`/work-types/${travel}`, { archived: true });

    const refused = await owner.post(`/tickets/${ticket.id}/time-entries`, entry(travel));
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('work_type.archived');
    const other = await owner.post(`/tickets/${ticket.id}/time-entries`, entry(workType('Admin')));
    const moved = await owner.patch(`/time-entries/${other.body.id}`, { workTypeId: travel });
    expect(moved.status).toBe(422);

    const kept = await owner.patch(`/time-entries/${old.body.id}`, { note: 'Drove to the surgery' });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ workTypeName: 'Travel', note: 'Drove to the surgery', revision: 2 });
  });

  it("are invisible on another client's ticket: 404, same as a missing ticket", async () => {
    const { owner, member, harbour, other, workType } = await desk();
    const technician = await member('technician', { clientIds: [harbour.id] });
    const missing = '01900000-0000-7000-8000-000000000000';
    const hidden = await technician.get(`/tickets/${other.id}/time-entries`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual((await technician.get(`/tickets/${missing}/time-entries`)).body);
    const logged = await technician.post(`/tickets/${other.id}/time-entries`, entry(workType('Admin')));
    expect(logged.status).toBe(404);
    expect(logged.body).toEqual(
      (await technician.post(`/tickets/${missing}/time-entries`, entry(workType('Admin')))).body,
    );

    const theirs = (await owner.post(`/tickets/${other.id}/time-entries`, entry(workType('Admin')))).body;
    for (const response of [
      await technician.patch(`/time-entries/${theirs.id}`, { minutes: 5 }),
      await technician.delete(`/time-entries/${theirs.id}`),
      await technician.get(`/time-entries/${theirs.id}/history`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('time_entry.not_found');
    }
    expect((await owner.get(`/tickets/${other.id}/time-entries`)).body.items[0].minutes).toBe(45);
  });

  it("are edited by their author; someone else's need time.manage", async () => {
    const { member, harbour, ticket, workType } = await desk();
    const alice = await member('technician', { clientIds: [harbour.id] });
    const bob = await member('technician', { clientIds: [harbour.id] });
    const admin = await member('admin', { allClients: true });
    const billing = await member('billing', { allClients: true });
    const logged = (await alice.post(`/tickets/${ticket.id}/time-entries`, entry(workType('Admin')))).body;

    const forbidden = await bob.patch(`/time-entries/${logged.id}`, { minutes: 5 });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({ code: 'auth.forbidden' });
    expect(forbidden.body.error.message).toMatch(/your own time entries/);
    expect((await bob.delete(`/time-entries/${logged.id}`)).status).toBe(403);
    expect((await billing.patch(`/time-entries/${logged.id}`, { minutes: 5 })).status).toBe(403);

    const own = await alice.patch(`/time-entries/${logged.id}`, { minutes: 50, cause: 'msp_rework' });
    expect(own.body).toMatchObject({ minutes: 50, cause: 'msp_rework', revision: 2 });
    const managed = await admin.patch(`/time-entries/${logged.id}`, { minutes: 40 });
    expect(managed.status).toBe(200);
    expect(managed.body).toMatchObject({ minutes: 40, revision: 3, staffName: 'Test technician' });
    const unchanged = await admin.patch(`/time-entries/${logged.id}`, { minutes: 40 });
    expect(unchanged.body.revision).toBe(3);

    const history = (await bob.get(`/time-entries/${logged.id}/history`)).body.items;
    expect(history.map((r: { change: string }) => r.change)).toEqual(['created', 'updated', 'updated']);
    expect(history[0]).toMatchObject({ before: null, after: { minutes: 45, revision: 1 } });
    expect(history[1]).toMatchObject({
      actorId: await membershipIdOf(alice),
      before: { minutes: 45, cause: 'normal', revision: 1 },
      after: { minutes: 50, cause: 'msp_rework', revision: 2 },
    });
    expect(history[2]).toMatchObject({
      actorId: await membershipIdOf(admin),
      actorName: 'Test admin',
      before: { minutes: 50 },
      after: { minutes: 40, revision: 3 },
    });

    const invalid = await alice.patch(`/time-entries/${logged.id}`, { minutes: 0, staffId: logged.staffId });
    expect(invalid.status).toBe(400);
    expect((await alice.get(`/tickets/${ticket.id}/time-entries`)).body.items[0].minutes).toBe(40);
  });

  it('leave the list and the total when deleted, but stay in the history', async () => {
    const { owner, member, harbour, ticket, workType } = await desk();
    const technician = await member('technician', { clientIds: [harbour.id] });
    const kept = (await technician.post(`/tickets/${ticket.id}/time-entries`, entry(workType('Admin')))).body;
    const gone = (
      await technician.post(`/tickets/${ticket.id}/time-entries`, entry(workType('Admin'), { minutes: 30 }))
    ).body;
    expect((await technician.get(`/tickets/${ticket.id}/time-entries`)).body.totalMinutes).toBe(75);

    const deleted = await owner.delete(`/time-entries/${gone.id}`);
    expect(deleted.status).toBe(204);
    const list = (await technician.get(`/tickets/${ticket.id}/time-entries`)).body;
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([kept.id]);
    expect(list.totalMinutes).toBe(45);

    const history = (await technician.get(`/time-entries/${gone.id}/history`)).body.items;
    expect(history.map((r: { change: string }) => r.change)).toEqual(['created', 'deleted']);
    expect(history[1]).toMatchObject({ actorName: 'Olivia Owner', before: { minutes: 30 }, after: null });

    expect((await owner.delete(`/time-entries/${gone.id}`)).status).toBe(404);
    expect((await technician.patch(`/time-entries/${gone.id}`, { minutes: 1 })).status).toBe(404);
  });
});
