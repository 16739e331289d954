import { describe, expect, it } from 'vitest';
import { type ApiResponse, startTestApp } from '../../../../test/http.ts';

const t = await startTestApp();

async function ok(response: Promise<ApiResponse>, status = 200) {
  const settled = await response;
  expect(settled.status, JSON.stringify(settled.body)).toBe(status);
  return settled.body;
}

/** Contoso's March invoice, finalized: 25 managed workstations at $120 under 8.25 % sales tax. */
async function setUp() {
  const { owner, member } = await t.newTenant();
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
  await ok(
    owner.post('/agreements', {
      clientId: client.id,
      type: 'managed',
      name: 'Managed 2026',
      startsOn: '2026-01-01',
      isClientDefault: true,
      hourlyRateCents: 15_000,
      recurringLines: [{ catalogItemId: workstation.id, quantity: 25, unitPriceCents: 12_000 }],
    }),
    201,
  );
  const run = await ok(owner.post('/invoices/runs', { period: '2026-03', clientIds: [client.id] }));
  const draft = await ok(owner.get(`/invoices/${run.results[0].invoiceId}`));
  const changes = draft.countChanges.map((c: { agreementLineId: string; quantity: number }) => ({
    agreementLineId: c.agreementLineId,
    quantity: c.quantity,
  }));
  await ok(owner.post(`/invoices/${draft.id}/approve-counts`, { changes }));
  const invoice = await ok(owner.post(`/invoices/${draft.id}/finalize`));
  const line = invoice.lines.find((l: { kind: string }) => l.kind === 'recurring');
  const credit = (amountCents: number, reason = 'Five workstations were retired on 1 March') =>
    owner.post(`/invoices/${invoice.id}/credit-notes`, {
      reason,
      lines: [{ invoiceLineId: line.id, amountCents }],
    });
  return { owner, member, client, invoice, line, credit };
}

describe('credit notes', () => {
  it('credit a finalized line with its tax code and their own gapless numbers; the invoice shows what is left', async () => {
    const { owner, invoice, line, credit } = await setUp();
    expect(invoice).toMatchObject({ number: 'INV-1001', subtotalCents: 300_000, taxCents: 24_750 });

    const first = await ok(credit(60_000), 201);
    expect(first).toMatchObject({
      number: 'CN-1001',
      invoiceNumber: 'INV-1001',
      subtotalCents: 60_000,
      taxCents: 4_950,
      totalCents: 64_950,
      lines: [{ invoiceLineId: line.id, taxCodeName: 'Sales tax', taxRateBasisPoints: 825, taxCents: 4_950 }],
    });
    const second = await ok(credit(12_000, 'One more workstation retired'), 201);
    expect(second.number).toBe('CN-1002');

    const after = await ok(owner.get(`/invoices/${invoice.id}`));
    expect(after.creditedCents).toBe(64_950 + 12_990);
    expect(after.creditNotes.map((n: { number: string }) => n.number)).toEqual(['CN-1001', 'CN-1002']);
    expect(after.lines.find((l: { id: string }) => l.id === line.id).creditedCents).toBe(72_000);
    // The invoice itself never changes.
    expect(after).toMatchObject({ status: 'finalized', totalCents: invoice.totalCents });
  });

  it('never credit a line beyond what is left of it, and a refusal takes no number', async () => {
    const { owner, invoice, credit } = await setUp();
    await ok(credit(250_000), 201);
    const over = await credit(50_001);
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('credit_note.exceeds_invoice');
    expect(over.body.error.message).toContain('$500.00 left to credit');
    expect(over.body.error.details).toMatchObject({ creditableCents: 50_000 });
    const rest = await ok(credit(50_000), 201);
    expect(rest.number).toBe('CN-1002');
    expect((await ok(owner.get(`/credit-notes?invoiceId=${invoice.id}`))).items).toHaveLength(2);
  });

  it('refuse drafts, lines of other invoices and bad input, changing nothing', async () => {
    const { owner, client, line, invoice } = await setUp();
    const run = await ok(owner.post('/invoices/runs', { period: '2026-04', clientIds: [client.id] }));
    const draftId = run.results[0].invoiceId;
    const onDraft = await owner.post(`/invoices/${draftId}/credit-notes`, {
      reason: 'Goodwill',
      lines: [{ invoiceLineId: line.id, amountCents: 100 }],
    });
    expect(onDraft.status).toBe(409);
    expect(onDraft.body.error.code).toBe('invoice.not_finalized');

    const draft = await ok(owner.get(`/invoices/${draftId}`));
    const foreign = await owner.post(`/invoices/${invoice.id}/credit-notes`, {
      reason: 'Goodwill',
      lines: [{ invoiceLineId: draft.lines[0].id, amountCents: 100 }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toEqual(['lines', 0, 'invoiceLineId']);

    for (const body of [
      { reason: '', lines: [{ invoiceLineId: line.id, amountCents: 100 }] },
      { reason: 'Goodwill', lines: [] },
      { reason: 'Goodwill', lines: [{ invoiceLineId: line.id, amountCents: 0 }] },
      {
        reason: 'Goodwill',
        lines: [
          { invoiceLineId: line.id, amountCents: 100 },
          { invoiceLineId: line.id, amountCents: 100 },
        ],
      },
    ]) {
      const bad = await owner.post(`/invoices/${invoice.id}/credit-notes`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect((await ok(owner.get('/credit-notes'))).items).toEqual([]);
  });

  it('keep their invoice from being voided, and are read by billing but not issued by technicians', async () => {
    const { owner, member, invoice, credit } = await setUp();
    const note = await ok(credit(12_000), 201);
    const voided = await owner.post(`/invoices/${invoice.id}/void`, { reason: 'Wrong client' });
    expect(voided.status).toBe(409);
    expect(voided.body.error.code).toBe('invoice.credited');
    expect(voided.body.error.message).toContain('CN-1001');
    const technician = await member('technician');
    expect((await technician.get(`/credit-notes/${note.id}`)).status).toBe(403);
  });

  it('print as a PDF and export as Xero credit notes and plain CSV', async () => {
    const { owner, credit } = await setUp();
    const note = await ok(credit(12_000), 201);
    const pdf = await owner.get(`/credit-notes/${note.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toContain('CN-1001.pdf');
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);

    const period = note.issuedOn.slice(0, 7);
    const xero = String((await owner.get(`/credit-notes/export?period=${period}&format=xero`)).body);
    const [header, row] = xero.trim().split('\r\n');
    expect(header).toContain('*CreditNoteNumber');
    expect(header).toContain('*CreditNoteDate');
    expect(row).toContain('CN-1001');
    expect(row).toContain('Credits INV-1001');
    expect(row).toContain('120.00');
    expect(row).toContain('Sales tax');
    const plain = String((await owner.get(`/credit-notes/export?period=${period}&format=plain`)).body);
    expect(plain.trim().split('\r\n')).toHaveLength(2);
    expect((await owner.get(`/credit-notes/export?period=${period}&format=sage`)).status).toBe(400);
  });
});
