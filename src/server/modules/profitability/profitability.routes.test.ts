import { describe, expect, it } from 'vitest';
import { type ApiClient, type ApiResponse, membershipIdOf, startTestApp } from '../../../../test/http.ts';

const t = await startTestApp();

async function ok(response: Promise<ApiResponse>, status = 200) {
  const settled = await response;
  expect(settled.status, JSON.stringify(settled.body)).toBe(status);
  return settled.body;
}

type Named = { id: string; name: string };

/**
 * Contoso on break/fix at $150 an hour. In March the owner logs billable time before and after a raise
 * (from $60 to $90 an hour on 8 March), vendor-caused time (absorbed under the graduated clause, shown at
 * its value) and MSP rework (never billed, not shown); a technician with no cost rate logs billable time.
 * The April invoice takes all of it in arrears.
 */
async function setUp(currency = 'USD') {
  const { owner, member } = await t.newTenant();
  const technician = await member('technician', { allClients: true });
  const ownerId = await membershipIdOf(owner);
  const client = await ok(owner.post('/clients', { name: `Contoso ${currency}`, currency }), 201);
  const agreement = await ok(
    owner.post('/agreements', {
      clientId: client.id,
      type: 'break_fix',
      name: 'Break/fix 2026',
      startsOn: '2026-01-01',
      hourlyRateCents: 15_000,
      isClientDefault: true,
    }),
    201,
  );
  const ticket = await ok(
    owner.post('/tickets', { clientId: client.id, title: 'Printer down', priority: 'P3' }),
    201,
  );
  const workTypes: Named[] = (await owner.get('/work-types')).body.items;
  const workTypeId = workTypes.find((w) => w.name === 'Remote support')!.id;
  const log = (body: Record<string, unknown>, actor: ApiClient = owner) =>
    ok(actor.post(`/tickets/${ticket.id}/time-entries`, { note: 'Worked on it', workTypeId, ...body }), 201);
  const rate = (effectiveFrom: string, hourlyCostCents: number, membershipId = ownerId) =>
    owner.post('/cost-rates', { membershipId, effectiveFrom, hourlyCostCents });
  return { owner, member, technician, ownerId, client, agreement, ticket, log, rate };
}

async function march(world: Awaited<ReturnType<typeof setUp>>) {
  const { owner, technician, client, log, rate } = world;
  await ok(rate('2026-01-01', 6_000), 201);
  const raise = await ok(rate('2026-03-08', 9_000), 201);
  const before = await log({ startedAt: '2026-03-03T15:00:00Z', minutes: 60 });
  const after = await log({ startedAt: '2026-03-10T15:00:00Z', minutes: 60 });
  const vendor = await log({ startedAt: '2026-03-04T15:00:00Z', minutes: 30, cause: 'vendor_caused' });
  const rework = await log({ startedAt: '2026-03-05T15:00:00Z', minutes: 30, cause: 'msp_rework' });
  const unrated = await log({ startedAt: '2026-03-06T15:00:00Z', minutes: 30 }, technician);
  const run = await ok(owner.post('/invoices/runs', { period: '2026-04', clientIds: [client.id] }));
  const invoice = await ok(owner.get(`/invoices/${run.results[0].invoiceId}`));
  const revenue = invoice.lines.reduce(
    (sum: number, line: { amountCents: number }) => sum + line.amountCents,
    0,
  );
  return { raise, before, after, vendor, rework, unrated, invoice, revenue };
}

