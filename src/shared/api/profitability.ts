// Profitability per client, agreement and invoice month, and the dated cost rates of the staff whose time
// it prices. Amounts are minor units of the invoice's currency; nothing here adds two currencies together.
import { z } from 'zod';
import { currencySchema } from '../money.ts';
import { invoiceLineKinds, invoiceStatuses, periodSchema } from './invoices.ts';
import { timeCauses } from './time.ts';

/** The longest range one request may cover, so a league table stays one quick read. */
export const MAX_PROFITABILITY_MONTHS = 24;

/** Months from `from` to `to`, both included (0 or less when `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  const index = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7));
  return index(to) - index(from) + 1;
}

export const costRateSchema = z.object({
  id: z.uuid(),
  membershipId: z.uuid(),
  memberName: z.string(),
  /** Local date from which the rate is in force, until the member's next one. */
  effectiveFrom: z.iso.date(),
  /** What an hour of the member's time costs the organization, in minor units. */
  hourlyCostCents: z.number().int(),
  createdAt: z.string(),
});
export type CostRate = z.infer<typeof costRateSchema>;

export const costRateInputSchema = z.object({
  membershipId: z.uuid({ message: 'Choose a staff member' }),
  effectiveFrom: z.iso
    .date({ message: 'Enter a date as YYYY-MM-DD, e.g. 2026-01-01' })
    .refine((date) => date >= '2000-01-01' && date <= '2199-12-31', 'Choose a date between 2000 and 2199'),
  hourlyCostCents: z
    .number({ message: 'Enter the hourly cost in cents (a whole number)' })
    .int('The hourly cost is whole cents')
    .min(0, 'The hourly cost cannot be negative')
    .max(100_000_000, 'The hourly cost is too large'),
});
export type CostRateInput = z.infer<typeof costRateInputSchema>;

/** A month range, both ends included, at most MAX_PROFITABILITY_MONTHS long; omitted ends mean the last 12 months. */
export const profitabilityRangeQuerySchema = z
  .object({ from: periodSchema.optional(), to: periodSchema.optional() })
  .superRefine(({ from, to }, context) => {
    if (from === undefined || to === undefined) {
      if (from !== undefined || to !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [from === undefined ? 'from' : 'to'],
          message: 'Give both from and to, or neither for the last 12 months',
        });
      }
      return;
    }
    const months = monthsBetween(from, to);
    if (months < 1) context.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
    if (months > MAX_PROFITABILITY_MONTHS) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `Choose at most ${MAX_PROFITABILITY_MONTHS} months (this range has ${months})`,
      });
    }
  });
export type ProfitabilityRangeQuery = z.infer<typeof profitabilityRangeQuerySchema>;

export const profitabilityEntriesQuerySchema = z.object({ period: periodSchema });

const causeFigureSchema = z.object({
  cause: z.enum(timeCauses),
  minutes: z.number().int(),
  costCents: z.number().int(),
});

/** One unit's figures (a client, a month, an agreement), all in one currency. */
export const profitabilityFiguresSchema = z.object({
  /** What the invoices bill before tax (credits reduce it). */
  revenueCents: z.number().int(),
  /** The time's minutes at each member's cost rate in force on the day. */
  labourCostCents: z.number().int(),
  /** The unit cost of resale items billed. */
  resaleCostCents: z.number().int(),
  profitCents: z.number().int(),
  minutesWorked: z.number().int(),
  /** Revenue per hour worked; null with no time. */
  effectiveHourlyRateCents: z.number().int().nullable(),
  /** Profit as a percent of revenue, one decimal; null when there is no revenue. */
  marginPercent: z.number().nullable(),
  billableMinutes: z.number().int(),
  unbillableMinutes: z.number().int(),
  unbillableCostCents: z.number().int(),
  /** Unbillable time by its cause; causes with no time are left out. */
  unbillableByCause: z.array(causeFigureSchema),
  /** Vendor-caused time the organization did not bill: what a rogue vendor cost it. */
  vendorCausedMinutes: z.number().int(),
  vendorCausedCostCents: z.number().int(),
  /** Time by members with no cost rate in force on its day: counted at no cost. */
  minutesWithoutCostRate: z.number().int(),
  /** A draft invoice is part of the figures, so they may still change. */
  includesDraft: z.boolean(),
});
export type ProfitabilityFigures = z.infer<typeof profitabilityFiguresSchema>;

