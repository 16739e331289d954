import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { type ApiClient, type ApiResponse, startTestApp, weekdays } from '../../../../test/http.ts';

const t = await startTestApp();

type Named = { id: string; name: string };
type Line = {
  kind: string;
  description: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  taxCents: number;
  valueCents: number;
  detail: string | null;
};

async function ok(response: Promise<ApiResponse>, status = 200) {
  const settled = await response;
  expect(settled.status, JSON.stringify(settled.body)).toBe(status);
  return settled.body;
}

/**
 * Contoso: managed workstations (25 at $120, taxed 8.25 %) with office hours in New York, after hours
 * ×1.5, project work falling through to break/fix at $150 an hour; one ticket about a covered service.
 */
async function setUp() {
  const { owner, member } = await t.newTenant();
  const calendar = await ok(
    owner.post('/calendars', {
      name: 'Office',
      timeZone: 'America/New_York',
      weeklyHours: weekdays([['08:00', '18:00']]),
      holidays: [],
    }),
    201,
  );
  const salesTax = await ok(owner.post('/tax-codes', { name: 'Sales tax', rateBasisPoints: 825 }), 201);
  const workstation = await ok(
    owner.post('/catalog-items', {
      category: 'on_premises',
      name: 'Managed workstation',
      unit: 'per_device',
      deviceClass: 'workstation',
      priceCents: 12_000,
      taxCodeId: salesTax.id,
    }),
    201,
  );
  const client = await ok(owner.post('/clients', { name: 'Contoso' }), 201);
  const items: Named[] = (await owner.get('/catalog-items')).body.items;
  const servers = items.find((i) => i.name === 'Remote server administration')!;
  const workTypes: Named[] = (await owner.get('/work-types')).body.items;
  const workType = (name: string) => workTypes.find((w) => w.name === name)!.id;
  const agreement = (body: Record<string, unknown>) =>
    ok(owner.post('/agreements', { clientId: client.id, startsOn: '2026-01-01', ...body }), 201);
  const breakFix = await agreement({ type: 'break_fix', name: 'Break/fix 2026', hourlyRateCents: 15_000 });
  const managed = await agreement({
    type: 'managed',
    name: 'Managed 2026',
    isClientDefault: true,
    hourlyRateCents: 15_000,
    calendarId: calendar.id,
    afterHoursPercent: 150,
    coveredServiceIds: [servers.id],
    excludedWorkTypeIds: [workType('Project')],
    fallbackAgreementId: breakFix.id,
    recurringLines: [{ catalogItemId: workstation.id, quantity: 25, unitPriceCents: 12_000 }],
  });
  const ticket = await ok(
    owner.post('/tickets', {
      clientId: client.id,
      title: 'File server slow',
      priority: 'P2',
      serviceId: servers.id,
    }),
    201,
  );
  const log = (body: Record<string, unknown>, actor: ApiClient = owner) =>
    ok(
      actor.post(`/tickets/${ticket.id}/time-entries`, {
        note: 'Worked on it',
        workTypeId: workType('Remote support'),
        ...body,
      }),
      201,
    );
  const run = (period: string) => ok(owner.post('/invoices/runs', { period, clientIds: [client.id] }));
  const invoiceOf = async (period: string) => {
    const result = await run(period);
    return ok(owner.get(`/invoices/${result.results[0].invoiceId}`));
  };
  /** Approves every count change the draft shows, as shown. */
  const approveAll = (draft: { id: string; countChanges: { agreementLineId: string; quantity: number }[] }) =>
    ok(
      owner.post(`/invoices/${draft.id}/approve-counts`, {
        changes: draft.countChanges.map(({ agreementLineId, quantity }) => ({ agreementLineId, quantity })),
      }),
    );
  return {
    owner,
    member,
    client,
    ticket,
    managed,
    breakFix,
    workstation,
    workType,
    log,
    run,
    invoiceOf,
    approveAll,
  };
}

