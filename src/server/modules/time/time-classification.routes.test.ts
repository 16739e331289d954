import { describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, weekdays } from '../../../../test/http.ts';

const t = await startTestApp();

type Named = { id: string; name: string };

/** A client with a managed agreement (office hours in New York) falling back to break/fix, and a ticket. */
async function setUp() {
  const { owner, member } = await t.newTenant();
  const calendar = (
    await owner.post('/calendars', {
      name: 'Office',
      timeZone: 'America/New_York',
      weeklyHours: weekdays([['08:00', '18:00']]),
      holidays: ['2026-11-26'],
    })
  ).body;
  const client = (await owner.post('/clients', { name: 'Contoso' })).body;
  const items: Named[] = (await owner.get('/catalog-items')).body.items;
  const servers = items.find((i) => i.name === 'Remote server administration')!;
  const workTypes: Named[] = (await owner.get('/work-types')).body.items;
  const workType = (name: string) => workTypes.find((w) => w.name === name)!.id;
  const agreement = async (body: Record<string, unknown>) => {
    const response = await owner.post('/agreements', {
      clientId: client.id,
      startsOn: '2026-01-01',
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const breakFix = await agreement({
    type: 'break_fix',
    name: 'Break/fix 2026',
    hourlyRateCents: 15_000,
    calendarId: calendar.id,
    weekendPercent: 200,
  });
  const managed = await agreement({
    type: 'managed',
    name: 'Managed Servers 2026',
    isClientDefault: true,
    hourlyRateCents: 15_000,
    calendarId: calendar.id,
    weekendPercent: 200,
    coveredServiceIds: [servers.id],
    excludedWorkTypeIds: [workType('Project')],
    fallbackAgreementId: breakFix.id,
  });
  const ticket = (
    await owner.post('/tickets', {
      clientId: client.id,
      title: 'File server slow',
      priority: 'P2',
      serviceId: servers.id,
    })
  ).body;
  const log = async (actor: ApiClient, body: Record<string, unknown>) => {
    const response = await actor.post(`/tickets/${ticket.id}/time-entries`, {
      note: 'Worked on it',
      workTypeId: workType('Remote support'),
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const classified = async (actor: ApiClient = owner) =>
    (await actor.get(`/tickets/${ticket.id}/time-entries`)).body.items;
  return { owner, member, ticket, managed, breakFix, workType, log, classified };
}

describe('time entries under an agreement', () => {
  it('are covered, billable through the fallback, or absorbed, each with the clause that decided it', async () => {
    const { owner, ticket, breakFix, workType, log, classified } = await setUp();
    await log(owner, { startedAt: '2026-03-03T15:00:00Z', minutes: 60 });
    await log(owner, { startedAt: '2026-03-04T15:00:00Z', minutes: 90, workTypeId: workType('Project') });
    await log(owner, { startedAt: '2026-03-05T15:00:00Z', minutes: 30, cause: 'msp_rework' });
    const [covered, project, rework] = await classified();
    expect(ticket.agreementName).toBe('Managed Servers 2026');

    expect(covered.classification).toMatchObject({
      outcome: 'covered',
      amountCents: 0,
      valueCents: 15_000,
      currency: 'USD',
      agreementName: 'Managed Servers 2026',
    });
    expect(covered.classification.clause).toMatch(
      /Covered: Remote server administration under Managed Servers 2026/,
    );

    expect(project.classification).toMatchObject({
      outcome: 'billable',
      agreementId: breakFix.id,
      agreementName: 'Break/fix 2026',
      billableMinutes: 90,
      amountCents: 22_500,
    });
    expect(project.classification.clause).toMatch(
      /excluded from Managed Servers 2026, so billed under Break\/fix 2026/,
    );

    expect(rework.classification).toMatchObject({
      outcome: 'absorbed',
      isVisibleToClient: false,
      amountCents: 0,
    });
  });

  it('bills client-requested weekend work at the weekend tier, and only once the request is recorded', async () => {
    const { owner, ticket, log, classified } = await setUp();
    // Saturday 7 March 2026, 10:00–12:00 in New York.
    await log(owner, { startedAt: '2026-03-07T15:00:00Z', minutes: 120 });
    expect((await classified())[0].classification).toMatchObject({ outcome: 'covered', amountCents: 0 });

    await owner.patch(`/tickets/${ticket.id}`, {
      afterHoursRequest: { requestedBy: 'Dana Lee', requestedAt: '2026-03-06T20:00:00Z' },
    });
    const [weekend] = await classified();
    expect(weekend.classification).toMatchObject({
      outcome: 'billable',
      billableMinutes: 120,
      amountCents: 60_000,
    });
    expect(weekend.classification.segments).toMatchObject([{ tier: 'weekend', multiplierPercent: 200 }]);
    expect(weekend.classification.clause).toMatch(/Dana Lee/);
  });

  it('are classified live while being logged, without saving anything', async () => {
    const { owner, ticket, workType, classified } = await setUp();
    const preview = await owner.post(`/tickets/${ticket.id}/time-entries/classify`, {
      startedAt: '2026-03-04T22:30:00Z',
      minutes: 60,
      note: 'Patching',
      workTypeId: workType('Remote support'),
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // 17:30–18:30 in New York: half in office hours, half after; no request recorded, so all covered.
    expect(preview.body.outcome).toBe('covered');
    expect(preview.body.segments.map((s: { tier: string; minutes: number }) => [s.tier, s.minutes])).toEqual([
      ['business', 30],
      ['after_hours', 30],
    ]);
    expect(await classified()).toEqual([]);

    const bad = await owner.post(`/tickets/${ticket.id}/time-entries/classify`, {
      startedAt: '2026-03-04T22:30:00Z',
      minutes: -5,
      note: 'Patching',
      workTypeId: workType('Remote support'),
    });
    expect(bad.status).toBe(400);
  });

  it('take a billing override with a reason, kept in their history, which technicians cannot set', async () => {
    const { owner, member, managed, log, classified } = await setUp();
    const entry = await log(owner, { startedAt: '2026-03-03T15:00:00Z', minutes: 60 });
    const billing = await member('billing', { allClients: true });
    const technician = await member('technician', { allClients: true });

    const refused = await technician.put(`/time-entries/${entry.id}/billing`, {
      override: { outcome: 'billable', reason: 'Outside the contract' },
    });
    expect(refused.status).toBe(403);
    const noReason = await billing.put(`/time-entries/${entry.id}/billing`, {
      override: { outcome: 'billable', reason: ' ' },
    });
    expect(noReason.status).toBe(400);

    const overridden = await billing.put(`/time-entries/${entry.id}/billing`, {
      override: { outcome: 'billable', reason: 'Client asked for a new server build' },
    });
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(200);
    const [after] = await classified();
    expect(after.classification).toMatchObject({
      outcome: 'billable',
      computedOutcome: 'covered',
      amountCents: 15_000,
      agreementId: managed.id,
    });
    expect(after.classification.clause).toMatch(/Client asked for a new server build/);
    const history = (await owner.get(`/time-entries/${entry.id}/history`)).body.items;
    expect(history.at(-1).after.billingOverride).toMatchObject({
      outcome: 'billable',
      reason: 'Client asked for a new server build',
    });

    await billing.put(`/time-entries/${entry.id}/billing`, { override: null });
    expect((await classified())[0].classification.outcome).toBe('covered');
  });

  it("move only to another agreement of the ticket's client", async () => {
    const { owner, breakFix, log, classified } = await setUp();
    const entry = await log(owner, { startedAt: '2026-03-03T15:00:00Z', minutes: 60 });
    const moved = await owner.put(`/time-entries/${entry.id}/billing`, { agreementId: breakFix.id });
    expect(moved.status).toBe(200);
    expect((await classified())[0].classification).toMatchObject({
      outcome: 'billable',
      amountCents: 15_000,
    });

    const other = (await owner.post('/clients', { name: 'Other' })).body;
    const foreign = (
      await owner.post('/agreements', {
        clientId: other.id,
        type: 'break_fix',
        name: 'Theirs',
        startsOn: '2026-01-01',
        hourlyRateCents: 1,
      })
    ).body;
    const refused = await owner.put(`/time-entries/${entry.id}/billing`, { agreementId: foreign.id });
    expect(refused.status).toBe(400);
    expect((await classified())[0].agreementId).toBe(breakFix.id);
  });
});
