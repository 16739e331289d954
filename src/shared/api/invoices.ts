// Invoices: a month's run per client (recurring fees in advance, labour in arrears), review, finalize with
// a gapless number, void; the organization's billing settings; the count changes billing approves.
import { z } from 'zod';
import { currencySchema } from '../money.ts';

export const invoiceStatuses = ['draft', 'finalized', 'void'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  finalized: 'Finalized',
  void: 'Void',
};

/**
 * What a line bills. Fees come in advance for the invoice's month (recurring and resale fees, a retainer,
 * a block of hours, a project's fixed fee); labour comes in arrears (billable time, overage beyond a block,
 * trip charges); $0 lines show work the client does not pay for (block usage, covered work when the
 * client wants to see it, vendor-caused work absorbed at its value); credits reduce the invoice.
 */
export const invoiceLineKinds = [
  'recurring',
  'resale',
  'retainer',
  'block_purchase',
  'fixed_fee',
  'labour',
  'overage',
  'trip_charge',
  'block_usage',
  'covered_work',
  'absorbed_work',
  'service_credit',
  'credit_carried',
] as const;
export type InvoiceLineKind = (typeof invoiceLineKinds)[number];
export const invoiceLineKindLabels: Record<InvoiceLineKind, string> = {
  recurring: 'Recurring fee',
  resale: 'Resale',
  retainer: 'Retainer',
  block_purchase: 'Block of hours',
  fixed_fee: 'Fixed fee',
  labour: 'Labour',
  overage: 'Overage',
  trip_charge: 'Trip charge',
  block_usage: 'Drawn from block',
  covered_work: 'Covered work',
  absorbed_work: 'Absorbed work',
  service_credit: 'Service credit',
  credit_carried: 'Credit carried forward',
};

export const invoiceUnits = ['hour', 'device', 'user', 'month', 'block', 'visit', 'each'] as const;
export type InvoiceUnit = (typeof invoiceUnits)[number];

/** A month, YYYY-MM (any year; periodSchema also bounds it). */
export const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month, YYYY-MM. */
export const periodSchema = z
  .string()
  .regex(periodPattern, 'Enter a month as YYYY-MM, e.g. 2026-12')
  .refine((period) => period >= '2000-01' && period <= '2199-12', 'Choose a month between 2000 and 2199');

export const invoiceLineSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  kind: z.enum(invoiceLineKinds),
  description: z.string(),
  /** Why the line is what it is: the clause that decided labour, the proration, the count. */
  detail: z.string().nullable(),
  /** Up to four decimals (hours are minutes ÷ 60). */
  quantity: z.number(),
  unit: z.enum(invoiceUnits),
  unitPriceCents: z.number().int(),
  /** What the client pays for the line before tax (after it, when prices include tax); negative for credits. */
  amountCents: z.number().int(),
  /** What the work is worth at its rate; shown on $0 lines so the client sees the work. */
  valueCents: z.number().int(),
  taxCodeId: z.uuid().nullable(),
  taxCodeName: z.string().nullable(),
  taxRateBasisPoints: z.number().int(),
  /** The line's share of its tax code's tax, by largest remainder. */
  taxCents: z.number().int(),
  /** What credit notes have credited of the line so far (never more than its amount). */
  creditedCents: z.number().int(),
  agreementId: z.uuid().nullable(),
  agreementName: z.string().nullable(),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.number().int().nullable(),
  catalogItemId: z.uuid().nullable(),
  /** The dates the line's fee covers (fees) or the work was done in (labour); inclusive. */
  periodStart: z.iso.date().nullable(),
  periodEnd: z.iso.date().nullable(),
  timeEntryIds: z.array(z.uuid()),
  /** Labour cost of the entries or resale cost of the units, for profitability; never shown to clients. */
  costCents: z.number().int(),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const invoiceTaxSchema = z.object({
  taxCodeId: z.uuid().nullable(),
  name: z.string(),
  rateBasisPoints: z.number().int(),
  /** The lines' amounts under the code (before tax, or with it when prices include tax). */
  amountCents: z.number().int(),
  taxCents: z.number().int(),
});
export type InvoiceTax = z.infer<typeof invoiceTaxSchema>;

/** A recurring count that changed since billing last approved it; the invoice bills the approved one. */
export const countChangeSchema = z.object({
  agreementLineId: z.uuid(),
  agreementId: z.uuid(),
  agreementName: z.string(),
  itemName: z.string(),
  /** null: never approved (a new line). */
  approvedQuantity: z.number().int().nullable(),
  quantity: z.number().int(),
});
export type CountChange = z.infer<typeof countChangeSchema>;

export const invoiceSummarySchema = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  clientId: z.uuid(),
  clientName: z.string(),
  period: z.string(),
  status: z.enum(invoiceStatuses),
  currency: currencySchema,
  issuedOn: z.iso.date().nullable(),
  dueOn: z.iso.date().nullable(),
  subtotalCents: z.number().int(),
  taxCents: z.number().int(),
  totalCents: z.number().int(),
  /** Count changes waiting for billing's approval; finalizing waits for them. */
  pendingCountChanges: z.number().int(),
  builtAt: z.iso.datetime(),
});
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;