const kinds = (lines: Line[]) => lines.map((line) => line.kind);

describe('the month run', () => {
  it('bills fees for the month in advance and the month before in arrears, with counts approved and taxes', async () => {
    const { owner, ticket, workType, log, run, invoiceOf, managed } = await setUp();
    await ok(
      owner.patch(`/tickets/${ticket.id}`, {
        afterHoursRequest: { requestedBy: 'Dana at Contoso', requestedAt: '2026-03-02T12:00:00Z' },
      }),
    );
    await log({ startedAt: '2026-03-03T15:00:00Z', minutes: 60 }); // 10:00 in New York: covered
    await log({ startedAt: '2026-03-03T23:00:00Z', minutes: 60 }); // 18:00: after hours, requested
    await log({ startedAt: '2026-03-04T15:00:00Z', minutes: 90, workTypeId: workType('Project') });
    await log({ startedAt: '2026-03-05T15:00:00Z', minutes: 30, cause: 'msp_rework' });

    const draft = await invoiceOf('2026-04');
    expect(draft).toMatchObject({
      status: 'draft',
      number: null,
      period: '2026-04',
      labourThrough: '2026-04-01',
    });
    expect(draft.countChanges).toEqual([
      expect.objectContaining({
        agreementId: managed.id,
        itemName: 'Managed workstation',
        approvedQuantity: null,
        quantity: 25,
      }),
    ]);
    // Until the count is approved it is not billed; covered and rework time have no line.
    expect(kinds(draft.lines)).toEqual(['labour', 'labour']);
    const [afterHours, project] = draft.lines as [Line, Line];
    expect(afterHours).toMatchObject({ quantity: 1, unitPriceCents: 22_500, amountCents: 22_500 });
    expect(afterHours.description).toBe('#1001 File server slow — after hours ×1.5');
    expect(afterHours.detail).not.toContain('×1.5');
    expect(project).toMatchObject({ quantity: 1.5, unitPriceCents: 15_000, amountCents: 22_500 });
    expect(project.detail).toContain('Break/fix 2026');

    const early = await owner.post(`/invoices/${draft.id}/finalize`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('invoice.counts_pending');

    const approved = await ok(
      owner.post(`/invoices/${draft.id}/approve-counts`, {
        changes: [{ agreementLineId: draft.countChanges[0].agreementLineId, quantity: 25 }],
      }),
    );
    expect(approved.countChanges).toEqual([]);
    expect(kinds(approved.lines)).toEqual(['recurring', 'labour', 'labour']);
    expect(approved.lines[0]).toMatchObject({
      description: 'Managed workstation — April 2026',
      quantity: 25,
      amountCents: 300_000,
      taxCents: 24_750,
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
    });
    expect(approved).toMatchObject({ subtotalCents: 345_000, taxCents: 24_750, totalCents: 369_750 });
    expect(approved.taxes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'Sales tax',
          rateBasisPoints: 825,
          amountCents: 300_000,
          taxCents: 24_750,
        }),
      ]),
    );

    const final = await ok(owner.post(`/invoices/${draft.id}/finalize`));
    const today = new Date().toISOString().slice(0, 10);
    expect(final).toMatchObject({
      status: 'finalized',
      number: 'INV-1001',
      issuedOn: today,
      totalCents: 369_750,
    });
    expect(Date.parse(final.dueOn) - Date.parse(today)).toBe(30 * 86_400_000);

    // Its time is locked, the month is not billed twice, and late time rolls into the next invoice.
    const [entry] = (await owner.get(`/tickets/${ticket.id}/time-entries`)).body.items;
    expect(entry.invoice).toEqual({ id: draft.id, number: 'INV-1001' });
    const edit = await owner.patch(`/time-entries/${entry.id}`, { minutes: 45 });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('time_entry.invoiced');
    expect((await run('2026-04')).results[0]).toMatchObject({
      outcome: 'already_finalized',
      invoiceId: draft.id,
    });
    await log({ startedAt: '2026-03-20T15:00:00Z', minutes: 60, workTypeId: workType('Project') });
    const may = await invoiceOf('2026-05');
    expect(may.countChanges).toEqual([]);
    expect(may.lines.map((l: Line) => [l.kind, l.amountCents])).toEqual([
      ['recurring', 300_000],
      ['labour', 15_000],
    ]);
  });

  it('prorates fees by day and buys a block each month; labour draws from it, then bills overage', async () => {
    const { owner, client, workType, invoiceOf, approveAll } = await setUp();
    const block = await ok(
      owner.post('/agreements', {
        clientId: client.id,
        type: 'block_hours',
        name: 'Project hours',
        startsOn: '2026-06-16',
        hourlyRateCents: 15_000,
        blockMinutes: 600,
        blockPriceCents: 120_000,
        overageRateCents: 18_000,
        blockRollover: 'none',
      }),
      201,
    );
    const ticket = await ok(
      owner.post('/tickets', {
        clientId: client.id,
        title: 'Migration',
        priority: 'P3',
        agreementId: block.id,
      }),
      201,
    );
    const june = await invoiceOf('2026-06');
    // The managed fees are not approved yet; the block is bought whole even though it starts mid-month.
    expect(june.lines.map((l: Line) => [l.kind, l.amountCents])).toEqual([['block_purchase', 120_000]]);

    const entry = { note: 'Moved mailboxes', workTypeId: workType('Project') };
    await ok(
      owner.post(`/tickets/${ticket.id}/time-entries`, {
        ...entry,
        startedAt: '2026-06-22T14:00:00Z',
        minutes: 480,
      }),
      201,
    );
    await ok(
      owner.post(`/tickets/${ticket.id}/time-entries`, {
        ...entry,
        startedAt: '2026-06-23T14:00:00Z',
        minutes: 240,
      }),
      201,
    );
    await approveAll(june);
    await ok(owner.post(`/invoices/${june.id}/finalize`));
    const july = await invoiceOf('2026-07');
    const usage = july.lines.find((l: Line) => l.kind === 'block_usage');
    const overage = july.lines.find((l: Line) => l.kind === 'overage');
    expect(usage).toMatchObject({ quantity: 10, amountCents: 0, valueCents: 150_000 });
    expect(overage).toMatchObject({ quantity: 2, unitPriceCents: 18_000, amountCents: 36_000 });
    expect(kinds(july.lines)).toContain('block_purchase');
  });

  it('prorates a recurring fee for an agreement that starts mid-month', async () => {
    const { owner, client, workstation, invoiceOf, approveAll } = await setUp();
    const late = await ok(
      owner.post('/agreements', {
        clientId: client.id,
        type: 'managed',
        name: 'Extra seats',
        startsOn: '2026-09-21',
        hourlyRateCents: 0,
        recurringLines: [{ catalogItemId: workstation.id, quantity: 3, unitPriceCents: 10_000 }],
      }),
      201,
    );
    const draft = await invoiceOf('2026-09');
    expect(draft.countChanges.map((c: { agreementId: string }) => c.agreementId)).toContain(late.id);
    const approved = await approveAll(draft);
    const extra = approved.lines.find(
      (l: Line & { agreementName: string }) => l.agreementName === 'Extra seats',
    );
    // 10 of 30 days of 3 × $100.
    expect(extra).toMatchObject({
      quantity: 3,
      amountCents: 10_000,
      periodStart: '2026-09-21',
      periodEnd: '2026-09-30',
    });
    expect(extra.detail).toBe('10 of 30 days, 2026-09-21 to 2026-09-30');
  });
});

