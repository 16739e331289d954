// Credit notes: a finalized invoice is never changed; what it over-billed is credited by a credit note that
// names the invoice's lines it reduces, with each line's tax code, and takes the next gapless credit note
// number. A line is never credited beyond its amount, so an invoice never goes below zero.
import { z } from 'zod';
import { currencySchema } from '../money.ts';
import { invoiceTaxSchema, periodSchema } from './invoices.ts';

export const creditNoteLineSchema = z.object({
  id: z.uuid(),
  invoiceLineId: z.uuid(),
  description: z.string(),
  /** What is credited for the line (positive), before tax (after it, when the invoice's prices include tax). */
  amountCents: z.number().int(),
  taxCodeId: z.uuid().nullable(),
  taxCodeName: z.string().nullable(),
  taxRateBasisPoints: z.number().int(),
  taxCents: z.number().int(),
});
export type CreditNoteLine = z.infer<typeof creditNoteLineSchema>;

export const creditNoteSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  invoiceId: z.uuid(),
  invoiceNumber: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  currency: currencySchema,
  issuedOn: z.iso.date(),
  reason: z.string(),
  /** Positive: what the client is credited. */
  subtotalCents: z.number().int(),
  taxCents: z.number().int(),
  totalCents: z.number().int(),
});
export type CreditNoteSummary = z.infer<typeof creditNoteSummarySchema>;

export const creditNoteSchema = creditNoteSummarySchema.extend({
  pricesIncludeTax: z.boolean(),
  /** As its invoice: a tax-exempt client's credit carries no tax. */
  taxExempt: z.boolean(),
  taxes: z.array(invoiceTaxSchema),
  lines: z.array(creditNoteLineSchema),
  issuedByName: z.string().nullable(),
});
export type CreditNote = z.infer<typeof creditNoteSchema>;

export const creditNoteInputSchema = z.strictObject({
  reason: z.string().trim().min(1, 'Say why the invoice is credited').max(1000),
  lines: z
    .array(
      z.strictObject({
        invoiceLineId: z.uuid(),
        amountCents: z.number().int().min(1, 'Credit at least one cent').max(1_000_000_000_00),
      }),
    )
    .min(1, 'Choose at least one line to credit')
    .max(500)
    .refine(
      (lines) => new Set(lines.map((l) => l.invoiceLineId)).size === lines.length,
      'Each line can be credited once per credit note',
    ),
});
export type CreditNoteInput = z.infer<typeof creditNoteInputSchema>;

export const creditNoteListQuerySchema = z.object({
  /** Credit notes issued in the month. */
  period: periodSchema.optional(),
  invoiceId: z.uuid().optional(),
  clientId: z.uuid().optional(),
});
export type CreditNoteListQuery = z.infer<typeof creditNoteListQuerySchema>;

export const creditNoteExportFormats = ['xero', 'plain'] as const;
export const creditNoteExportQuerySchema = z.object({
  period: periodSchema,
  format: z.enum(creditNoteExportFormats),
});
