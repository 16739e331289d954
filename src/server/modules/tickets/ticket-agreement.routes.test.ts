import { describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, weekdays } from '../../../../test/http.ts';

const t = await startTestApp();

const allDay: [string, string][] = [['00:00', '24:00']];

async function policy(owner: ApiClient, name: string, firstResponseMinutes: number) {
  const calendar = (
    await owner.post('/calendars', {
      name: `${name} hours`,
      timeZone: 'UTC',
      weeklyHours: { ...weekdays(allDay), sat: allDay, sun: allDay },
      holidays: [],
    })
  ).body;
  const target = { firstResponseMinutes, resolutionMinutes: 1440 };
  return (
    await owner.post('/sla-policies', {
      name,
      calendarId: calendar.id,
      targets: { P1: target, P2: target, P3: target, P4: target },
    })
  ).body;
}

async function setUp() {
  const { owner } = await t.newTenant();
  const standard = await policy(owner, 'Standard', 240);
  const premium = await policy(owner, 'Premium', 30);
  const client = (await owner.post('/clients', { name: 'Contoso', defaultSlaPolicyId: standard.id })).body;
  const agreement = async (name: string, overrides: Record<string, unknown> = {}) => {
    const response = await owner.post('/agreements', {
      clientId: client.id,
      type: 'break_fix',
      name,
      startsOn: '2020-01-01',
      hourlyRateCents: 15_000,
      ...overrides,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const open = async (body: Record<string, unknown> = {}) => {
    const response = await owner.post('/tickets', {
      clientId: client.id,
      title: 'Printer',
      priority: 'P2',
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  return { owner, standard, premium, client, agreement, open };
}

describe('a ticket and its agreement', () => {
  it("takes the client's default agreement and is measured under that agreement's SLA policy", async () => {
    const { premium, agreement, open } = await setUp();
    await agreement('Break/fix');
    const managed = await agreement('Managed 2026', {
      type: 'managed',
      isClientDefault: true,
      slaPolicyId: premium.id,
    });
    const ticket = await open();
    expect(ticket).toMatchObject({ agreementId: managed.id, agreementName: 'Managed 2026' });
    expect(ticket.sla.firstResponse.targetMinutes).toBe(30);
  });

  it('takes the only agreement in force, none when there are several and no default, and none when told', async () => {
    const { agreement, open } = await setUp();
    expect((await open()).agreementId).toBeNull();
    await agreement('Ended', { startsOn: '2020-01-01', endsOn: '2020-12-31' });
    const only = await agreement('Only');
    const ticket = await open();
    expect(ticket.agreementId).toBe(only.id);
    expect(ticket.sla.firstResponse.targetMinutes).toBe(240);
    expect((await open({ agreementId: null })).agreementId).toBeNull();
    await agreement('Second');
    expect((await open()).agreementId).toBeNull();
  });

  it("moves to another agreement, re-measured under the new agreement's policy, with the move in its log", async () => {
    const { owner, premium, agreement, open } = await setUp();
    const first = await agreement('Break/fix');
    const managed = await agreement('Managed', { type: 'managed', slaPolicyId: premium.id });
    const ticket = await open({ agreementId: first.id });
    expect(ticket.sla.firstResponse.targetMinutes).toBe(240);

    const moved = await owner.patch(`/tickets/${ticket.id}`, { agreementId: managed.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ agreementId: managed.id, agreementName: 'Managed' });
    expect(moved.body.sla.firstResponse.targetMinutes).toBe(30);
    const detail = (await owner.get(`/tickets/${ticket.id}`)).body;
    expect(detail.events.find((e: { type: string }) => e.type === 'agreement')?.data).toEqual({
      field: 'agreementId',
      from: first.id,
      to: managed.id,
      toName: 'Managed',
      // What it was measured under before and after, for SLA statements as of an earlier instant.
      measure: {
        from: { slaPolicyVersionId: ticket.sla.policyVersionId, calendarVersionIds: expect.any(Object) },
        to: { slaPolicyVersionId: moved.body.sla.policyVersionId, calendarVersionIds: expect.any(Object) },
      },
    });

    const back = await owner.patch(`/tickets/${ticket.id}`, { agreementId: null });
    expect(back.body.sla.firstResponse.targetMinutes).toBe(240);
  });

  it("refuses another client's agreement and a service that is not in the catalog, changing nothing", async () => {
    const { owner, open } = await setUp();
    const other = (await owner.post('/clients', { name: 'Other' })).body;
    const foreign = (
      await owner.post('/agreements', {
        clientId: other.id,
        type: 'break_fix',
        name: 'Theirs',
        startsOn: '2020-01-01',
        hourlyRateCents: 100,
      })
    ).body;
    const ticket = await open();
    const refused = await owner.patch(`/tickets/${ticket.id}`, { agreementId: foreign.id, title: 'Changed' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: ['agreementId'], message: 'No such agreement for this client' },
    ]);
    const badService = await owner.patch(`/tickets/${ticket.id}`, { serviceId: crypto.randomUUID() });
    expect(badService.status).toBe(400);
    expect((await owner.get(`/tickets/${ticket.id}`)).body).toMatchObject({
      title: 'Printer',
      agreementId: null,
    });
  });

  it('records who at the client asked for after-hours work and when, and who recorded it', async () => {
    const { owner, open } = await setUp();
    const ticket = await open();
    const service = (await owner.get('/catalog-items')).body.items.find(
      (i: { name: string }) => i.name === 'Remote server administration',
    );
    const recorded = await owner.patch(`/tickets/${ticket.id}`, {
      serviceId: service.id,
      afterHoursRequest: { requestedBy: 'Dana Lee (office manager)', requestedAt: '2026-03-06T15:00:00Z' },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    const me = (await owner.get('/auth/session')).body.membership.id;
    expect(recorded.body).toMatchObject({
      serviceName: 'Remote server administration',
      afterHoursRequest: {
        requestedBy: 'Dana Lee (office manager)',
        requestedAt: '2026-03-06T15:00:00.000Z',
        recordedById: me,
      },
    });
    const withdrawn = await owner.patch(`/tickets/${ticket.id}`, { afterHoursRequest: null });
    expect(withdrawn.body.afterHoursRequest).toBeNull();
    const log = (await owner.get(`/tickets/${ticket.id}`)).body.events.map((e: { type: string }) => e.type);
    expect(log.filter((type: string) => type === 'after_hours_request')).toHaveLength(2);
    expect(log).toContain('service');
  });
});
