// Sample invoices for the export tests, built the way the invoice run builds them: each line's tax and the
// invoice's totals come from computeTaxes, so they add up like a real invoice's.
import type { Invoice, InvoiceLine } from '../../../../shared/api/invoices.ts';
import { computeTaxes } from '../../../../shared/billing/invoice-math.ts';

/** A valid UUID that reads as a counter, so a failing test's data is easy to follow. */
export function fixtureId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export const gst = { taxCodeId: fixtureId(9001), taxCodeName: 'GST', taxRateBasisPoints: 1000 };
export const noTax = { taxCodeId: null, taxCodeName: null, taxRateBasisPoints: 0 };

let nextLineId = 1;

/** A line; amount and value default to quantity × unit price, the tax code to GST 10%. */
export function buildLine(overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  const quantity = overrides.quantity ?? 1;
  const unitPriceCents = overrides.unitPriceCents ?? 10_000;
  const amountCents = overrides.amountCents ?? Math.round(quantity * unitPriceCents);
  return {
    id: fixtureId(100_000 + nextLineId++),
    position: 0,
    kind: 'recurring',
    description: 'Managed workstation — December 2026',
    detail: null,
    quantity,
    unit: 'device',
    unitPriceCents,
    amountCents,
    creditedCents: 0,
    valueCents: overrides.valueCents ?? amountCents,
    ...gst,
    taxCents: 0,
    agreementId: fixtureId(2001),
    agreementName: 'Managed services',
    ticketId: null,
    ticketNumber: null,
    catalogItemId: null,
    periodStart: '2026-12-01',
    periodEnd: '2026-12-31',
    timeEntryIds: [],
    costCents: 0,
    ...overrides,
  };
}

type InvoiceOverrides = Partial<Omit<Invoice, 'lines'>> & { lines?: InvoiceLine[] };

/**
 * A finalized December 2026 invoice for Northwind Traders. Positions, each line's share of tax, the taxes
 * per code and the totals are computed from the lines (after the overrides' pricing options) unless the
 * overrides set them.
 */
export function buildInvoice(overrides: InvoiceOverrides = {}): Invoice {
  const lines = (overrides.lines ?? typicalLines()).map((line, position) => ({ ...line, position }));
  const pricesIncludeTax = overrides.pricesIncludeTax ?? false;
  const taxExempt = overrides.taxExempt ?? false;
  const totals = computeTaxes(
    lines.map((line) => ({
      amountCents: line.amountCents,
      taxCodeId: line.taxCodeId,
      taxName: line.taxCodeName ?? 'No tax',
      rateBasisPoints: line.taxRateBasisPoints,
    })),
    { pricesIncludeTax, taxExempt },
  );
  const status = overrides.status ?? 'finalized';
  const isFinal = status !== 'draft';
  return {
    id: fixtureId(1),
    number: isFinal ? 'INV-0042' : null,
    clientId: fixtureId(3001),
    clientName: 'Northwind Traders',
    period: '2026-12',
    status,
    creditNotes: [],
    creditedCents: 0,
    unpricedMinutes: 0,
    currency: 'USD',
    issuedOn: isFinal ? '2026-12-01' : null,
    dueOn: isFinal ? '2026-12-31' : null,
    subtotalCents: totals.subtotalCents,
    taxCents: totals.taxCents,
    totalCents: totals.totalCents,
    pendingCountChanges: 0,
    builtAt: '2026-11-30T22:15:00.000Z',
    paymentTermsDays: 30,
    pricesIncludeTax,
    taxExempt,
    taxExemptionReference: taxExempt ? 'EXEMPT-CERT-7781' : null,
    labourThrough: '2026-12-01',
    taxes: totals.taxes.map((tax) => ({ ...tax })),
    countChanges: [],
    finalizedAt: isFinal ? '2026-12-01T09:30:00.000Z' : null,
    finalizedByName: isFinal ? 'Billing Person' : null,
    voidedAt: status === 'void' ? '2026-12-03T10:00:00.000Z' : null,
    voidReason: status === 'void' ? 'Billed to the wrong client' : null,
    ...overrides,
    lines: lines.map((line, index) => ({ ...line, taxCents: totals.lineTaxCents[index]! })),
  };
}

/** One of each kind an MSP's monthly invoice usually has, a $0 block draw and a credit among them. */
export function typicalLines(): InvoiceLine[] {
  return [
    buildLine({ quantity: 25, unitPriceCents: 4_500, detail: null }),
    buildLine({
      kind: 'recurring',
      description: 'Managed server — December 2026',
      detail: '15 of 31 days, 2026-12-17 to 2026-12-31',
      quantity: 2,
      unitPriceCents: 15_000,
      amountCents: 14_516,
      valueCents: 14_516,
    }),
    buildLine({
      kind: 'resale',
      description: 'Microsoft 365 Business Premium — December 2026',
      quantity: 25,
      unit: 'user',
      unitPriceCents: 2_200,
      costCents: 45_000,
    }),
    buildLine({
      kind: 'labour',
      description: '#1042 Printer on the second floor drops off the network',
      detail: 'Managed services: billable (after hours ×1.5)',
      quantity: 1.3333,
      unit: 'hour',
      unitPriceCents: 22_500,
      amountCents: 30_000,
      valueCents: 30_000,
      periodStart: null,
      periodEnd: null,
      ticketId: fixtureId(4001),
      ticketNumber: 1042,
    }),
    buildLine({
      kind: 'block_usage',
      description: '#1043 New starter laptop set-up',
      detail: 'Block of hours: drawn from the block',
      quantity: 2.5,
      unit: 'hour',
      unitPriceCents: 0,
      amountCents: 0,
      valueCents: 37_500,
      periodStart: null,
      periodEnd: null,
    }),
    buildLine({
      kind: 'service_credit',
      description: 'Service credit: resolution target missed on #1017',
      detail: 'SLA penalty schedule, priority 1',
      quantity: 1,
      unit: 'each',
      unitPriceCents: -5_000,
      amountCents: -5_000,
      valueCents: -5_000,
    }),
  ];
}

/** `count` labour lines with long-ish subjects and details, enough to run an invoice over pages. */
export function manyLines(count: number): InvoiceLine[] {
  return Array.from({ length: count }, (_, index) =>
    buildLine({
      kind: index % 7 === 3 ? 'covered_work' : 'labour',
      description: `#${2000 + index} Follow-up on user request number ${index + 1}: mailbox, printer and VPN`,
      detail: index % 7 === 3 ? 'Managed services: covered' : 'Break/fix: billable at the standard rate',
      quantity: 0.25 * ((index % 8) + 1),
      unit: 'hour',
      unitPriceCents: index % 7 === 3 ? 0 : 15_000,
      valueCents: 3_750 * ((index % 8) + 1),
      periodStart: null,
      periodEnd: null,
    }),
  );
}

export const sampleParties = {
  organization: { name: 'Bluewave IT Services' },
  client: {
    name: 'Northwind Traders',
    address: '12 Harbour Street\nSuite 400\nWellington 6011\nNew Zealand',
  },
};
