import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, weekdays } from '../../../../test/http.ts';

let now = new Date('2026-11-05T15:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });

const allDay: [string, string][] = [['00:00', '24:00']];
const at = (iso: string) => `${iso}:00Z`;

/** A client measured round the clock in New York (P1: reply within 60 min, resolve within 240). */
async function setUp() {
  now = new Date('2026-11-05T15:00:00Z');
  const { owner, ownerEmail } = await t.newTenant();
  const calendar = (
    await owner.post('/calendars', {
      name: 'Round the clock',
      timeZone: 'America/New_York',
      weeklyHours: { ...weekdays(allDay), sat: allDay, sun: allDay },
      holidays: [],
    })
  ).body;
  const target = { firstResponseMinutes: 60, resolutionMinutes: 240 };
  const policy = (
    await owner.post('/sla-policies', {
      name: 'Managed',
      calendarId: calendar.id,
      targets: { P1: target, P2: target, P3: target, P4: target },
    })
  ).body;
  const client = (await owner.post('/clients', { name: 'Contoso', defaultSlaPolicyId: policy.id })).body;
  const agreement = (
    await owner.post('/agreements', {
      clientId: client.id,
      type: 'managed',
      name: 'Managed 2026',
      startsOn: '2026-01-01',
      hourlyRateCents: 15_000,
      isClientDefault: true,
      slaPolicyId: policy.id,
    })
  ).body;
  let imported = 0;
  const history = async (title: string, events: Record<string, unknown>[]) => {
    const response = await owner.post('/tickets/import', {
      externalId: `old-${++imported}`,
      clientId: client.id,
      title,
      priority: 'P1',
      events,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  /** Signs in again after the clock moved past the session's lifetime. */
  const later = (instant: string) => {
    now = new Date(instant);
    return t.signIn(ownerEmail);
  };
  return { owner, client, agreement, history, later };
}

/** October's tickets: a late first reply, a pause on the client, one late in the evening of 31 October, one on an unmanaged server. */
async function october(
  owner: ApiClient,
  client: { id: string },
  history: Awaited<ReturnType<typeof setUp>>['history'],
) {
  const late = await history('Mail server down', [
    { type: 'created', at: at('2026-10-05T14:00') },
    { type: 'public_reply', author: 'staff', at: at('2026-10-05T16:00') },
    { type: 'status', status: 'resolved', at: at('2026-10-05T17:00') },
  ]);
  const paused = await history('Line of business app', [
    { type: 'created', at: at('2026-10-10T14:00') },
    { type: 'public_reply', author: 'staff', at: at('2026-10-10T14:30') },
    { type: 'status', status: 'pending_client', at: at('2026-10-10T15:00'), message: 'Which user?' },
    { type: 'status', status: 'open', at: at('2026-10-11T15:00') },
    { type: 'status', status: 'resolved', at: at('2026-10-11T16:00') },
  ]);
  // 22:00 on 31 October in New York is already 1 November in UTC: the reply is due in October there.
  const halloween = await history('VPN', [
    { type: 'created', at: at('2026-11-01T02:00') },
    { type: 'public_reply', author: 'staff', at: at('2026-11-01T02:30') },
  ]);
  const unmanaged = await history('Old NAS', [
    { type: 'created', at: at('2026-10-20T14:00') },
    { type: 'public_reply', author: 'staff', at: at('2026-10-20T18:00') },
  ]);
  const nas = (
    await owner.post('/assets', { clientId: client.id, name: 'NAS01', type: 'server', isManaged: false })
  ).body;
  expect((await owner.put(`/tickets/${unmanaged.id}/assets`, { assetIds: [nas.id] })).status).toBe(200);
  return { late, paused, halloween, unmanaged };
}

describe('an SLA statement', () => {
  it('counts each target in the month it fell due, guaranteed and best effort apart, with pause time', async () => {
    const { owner, client, agreement, history } = await setUp();
    const tickets = await october(owner, client, history);
    const response = await owner.get(`/agreements/${agreement.id}/sla-statements/2026-10`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const statement = response.body;
    expect(statement).toMatchObject({
      month: '2026-10',
      timeZone: 'America/New_York',
      status: 'open',
      isClosable: true,
      clientName: 'Contoso',
      agreementName: 'Managed 2026',
    });
    expect(statement.rows).toEqual([
      {
        priority: 'P1',
        basis: 'guaranteed',
        tickets: 3,
        firstResponse: { met: 2, missed: 1, pending: 0 },
        resolution: { met: 2, missed: 0, pending: 0 },
      },
      {
        priority: 'P1',
        basis: 'best_effort',
        tickets: 1,
        firstResponse: { met: 0, missed: 1, pending: 0 },
        resolution: { met: 0, missed: 1, pending: 0 },
      },
    ]);
    expect(statement.compliance).toEqual({ firstResponse: 66.7, resolution: 100 });
    expect(statement.pausedMinutes).toEqual({ client: 1440, vendor: 0, scheduled: 0 });
    expect(statement.breaches.map((b: { ticketId: string; clock: string }) => [b.ticketId, b.clock])).toEqual(
      [
        [tickets.late.id, 'first_response'],
        [tickets.unmanaged.id, 'first_response'],
        [tickets.unmanaged.id, 'resolution'],
      ],
    );
    // The Halloween ticket's resolution fell due in November, and is running late there.
    const november = (await owner.get(`/agreements/${agreement.id}/sla-statements/2026-11`)).body;
    expect(november).toMatchObject({ status: 'open', isClosable: false });
    expect(november.breaches).toEqual([
      expect.objectContaining({ ticketId: tickets.halloween.id, clock: 'resolution', stoppedAt: null }),
    ]);
  });

  it('takes the explanation of a breach until the month closes, then freezes it with the figures', async () => {
    const { owner, client, agreement, history } = await setUp();
    const { late, paused } = await october(owner, client, history);
    const explain = (id: string, clock: string, text: string) =>
      owner.put(`/tickets/${id}/sla-explanations/${clock}`, { text });
    expect((await explain(paused.id, 'first_response', 'We were quick')).body.error.code).toBe(
      'sla_statement.not_breached',
    );
    expect((await explain(late.id, 'first_response', '  ')).status).toBe(400);
    expect(
      (await explain(late.id, 'first_response', 'Both engineers were on site at another P1.')).status,
    ).toBe(200);

    const statements = `/agreements/${agreement.id}/sla-statements`;
    expect((await owner.post(`${statements}/2026-11/close`)).body.error.code).toBe(
      'sla_statement.month_running',
    );
    expect((await owner.post(`${statements}/2026-12/close`)).body.error.code).toBe(
      'sla_statement.out_of_range',
    );
    expect((await owner.get(`${statements}/2026-13`)).status).toBe(400);

    const closed = await owner.post(`${statements}/2026-10/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      isClosable: false,
      closedByName: expect.any(String),
    });
    expect(closed.body.breaches[0].explanation).toMatchObject({
      text: 'Both engineers were on site at another P1.',
    });
    // Closing again answers the same statement; there is still one October.
    now = new Date('2026-11-06T15:00:00Z');
    expect((await owner.post(`${statements}/2026-10/close`)).body).toEqual(closed.body);
    const list = (await owner.get(statements)).body.items;
    expect(list.filter((item: { month: string }) => item.month === '2026-10')).toEqual([
      expect.objectContaining({ status: 'closed', breaches: 3 }),
    ]);
    expect(list[0]).toMatchObject({ month: '2026-11', status: 'open' });

    const after = await explain(late.id, 'first_response', 'Rewritten later');
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('sla_statement.closed');
    expect((await owner.get(`${statements}/2026-10`)).body.breaches[0].explanation.text).toBe(
      'Both engineers were on site at another P1.',
    );
    // The first close closed every month from the agreement's start, in order.
    expect(list.filter((item: { status: string }) => item.status === 'closed')).toHaveLength(10);
    expect((await owner.post(`${statements}/2026-09/close`)).body).toMatchObject({ status: 'closed' });
    // Moved to an earlier start, the agreement has months before the closed ones: they never close out of turn.
    expect((await owner.patch(`/agreements/${agreement.id}`, { startsOn: '2025-12-01' })).status).toBe(200);
    expect((await owner.post(`${statements}/2025-12/close`)).body.error.code).toBe(
      'sla_statement.closed_later',
    );
  });

  it('reports what changed in a closed month in the next statement, once, and the check reproduces every figure', async () => {
    const { owner, client, agreement, history, later } = await setUp();
    const { late } = await october(owner, client, history);
    const statements = `/agreements/${agreement.id}/sla-statements`;
    expect((await owner.post(`${statements}/2026-10/close`)).status).toBe(200);

    // Moved off the agreement in November: October counted it, so November says it no longer counts there.
    now = new Date('2026-11-05T15:30:00Z');
    expect((await owner.patch(`/tickets/${late.id}`, { agreementId: null })).status).toBe(200);
    const november = (await owner.get(`${statements}/2026-11`)).body;
    expect(november.corrections).toEqual([
      expect.objectContaining({
        month: '2026-10',
        ticketId: late.id,
        clock: 'first_response',
        was: 'missed',
        now: null,
      }),
      expect.objectContaining({
        month: '2026-10',
        ticketId: late.id,
        clock: 'resolution',
        was: 'met',
        now: null,
      }),
    ]);
    expect((await owner.get(`${statements}/2026-10`)).body.rows[0].firstResponse).toEqual({
      met: 2,
      missed: 1,
      pending: 0,
    });

    const december = await later('2026-12-02T12:00:00Z');
    const closing = await december.post(`${statements}/2026-11/close`);
    expect(closing.status, JSON.stringify(closing.body)).toBe(200);
    const closed = closing.body;
    expect(closed.corrections).toHaveLength(2);
    expect((await december.get(`${statements}/2026-12`)).body.corrections).toEqual([]);

    const check = await december.get(`${statements}/check`);
    expect(check.body.items).toHaveLength(11);
    expect(check.body.items.filter((c: { matches: boolean }) => !c.matches)).toEqual([]);
    // A stored figure that no longer follows from the record is caught.
    await t.handle.db.execute(
      sql`update sla_statements set figures = jsonb_set(figures, '{compliance,firstResponse}', '99') where month = '2026-10' and agreement_id = ${agreement.id}`,
    );
    expect((await december.get(`${statements}/check`)).body.items[9]).toEqual({
      month: '2026-10',
      matches: false,
      differences: ['compliance.firstResponse'],
    });
  });

  it("is the client's own: another organization, or staff without the client, find no agreement", async () => {
    const { agreement } = await setUp();
    const { owner: stranger } = await t.newTenant();
    const response = await stranger.get(`/agreements/${agreement.id}/sla-statements/2026-10`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('agreement.not_found');
  });
});

describe('service credits', () => {
  const schedule = (overrides: Record<string, unknown> = {}) => ({
    perBreachCents: { P1: 10_000, P2: 0, P3: 0, P4: 0 },
    disputeWindowDays: 5,
    effectiveFrom: '2026-01',
    ...overrides,
  });

  async function withSchedule(overrides: Record<string, unknown> = {}) {
    const setup = await setUp();
    const path = `/agreements/${setup.agreement.id}`;
    const refused = await setup.owner.patch(path, {
      penaltySchedule: schedule({ tiers: [{ belowPercent: 120, creditPercent: 5 }] }),
    });
    expect(refused.status).toBe(400);
    expect((await setup.owner.get(path)).body.penaltySchedule).toBeNull();
    const saved = await setup.owner.patch(path, { penaltySchedule: schedule(overrides) });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const tickets = await october(setup.owner, setup.client, setup.history);
    return { ...setup, tickets, statements: `${path}/sla-statements` };
  }

  it('are proposed once at the close, for guaranteed breaches only, and a dispute within the window is shown', async () => {
    const { owner, tickets, statements } = await withSchedule({ isSoleRemedy: true });
    expect((await owner.get(`${statements}/2026-10`)).body).toMatchObject({
      penalty: { mode: 'report', isSoleRemedy: true },
      credits: [],
    });
    const closed = (await owner.post(`${statements}/2026-10/close`)).body;
    // The late first reply earns the P1 credit; the unmanaged NAS's breaches are best effort and earn none.
    expect(closed.credits).toEqual([
      expect.objectContaining({
        kind: 'breach',
        ticketId: tickets.late.id,
        clock: 'first_response',
        amountCents: 10_000,
        currency: 'USD',
        status: 'proposed',
        disputeBy: '2026-11-12',
        dispute: null,
      }),
    ]);
    expect((await owner.post(`${statements}/2026-10/close`)).body.credits).toHaveLength(1);

    const creditId = closed.credits[0].id;
    expect(
      (await owner.post(`/service-credits/${creditId}/dispute`, { exclusion: 'bad', reason: 'x' })).status,
    ).toBe(400);
    const disputed = await owner.post(`/service-credits/${creditId}/dispute`, {
      exclusion: 'client_caused',
      reason: 'The client asked us to wait for their manager before replying.',
    });
    expect(disputed.status, JSON.stringify(disputed.body)).toBe(200);
    expect(disputed.body).toMatchObject({
      status: 'disputed',
      dispute: { exclusion: 'client_caused', byName: expect.any(String) },
    });
    expect(
      (
        await owner.post(`/service-credits/${creditId}/dispute`, {
          exclusion: 'client_caused',
          reason: 'Again',
        })
      ).body.error.code,
    ).toBe('service_credit.disputed');
    expect((await owner.get(`${statements}/2026-10`)).body.credits[0].status).toBe('disputed');
  });

  it('that stand go onto the next invoice once, and a voided invoice frees them for the next', async () => {
    const { owner, client, statements, later } = await withSchedule({ mode: 'invoice' });
    const [credit] = (await owner.post(`${statements}/2026-10/close`)).body.credits;
    const run = async (as: ApiClient, period: string) => {
      const response = await as.post('/invoices/runs', { period, clientIds: [client.id] });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const id = response.body.results[0].invoiceId;
      return id ? (await as.get(`/invoices/${id}`)).body : null;
    };
    const creditLines = (invoice: { lines: { kind: string; amountCents: number }[] } | null) =>
      (invoice?.lines ?? []).filter((line) => line.kind === 'service_credit').map((line) => line.amountCents);

    // Within the dispute window the credit is not yet invoiced.
    expect(creditLines(await run(owner, '2026-12'))).toEqual([]);
    const afterWindow = await later('2026-11-13T15:00:00Z');
    const late = await afterWindow.post(`/service-credits/${credit.id}/dispute`, {
      exclusion: 'wrong_priority',
      reason: 'P3 really',
    });
    expect(late.body.error.code).toBe('service_credit.dispute_closed');

    const december = await run(afterWindow, '2026-12');
    expect(creditLines(december)).toEqual([-10_000]);
    // Rebuilt, the draft still credits it once; January's invoice does not take it a second time.
    expect(creditLines(await run(afterWindow, '2026-12'))).toEqual([-10_000]);
    expect(creditLines(await run(afterWindow, '2027-01'))).toEqual([]);
    expect((await afterWindow.post(`/invoices/${december.id}/finalize`)).status).toBe(200);
    const statement = (await afterWindow.get(`${statements}/2026-10`)).body;
    expect(statement.credits[0]).toMatchObject({ invoiceId: december.id, invoiceNumber: expect.any(String) });
    // Voided, the invoice frees the credit for the next one.
    expect(
      (await afterWindow.post(`/invoices/${december.id}/void`, { reason: 'Wrong address' })).status,
    ).toBe(200);
    expect(creditLines(await run(afterWindow, '2027-01'))).toEqual([-10_000]);
  });

  it('of a report-only schedule are never invoiced', async () => {
    const { owner, client, statements, later } = await withSchedule();
    expect((await owner.post(`${statements}/2026-10/close`)).body.credits).toHaveLength(1);
    const afterWindow = await later('2026-11-13T15:00:00Z');
    const response = await afterWindow.post('/invoices/runs', { period: '2026-12', clientIds: [client.id] });
    const id = response.body.results[0].invoiceId;
    const lines = id ? (await afterWindow.get(`/invoices/${id}`)).body.lines : [];
    expect(lines.filter((line: { kind: string }) => line.kind === 'service_credit')).toEqual([]);
  });
});

describe('a penalty schedule switched on for an old agreement', () => {
  it('takes effect from the month it was saved: closing earlier months proposes nothing', async () => {
    const { owner, client, agreement, history } = await setUp();
    await october(owner, client, history);
    const path = `/agreements/${agreement.id}`;
    const saved = await owner.patch(path, {
      penaltySchedule: { perBreachCents: { P1: 10_000, P2: 0, P3: 0, P4: 0 } },
    });
    expect(saved.body.penaltySchedule.effectiveFrom).toBe('2026-11');
    // An edit keeps the month it took effect.
    const edited = await owner.patch(path, {
      penaltySchedule: { perBreachCents: { P1: 20_000, P2: 0, P3: 0, P4: 0 } },
    });
    expect(edited.body.penaltySchedule).toMatchObject({
      effectiveFrom: '2026-11',
      perBreachCents: { P1: 20_000 },
    });
    const closed = (await owner.post(`${path}/sla-statements/2026-10/close`)).body;
    expect(closed).toMatchObject({ penalty: { effectiveFrom: '2026-11' }, credits: [] });
    expect(closed.breaches.length).toBeGreaterThan(0);
  });
});