export const invoiceSchema = invoiceSummarySchema.extend({
  paymentTermsDays: z.number().int(),
  pricesIncludeTax: z.boolean(),
  taxExempt: z.boolean(),
  taxExemptionReference: z.string().nullable(),
  /** Labour up to (not including) this date is in arrears on this invoice; fees cover the month. */
  labourThrough: z.iso.date(),
  /** Billable minutes with no rate to bill at ($0 labour lines): finalizing waits until they are priced. */
  unpricedMinutes: z.number().int(),
  taxes: z.array(invoiceTaxSchema),
  countChanges: z.array(countChangeSchema),
  lines: z.array(invoiceLineSchema),
  finalizedAt: z.iso.datetime().nullable(),
  finalizedByName: z.string().nullable(),
  voidedAt: z.iso.datetime().nullable(),
  voidReason: z.string().nullable(),
  /** Credit notes against the invoice, oldest first, and their total (with tax). */
  creditNotes: z.array(
    z.object({ id: z.uuid(), number: z.string(), issuedOn: z.iso.date(), totalCents: z.number().int() }),
  ),
  creditedCents: z.number().int(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const invoiceListQuerySchema = z.object({
  period: periodSchema.optional(),
  clientId: z.uuid().optional(),
  status: z.enum(invoiceStatuses).optional(),
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuerySchema>;

export const invoiceExportFormats = ['xero', 'quickbooks', 'plain'] as const;
export const invoiceExportQuerySchema = z.object({
  period: periodSchema,
  format: z.enum(invoiceExportFormats),
});

export const invoiceRunInputSchema = z.strictObject({
  period: periodSchema,
  /** Omitted: every client with an agreement in force in the month or unbilled time before it. */
  clientIds: z.array(z.uuid()).min(1).max(5000).optional(),
});
export type InvoiceRunInput = z.infer<typeof invoiceRunInputSchema>;

export const invoiceRunOutcomes = [
  'created',
  'rebuilt',
  'already_finalized',
  'nothing_to_bill',
  'failed',
] as const;
export type InvoiceRunOutcome = (typeof invoiceRunOutcomes)[number];

export const invoiceRunResultSchema = z.object({
  period: z.string(),
  results: z.array(
    z.object({
      clientId: z.uuid(),
      clientName: z.string(),
      outcome: z.enum(invoiceRunOutcomes),
      invoiceId: z.uuid().nullable(),
      totalCents: z.number().int().nullable(),
      message: z.string().nullable(),
    }),
  ),
});
export type InvoiceRunResult = z.infer<typeof invoiceRunResultSchema>;

export const approveCountsInputSchema = z.strictObject({
  /** The changes as the reviewer saw them; a count that moved again since is refused. */
  changes: z
    .array(
      z.strictObject({
        agreementLineId: z.uuid(),
        quantity: z.number().int().min(0),
        /**
         * When the new count took effect: a day of the month before the invoice's, whose remaining days the
         * invoice bills (or credits) at the new count, prorated; left out, the invoice's first day (no
         * adjustment).
         */
        effectiveOn: z.iso.date().optional(),
      }),
    )
    .min(1, 'Choose at least one count to approve')
    .max(500),
});
export type ApproveCountsInput = z.infer<typeof approveCountsInputSchema>;

export const voidInvoiceInputSchema = z.strictObject({
  reason: z.string().trim().min(1, 'Say why the invoice is void').max(1000),
});

const prefix = z
  .string()
  .max(20)
  .regex(/^[A-Za-z0-9\-_/.]*$/, 'Use letters, digits and - _ / . only');

export const billingSettingsSchema = z.object({
  invoicePrefix: prefix,
  /** The number the next finalized invoice takes; numbers never skip or repeat. */
  nextInvoiceNumber: z.number().int().min(1).max(999_999_999),
  creditNotePrefix: prefix,
  /** The number the next credit note takes, in its own gapless sequence. */
  nextCreditNoteNumber: z.number().int().min(1).max(999_999_999),
  paymentTermsDays: z.number().int().min(0).max(365),
  /** Prices and amounts on invoices include tax (as in much of Europe and Australia). */
  pricesIncludeTax: z.boolean(),
  /** The accounting system's revenue account for exported lines (Xero needs one on every line). */
  revenueAccountCode: z.string().trim().min(1, 'Enter an account code').max(20),
  /** Clients whose margin falls below this percent are flagged on profitability. */
  marginThresholdPercent: z.number().int().min(-100).max(100),
});
export type BillingSettings = z.infer<typeof billingSettingsSchema>;

export const billingSettingsUpdateSchema = billingSettingsSchema.partial().strict();
export type BillingSettingsUpdate = z.infer<typeof billingSettingsUpdateSchema>;