describe('finalizing', () => {
  it('numbers invoices without gaps; a void invoice keeps its number and frees its time for a new one', async () => {
    const { owner, log, run, invoiceOf, workType, approveAll } = await setUp();
    await ok(owner.patch('/billing/settings', { invoicePrefix: 'CT-', nextInvoiceNumber: 7 }));
    await log({ startedAt: '2026-02-10T15:00:00Z', minutes: 60, workTypeId: workType('Project') });
    const draft = await invoiceOf('2026-03');
    await approveAll(draft);
    const first = await ok(owner.post(`/invoices/${draft.id}/finalize`));
    expect(first.number).toBe('CT-7');

    const bad = await owner.post(`/invoices/${draft.id}/void`, { reason: '  ' });
    expect(bad.status).toBe(400);
    const voided = await ok(owner.post(`/invoices/${draft.id}/void`, { reason: 'Wrong count of seats' }));
    expect(voided).toMatchObject({ status: 'void', number: 'CT-7', voidReason: 'Wrong count of seats' });

    const again = await run('2026-03');
    expect(again.results[0].outcome).toBe('created');
    const second = await ok(owner.post(`/invoices/${again.results[0].invoiceId}/finalize`));
    expect(second.number).toBe('CT-8');
    expect(second.lines.map((l: Line) => l.kind)).toEqual(['recurring', 'labour']);

    const back = await owner.patch('/billing/settings', { nextInvoiceNumber: 8 });
    expect(back.status).toBe(400);
    expect(back.body.error.message).toContain('CT-8');
  });

  it('refuses a draft that time changed under, until it is rebuilt', async () => {
    const { owner, log, invoiceOf, workType, approveAll } = await setUp();
    await log({ startedAt: '2026-02-10T15:00:00Z', minutes: 60, workTypeId: workType('Project') });
    const draft = await invoiceOf('2026-03');
    await approveAll(draft);
    await log({ startedAt: '2026-02-11T15:00:00Z', minutes: 30, workTypeId: workType('Project') });
    const stale = await owner.post(`/invoices/${draft.id}/finalize`);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'invoice.stale',
      details: { changedEntries: 0, newEntries: 1 },
    });
    const rebuilt = await ok(owner.post(`/invoices/${draft.id}/rebuild`));
    expect(rebuilt.lines.find((l: Line) => l.kind === 'labour')).toMatchObject({
      quantity: 1.5,
      amountCents: 22_500,
    });
    await ok(owner.post(`/invoices/${draft.id}/finalize`));
  });

  it('refuses to approve a count that moved again after the draft was built', async () => {
    const { owner, managed, workstation, invoiceOf } = await setUp();
    const draft = await invoiceOf('2026-03');
    await ok(
      owner.patch(`/agreements/${managed.id}`, {
        recurringLines: [{ catalogItemId: workstation.id, quantity: 27, unitPriceCents: 12_000 }],
      }),
    );
    const moved = await owner.post(`/invoices/${draft.id}/approve-counts`, {
      changes: [{ agreementLineId: draft.countChanges[0].agreementLineId, quantity: 25 }],
    });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('invoice.count_moved');
  });
});