export const profitabilityClientRowSchema = profitabilityFiguresSchema.extend({
  clientId: z.uuid(),
  clientName: z.string(),
  currency: currencySchema,
  /** Margin below the organization's threshold, or costs with no revenue. */
  isFlagged: z.boolean(),
});
export type ProfitabilityClientRow = z.infer<typeof profitabilityClientRowSchema>;

export const profitabilityLeagueSchema = z.object({
  from: z.string(),
  to: z.string(),
  marginThresholdPercent: z.number().int(),
  /** Worst margin first. A client billed in two currencies has a row for each. */
  clients: z.array(profitabilityClientRowSchema),
  /** The range's totals, one per currency. */
  totals: z.array(profitabilityFiguresSchema.extend({ currency: currencySchema })),
});
export type ProfitabilityLeague = z.infer<typeof profitabilityLeagueSchema>;

export const profitabilityMonthSchema = profitabilityFiguresSchema.extend({
  period: z.string(),
  currency: currencySchema,
});
export type ProfitabilityMonth = z.infer<typeof profitabilityMonthSchema>;

export const profitabilityAgreementSchema = profitabilityFiguresSchema.extend({
  /** null: lines and time on no agreement. */
  agreementId: z.uuid().nullable(),
  agreementName: z.string().nullable(),
  currency: currencySchema,
});
export type ProfitabilityAgreement = z.infer<typeof profitabilityAgreementSchema>;

export const clientProfitabilitySchema = z.object({
  clientId: z.uuid(),
  clientName: z.string(),
  /** The client's currency now; months billed in another one carry their own. */
  currency: currencySchema,
  from: z.string(),
  to: z.string(),
  marginThresholdPercent: z.number().int(),
  totals: z.array(profitabilityFiguresSchema.extend({ currency: currencySchema, isFlagged: z.boolean() })),
  /** Every month of the range in the client's currency (zeros where nothing was invoiced), oldest first. */
  months: z.array(profitabilityMonthSchema),
  agreements: z.array(profitabilityAgreementSchema),
});
export type ClientProfitability = z.infer<typeof clientProfitabilitySchema>;

/**
 * How an entry's invoice took it: billed (on a labour or overage line), drawn from a block or retainer,
 * absorbed, covered (shown at $0), or on no time line at all (covered work not shown, MSP rework).
 */
export const entryBillings = ['billed', 'block_draw', 'absorbed', 'covered', 'not_shown'] as const;
export type EntryBilling = (typeof entryBillings)[number];
export const entryBillingLabels: Record<EntryBilling, string> = {
  billed: 'Billed',
  block_draw: 'Drawn from block',
  absorbed: 'Absorbed',
  covered: 'Covered',
  not_shown: 'Not on invoice',
};

export const profitabilityEntrySchema = z.object({
  id: z.uuid(),
  startedAt: z.string(),
  invoiceId: z.uuid(),
  invoiceStatus: z.enum(invoiceStatuses),
  ticketId: z.uuid(),
  ticketNumber: z.number().int(),
  ticketTitle: z.string(),
  staffId: z.uuid(),
  staffName: z.string(),
  minutes: z.number().int(),
  cause: z.enum(timeCauses),
  billing: z.enum(entryBillings),
  isBillable: z.boolean(),
  /** The member's rate in force on the entry's day; null when there is none (cost 0). */
  hourlyCostCents: z.number().int().nullable(),
  costCents: z.number().int(),
  agreementId: z.uuid().nullable(),
  agreementName: z.string().nullable(),
  /** The kinds of the invoice lines that list the entry. */
  lineKinds: z.array(z.enum(invoiceLineKinds)),
});
export type ProfitabilityEntry = z.infer<typeof profitabilityEntrySchema>;

export const profitabilityEntriesSchema = z.object({
  clientId: z.uuid(),
  period: z.string(),
  currency: currencySchema.nullable(),
  items: z.array(profitabilityEntrySchema),
});
export type ProfitabilityEntries = z.infer<typeof profitabilityEntriesSchema>;
