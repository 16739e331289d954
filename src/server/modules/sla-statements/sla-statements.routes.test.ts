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
    // A month before the closed one never closes out of turn.
    expect((await owner.post(`${statements}/2026-09/close`)).body.error.code).toBe(
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
    expect(check.body.items).toEqual([
      { month: '2026-10', matches: true, differences: [] },
      { month: '2026-11', matches: true, differences: [] },
    ]);
    // A stored figure that no longer follows from the record is caught.
    await t.handle.db.execute(
      sql`update sla_statements set figures = jsonb_set(figures, '{compliance,firstResponse}', '99') where month = '2026-10' and agreement_id = ${agreement.id}`,
    );
    expect((await december.get(`${statements}/check`)).body.items[0]).toEqual({
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