describe('taxes', () => {
  it('charges a tax-exempt client no tax and prints its reference', async () => {
    const { owner, client, invoiceOf, approveAll } = await setUp();
    await ok(owner.patch(`/clients/${client.id}`, { taxExempt: true, taxExemptionReference: 'EX-4411' }));
    const approved = await approveAll(await invoiceOf('2026-03'));
    expect(approved).toMatchObject({
      taxExempt: true,
      taxExemptionReference: 'EX-4411',
      taxCents: 0,
      totalCents: 300_000,
    });
  });

  it('takes the tax out of prices that include it', async () => {
    const { owner, invoiceOf, approveAll } = await setUp();
    await ok(owner.patch('/billing/settings', { pricesIncludeTax: true }));
    const approved = await approveAll(await invoiceOf('2026-03'));
    // 300,000 × 825 ÷ 10,825 = 22,863.7…
    expect(approved).toMatchObject({ totalCents: 300_000, taxCents: 22_864, subtotalCents: 277_136 });
  });
});

describe('count changes', () => {
  it('bill the days of the month before from the day a new count took effect, and credit a lower one', async () => {
    const { owner, managed, workstation, invoiceOf, approveAll } = await setUp();
    const march = await approveAll(await invoiceOf('2026-03'));
    await ok(owner.post(`/invoices/${march.id}/finalize`));
    const setCount = (quantity: number) =>
      ok(
        owner.patch(`/agreements/${managed.id}`, {
          recurringLines: [{ catalogItemId: workstation.id, quantity, unitPriceCents: 12_000 }],
        }),
      );
    await setCount(30);
    const april = await invoiceOf('2026-04');
    const approve = (effectiveOn: string) =>
      owner.post(`/invoices/${april.id}/approve-counts`, {
        changes: [{ agreementLineId: april.countChanges[0].agreementLineId, quantity: 30, effectiveOn }],
      });
    const early = await approve('2026-02-28');
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].path).toEqual(['changes', 0, 'effectiveOn']);

    const approved = await ok(approve('2026-03-17'));
    const lines = approved.lines.filter((l: Line) => l.kind === 'recurring');
    // 30 for April, and 5 more for 17–31 March: 5 × $120 × 15 ÷ 31 = $290.32.
    expect(lines.map((l: Line) => [l.quantity, l.amountCents])).toEqual([
      [30, 360_000],
      [5, 29_032],
    ]);
    expect(lines[1].description).toBe('Managed workstation — March 2026, 25 → 30 from 2026-03-17');
    expect(lines[1].detail).toBe('Added for 15 of 31 days');

    // May bills 30 with no adjustment; a drop to 20 from 11 April is credited on May's invoice.
    await ok(owner.post(`/invoices/${april.id}/finalize`));
    await setCount(20);
    const may = await invoiceOf('2026-05');
    const lowered = await ok(
      owner.post(`/invoices/${may.id}/approve-counts`, {
        changes: [
          { agreementLineId: may.countChanges[0].agreementLineId, quantity: 20, effectiveOn: '2026-04-11' },
        ],
      }),
    );
    expect(
      lowered.lines.filter((l: Line) => l.kind === 'recurring').map((l: Line) => [l.quantity, l.amountCents]),
    ).toEqual([
      [20, 240_000],
      // 10 fewer for 11–30 April: −10 × $120 × 20 ÷ 30 = −$800.00, with the line's sales tax.
      [-10, -80_000],
    ]);
    const june = await invoiceOf('2026-06');
    expect(june.lines.filter((l: Line) => l.kind === 'recurring')).toHaveLength(1);
  });
});