describe('profitability', () => {
  it('prices time at the cost rate in force on its day and splits unbillable time by cause', async () => {
    const world = await setUp();
    const { owner, client, agreement } = world;
    const { revenue, invoice } = await march(world);
    expect(revenue).toBe(15_000 * 2.5); // the owner's 2 h and the technician's ½ h

    const league = await ok(owner.get('/profitability?from=2026-04&to=2026-04'));
    const labour = 6_000 + 9_000 + 3_000 + 3_000;
    expect(league.clients).toEqual([
      {
        clientId: client.id,
        clientName: client.name,
        currency: 'USD',
        revenueCents: revenue,
        labourCostCents: labour,
        resaleCostCents: 0,
        profitCents: revenue - labour,
        minutesWorked: 210,
        effectiveHourlyRateCents: Math.round((revenue * 60) / 210),
        marginPercent: Math.round(((revenue - labour) / revenue) * 1000) / 10,
        billableMinutes: 150,
        unbillableMinutes: 60,
        unbillableCostCents: 6_000,
        unbillableByCause: [
          { cause: 'vendor_caused', minutes: 30, costCents: 3_000 },
          { cause: 'msp_rework', minutes: 30, costCents: 3_000 },
        ],
        vendorCausedMinutes: 30,
        vendorCausedCostCents: 3_000,
        minutesWithoutCostRate: 30,
        includesDraft: true,
        isFlagged: false,
      },
    ]);
    expect(league.totals).toHaveLength(1);
    expect(league.totals[0]).toMatchObject({ currency: 'USD', revenueCents: revenue });

    const detail = await ok(owner.get(`/profitability/clients/${client.id}?from=2026-01&to=2026-04`));
    expect(detail.months.map((m: { period: string }) => m.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    expect(detail.months[0]).toMatchObject({
      revenueCents: 0,
      marginPercent: null,
      effectiveHourlyRateCents: null,
    });
    expect(detail.months[3]).toMatchObject({ revenueCents: revenue, labourCostCents: labour });
    expect(detail.agreements).toEqual([
      expect.objectContaining({
        agreementId: agreement.id,
        agreementName: 'Break/fix 2026',
        revenueCents: revenue,
        labourCostCents: labour,
      }),
    ]);
    expect(invoice.lines.every((l: { agreementId: string }) => l.agreementId === agreement.id)).toBe(true);
  });

  it('drills down to each entry with its rate, cost, billing and agreement', async () => {
    const world = await setUp();
    const { before, after, vendor, rework, unrated } = await march(world);
    const drill = await ok(
      world.owner.get(`/profitability/clients/${world.client.id}/entries?period=2026-04`),
    );
    const byId = new Map(drill.items.map((e: { id: string }) => [e.id, e]));
    expect(drill.items).toHaveLength(5);
    expect(byId.get(before.id)).toMatchObject({
      minutes: 60,
      hourlyCostCents: 6_000,
      costCents: 6_000,
      billing: 'billed',
      isBillable: true,
      ticketTitle: 'Printer down',
      agreementId: world.agreement.id,
      agreementName: 'Break/fix 2026',
      invoiceStatus: 'draft',
    });
    expect(byId.get(after.id)).toMatchObject({ hourlyCostCents: 9_000, costCents: 9_000, billing: 'billed' });
    expect(byId.get(vendor.id)).toMatchObject({
      cause: 'vendor_caused',
      billing: 'absorbed',
      isBillable: false,
    });
    expect(byId.get(rework.id)).toMatchObject({
      cause: 'msp_rework',
      billing: 'not_shown',
      costCents: 3_000,
    });
    expect(byId.get(unrated.id)).toMatchObject({
      hourlyCostCents: null,
      costCents: 0,
      staffName: 'Test technician',
    });
  });

  it('falls back to the earlier rate when the later one is deleted, and audits both changes', async () => {
    const world = await setUp();
    const { raise, after } = await march(world);
    await ok(world.owner.delete(`/cost-rates/${raise.id}`), 204);
    const drill = await ok(
      world.owner.get(`/profitability/clients/${world.client.id}/entries?period=2026-04`),
    );
    expect(drill.items.find((e: { id: string }) => e.id === after.id)).toMatchObject({ costCents: 6_000 });
    await ok(world.owner.delete(`/cost-rates/${raise.id}`), 404);
    const audit = await ok(world.owner.get('/audit-events?limit=50'));
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('cost_rate.create');
    expect(actions).toContain('cost_rate.delete');
  });

  it('never counts a void invoice', async () => {
    const world = await setUp();
    const { invoice } = await march(world);
    await ok(world.owner.post(`/invoices/${invoice.id}/finalize`));
    const finalized = await ok(world.owner.get('/profitability?from=2026-04&to=2026-04'));
    expect(finalized.clients[0].includesDraft).toBe(false);
    await ok(world.owner.post(`/invoices/${invoice.id}/void`, { reason: 'Issued in error' }));
    const voided = await ok(world.owner.get('/profitability?from=2026-04&to=2026-04'));
    expect(voided).toMatchObject({ clients: [], totals: [] });
  });

  it('keeps currencies apart: a row per client in its currency and totals per currency', async () => {
    const usd = await setUp('USD');
    await march(usd);
    const eur = await ok(usd.owner.post('/clients', { name: 'Fabrikam', currency: 'EUR' }), 201);
    await ok(
      usd.owner.post('/agreements', {
        clientId: eur.id,
        type: 'project',
        name: 'Migration',
        startsOn: '2026-04-01',
        endsOn: '2026-04-30',
        hourlyRateCents: 100,
        fixedFeeCents: 500_000,
      }),
      201,
    );
    await ok(usd.owner.post('/invoices/runs', { period: '2026-04', clientIds: [eur.id] }));
    const league = await ok(usd.owner.get('/profitability?from=2026-04&to=2026-04'));
    expect(league.totals.map((x: { currency: string }) => x.currency)).toEqual(['EUR', 'USD']);
    const euros = league.totals.find((x: { currency: string }) => x.currency === 'EUR');
    expect(euros.revenueCents).toBe(500_000);
    const row = league.clients.find((c: { clientId: string }) => c.clientId === eur.id);
    expect(row).toMatchObject({ currency: 'EUR', revenueCents: 500_000, marginPercent: 100 });
  });

  it('flags clients below the margin threshold and sorts them first', async () => {
    const world = await setUp();
    await march(world);
    await ok(world.owner.patch('/billing/settings', { marginThresholdPercent: 95 }));
    const league = await ok(world.owner.get('/profitability?from=2026-04&to=2026-04'));
    expect(league.marginThresholdPercent).toBe(95);
    expect(league.clients[0]).toMatchObject({ clientId: world.client.id, isFlagged: true });
  });
});

describe('access and scope', () => {
  it('keeps cost rates and profitability from technicians', async () => {
    const { technician } = await setUp();
    expect((await technician.get('/cost-rates')).status).toBe(403);
    expect((await technician.get('/profitability')).status).toBe(403);
  });

  it("shows a scoped billing member only its clients; another client's page is 404", async () => {
    const world = await setUp();
    await march(world);
    const other = await ok(world.owner.post('/clients', { name: 'Elsewhere' }), 201);
    const billing = await world.member('billing', { clientIds: [other.id] });
    const league = await ok(billing.get('/profitability?from=2026-04&to=2026-04'));
    expect(league.clients).toEqual([]);
    const hidden = await billing.get(`/profitability/clients/${world.client.id}?from=2026-04&to=2026-04`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('client.not_found');
    expect(
      (await billing.get(`/profitability/clients/${world.client.id}/entries?period=2026-04`)).status,
    ).toBe(404);
  });
});

describe('bad input', () => {
  it.each([
    ['?from=2024-01&to=2026-01', 'at most 24 months'],
    ['?from=2026-05&to=2026-04', 'must not be before'],
    ['?from=2026-13&to=2026-12', 'YYYY-MM'],
    ['?from=2026-01', 'Give both from and to'],
  ])('refuses the range %s with a 400 saying what is wrong', async (query, message) => {
    const { owner } = await t.newTenant();
    const response = await owner.get(`/profitability${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('request.invalid');
    expect(response.body.error.message).toContain(message);
  });

  it('refuses a drill-down without a month', async () => {
    const { owner, client } = await setUp();
    const response = await owner.get(`/profitability/clients/${client.id}/entries`);
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toEqual(['period']);
  });

  it('refuses bad cost rates with 400 or 409 and stores nothing', async () => {
    const { owner, ownerId, rate } = await setUp();
    const other = await t.newTenant();
    const otherMember = await membershipIdOf(other.owner);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ membershipId: ownerId, effectiveFrom: '2026-02-30', hourlyCostCents: 5_000 }, 400, 'effectiveFrom'],
      [{ membershipId: ownerId, effectiveFrom: '2026-02-01', hourlyCostCents: -1 }, 400, 'hourlyCostCents'],
      [{ membershipId: ownerId, effectiveFrom: '2026-02-01', hourlyCostCents: 12.5 }, 400, 'hourlyCostCents'],
      [{ membershipId: 'nobody', effectiveFrom: '2026-02-01', hourlyCostCents: 5_000 }, 400, 'membershipId'],
      [
        { membershipId: otherMember, effectiveFrom: '2026-02-01', hourlyCostCents: 5_000 },
        400,
        'membershipId',
      ],
    ];
    for (const [body, status, path] of cases) {
      const response = await owner.post('/cost-rates', body);
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.error.details[0].path).toEqual([path]);
    }
    await ok(rate('2026-02-01', 5_000), 201);
    const taken = await rate('2026-02-01', 7_000);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('cost_rate.date_taken');
    const { items } = await ok(owner.get('/cost-rates'));
    expect(items).toEqual([
      expect.objectContaining({ membershipId: ownerId, effectiveFrom: '2026-02-01', hourlyCostCents: 5_000 }),
    ]);
    expect(items[0].memberName).toBe('Olivia Owner');
  });
});
