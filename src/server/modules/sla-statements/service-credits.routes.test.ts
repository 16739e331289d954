import { describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp } from '../../../../test/http.ts';
import { slaHistory } from '../../../../test/sla-history.ts';

const clock = { now: new Date('2026-11-05T15:00:00Z') };
const t = await startTestApp({ clock: { now: () => clock.now } });
const { setUp, october } = slaHistory(t, clock);

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