describe('credit carried forward', () => {
  it('stops an invoice whose credits exceed its charges at zero, and takes the rest off the next one', async () => {
    const { owner, managed, workstation, invoiceOf, approveAll, log, workType } = await setUp();
    const march = await approveAll(await invoiceOf('2026-03'));
    await ok(owner.post(`/invoices/${march.id}/finalize`));
    // Every workstation went on 11 March: April bills none and credits 25 for 11–31 March.
    await ok(
      owner.patch(`/agreements/${managed.id}`, {
        recurringLines: [{ catalogItemId: workstation.id, quantity: 0, unitPriceCents: 12_000 }],
      }),
    );
    const draft = await invoiceOf('2026-04');
    const april = await ok(
      owner.post(`/invoices/${draft.id}/approve-counts`, {
        changes: [
          { agreementLineId: draft.countChanges[0].agreementLineId, quantity: 0, effectiveOn: '2026-03-11' },
        ],
      }),
    );
    // −25 × $120 × 21 ÷ 31 = −$2,032.26, and its sales tax −$167.66.
    expect(april.lines.map((l: Line) => [l.kind, l.amountCents, l.taxCents])).toEqual([
      ['recurring', -203_226, -16_766],
      ['credit_carried', 219_992, 0],
    ]);
    expect(april).toMatchObject({ totalCents: 0 });
    expect(april.lines[1].description).toBe('Credit carried to the next invoice');
    await ok(owner.post(`/invoices/${april.id}/finalize`));

    // May bills April's project work (3 h at $150), all of it taken off the carried credit.
    await log({ startedAt: '2026-04-14T15:00:00Z', minutes: 180, workTypeId: workType('Project') });
    const may = await invoiceOf('2026-05');
    expect(may.lines.map((l: Line) => [l.kind, l.amountCents])).toEqual([
      ['labour', 45_000],
      ['credit_carried', -45_000],
    ]);
    expect(may.lines[1].description).toBe('Credit carried forward from INV-1002');
    expect(may.totalCents).toBe(0);
    await ok(owner.post(`/invoices/${may.id}/finalize`));
    // What is left still waits for June's work.
    await log({ startedAt: '2026-05-05T15:00:00Z', minutes: 60, workTypeId: workType('Project') });
    const june = await invoiceOf('2026-06');
    expect(june.lines.at(-1)).toMatchObject({ kind: 'credit_carried', amountCents: -15_000 });
  });
});

