import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { slaHistory } from '../../../../test/sla-history.ts';

const clock = { now: new Date('2026-11-05T15:00:00Z') };
const t = await startTestApp({ clock: { now: () => clock.now } });
const { setUp, october } = slaHistory(t, clock);

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
    clock.now = new Date('2026-11-06T15:00:00Z');
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
    clock.now = new Date('2026-11-05T15:30:00Z');
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