describe('unpriced time', () => {
  it('keeps a draft with billable time at no rate from being finalized until it is priced', async () => {
    const { owner, workType } = await setUp();
    const walkIn = await ok(owner.post('/clients', { name: 'Walk-in customer' }), 201);
    const ticket = await ok(
      owner.post('/tickets', { clientId: walkIn.id, title: 'Laptop will not boot', priority: 'P3' }),
      201,
    );
    const entry = await ok(
      owner.post(`/tickets/${ticket.id}/time-entries`, {
        note: 'Reinstalled the OS',
        workTypeId: workType('Remote support'),
        startedAt: '2026-02-10T15:00:00Z',
        minutes: 90,
      }),
      201,
    );
    const run = await ok(owner.post('/invoices/runs', { period: '2026-03', clientIds: [walkIn.id] }));
    const draft = await ok(owner.get(`/invoices/${run.results[0].invoiceId}`));
    expect(draft).toMatchObject({ unpricedMinutes: 90, totalCents: 0 });
    expect(draft.lines[0].detail).toContain('no rate to bill at');

    const refused = await owner.post(`/invoices/${draft.id}/finalize`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invoice.unpriced');
    expect(refused.body.error.message).toContain('1.5 hours of billable time has no rate');
    expect((await ok(owner.get(`/invoices/${draft.id}`))).status).toBe('draft');

    await ok(
      owner.put(`/time-entries/${entry.id}/billing`, {
        override: { outcome: 'absorbed', reason: 'Goodwill for a new customer' },
      }),
    );
    const rebuilt = await ok(owner.post(`/invoices/${draft.id}/rebuild`));
    expect(rebuilt.unpricedMinutes).toBe(0);
    expect((await ok(owner.post(`/invoices/${draft.id}/finalize`))).status).toBe('finalized');
  });
});

describe('runs', () => {
  it('make one invoice per client and month when two start at once', async () => {
    const { owner, client } = await setUp();
    const both = await Promise.all([
      owner.post('/invoices/runs', { period: '2026-03' }),
      owner.post('/invoices/runs', { period: '2026-03' }),
    ]);
    for (const response of both) expect(response.status).toBe(200);
    const invoices = (await owner.get(`/invoices?clientId=${client.id}&period=2026-03`)).body.items;
    expect(invoices).toHaveLength(1);
    const outcomes = both.flatMap((r) => r.body.results.map((x: { outcome: string }) => x.outcome)).sort();
    expect(outcomes).toEqual(['created', 'rebuilt']);
  });

  it('report a client whose invoice the database refuses, and bill the others', async () => {
    const { owner, client, workstation } = await setUp();
    const other = await ok(owner.post('/clients', { name: 'Fabrikam' }), 201);
    await ok(
      owner.post('/agreements', {
        clientId: other.id,
        type: 'managed',
        name: 'Managed 2026',
        startsOn: '2026-01-01',
        hourlyRateCents: 15_000,
        recurringLines: [{ catalogItemId: workstation.id, quantity: 5, unitPriceCents: 12_000 }],
      }),
      201,
    );
    // The real database refuses Fabrikam's invoice, as it would a row that breaks a rule.
    const { db } = t.handle;
    await db.execute(
      sql.raw(`create function refuse_fabrikam() returns trigger language plpgsql as $$
        begin raise exception 'refused for the test'; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger refuse_fabrikam before insert on invoices for each row
        when (new.client_id = '${other.id}') execute function refuse_fabrikam()`),
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const result = await ok(
        owner.post('/invoices/runs', { period: '2026-03', clientIds: [client.id, other.id] }),
      );
      const byName = Object.fromEntries(result.results.map((r: { clientName: string }) => [r.clientName, r]));
      expect(byName.Contoso).toMatchObject({ outcome: 'created' });
      expect(byName.Fabrikam).toMatchObject({
        outcome: 'failed',
        invoiceId: null,
        message: 'The invoice could not be built; see the server log.',
      });
      expect(logged).toHaveBeenCalled();
      const invoices = (await owner.get('/invoices?period=2026-03')).body.items;
      expect(invoices.map((i: { clientName: string }) => i.clientName)).toEqual(['Contoso']);
    } finally {
      logged.mockRestore();
      await db.execute(sql.raw('drop trigger refuse_fabrikam on invoices'));
      await db.execute(sql.raw('drop function refuse_fabrikam()'));
    }
  });

  it('refuses a month that is not one and clients that do not exist, changing nothing', async () => {
    const { owner, client } = await setUp();
    const month = await owner.post('/invoices/runs', { period: '2026-13' });
    expect(month.status).toBe(400);
    const missing = await owner.post('/invoices/runs', {
      period: '2026-03',
      clientIds: [client.id, '0190f0f0-0000-7000-8000-000000000000'],
    });
    expect(missing.status).toBe(400);
    expect((await owner.get('/invoices')).body.items).toEqual([]);
  });

  it('reports nothing to bill for a client with nothing in the month', async () => {
    const { owner, client } = await setUp();
    const result = await ok(owner.post('/invoices/runs', { period: '2025-06', clientIds: [client.id] }));
    expect(result.results[0]).toMatchObject({ outcome: 'nothing_to_bill', invoiceId: null });
  });
});

describe('exports', () => {
  it('download the invoice as a PDF and the month as a Xero CSV of what was finalized', async () => {
    const { owner, log, invoiceOf, workType, approveAll } = await setUp();
    await log({ startedAt: '2026-02-10T15:00:00Z', minutes: 60, workTypeId: workType('Project') });
    const draft = await approveAll(await invoiceOf('2026-03'));
    const empty = await owner.get('/invoices/export?period=2026-03&format=xero');
    expect(empty.status).toBe(200);
    expect(empty.body).not.toContain('INV-');
    await ok(owner.post(`/invoices/${draft.id}/finalize`));

    const pdf = await owner.get(`/invoices/${draft.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('INV-1001.pdf');
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);

    const xero = await owner.get('/invoices/export?period=2026-03&format=xero');
    expect(xero.headers.get('content-disposition')).toContain('invoices-2026-03-xero.csv');
    const rows = String(xero.body).trim().split('\r\n');
    expect(rows[0]).toContain('*InvoiceNumber');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('INV-1001');
    expect(rows[1]).toContain('Contoso');

    const bad = await owner.get('/invoices/export?period=2026-03&format=sage');
    expect(bad.status).toBe(400);
  });
});
