// Service credits: an agreement's penalty schedule (opt-in), and the credits proposed at a month's close
// from its SLA statement — disputed by the MSP within a window citing an exclusion, or standing, and then
// (when the schedule says so) credited on the next invoice.
import { z } from 'zod';
import { monthSchema } from './common.ts';
import { priorities, slaClocks } from './sla-policies.ts';

const cents = z.number().int('Whole cents').min(0, 'Cannot be negative').max(100_000_000_00, 'Too large');

/** report: credits are proposed and shown on statements, never invoiced; invoice: what stands is credited. */
export const creditModes = ['report', 'invoice'] as const;
export type CreditMode = (typeof creditModes)[number];

export const creditTierSchema = z.strictObject({
  /** The tier applies when the month's guaranteed compliance is below this, in percent. */
  belowPercent: z.number().gt(0, 'A threshold above 0 %').max(100, 'A threshold of at most 100 %'),
  /** The credit, as a percentage of the agreement's recurring fees for the month. */
  creditPercent: z
    .number()
    .int('A whole percentage')
    .min(1, 'At least 1 % of the monthly fees')
    .max(100, 'At most 100 % of the monthly fees'),
});

export const penaltyScheduleSchema = z
  .strictObject({
    mode: z.enum(creditModes).default('report'),
    /** The first month whose close proposes credits; left out, the month the schedule is first saved. */
    effectiveFrom: monthSchema.optional(),
    /** A credit per missed guaranteed target, by the priority it was judged at. */
    perBreachCents: z.strictObject({ P1: cents, P2: cents, P3: cents, P4: cents }),
    /** Compliance tiers; empty: credits per breach only. The lowest tier the compliance is below applies. */
    tiers: z.array(creditTierSchema).max(5, 'At most 5 tiers').default([]),
    /**
     * Tiers apply only when at least this many tickets had a guaranteed target decided in the month;
     * below it, per-breach credits apply (one missed P1 of three tickets is not "67 %").
     */
    minimumTickets: z
      .number()
      .int('A whole number of tickets')
      .min(1, 'At least 1 ticket')
      .max(10_000, 'At most 10,000 tickets')
      .default(20),
    /** At most this much credit per month; null: no cap. */
    monthlyCapCents: cents.nullable().default(null),
    /** The agreement makes credits the client's sole remedy for missed targets (statements say so). */
    isSoleRemedy: z.boolean().default(false),
    /** Business days (Monday to Friday) after the close in which the MSP may dispute a proposed credit. */
    disputeWindowDays: z
      .number()
      .int('A whole number of business days')
      .min(0, 'Cannot be negative')
      .max(30, 'At most 30 business days')
      .default(5),
  })
  .refine((s) => new Set(s.tiers.map((t) => t.belowPercent)).size === s.tiers.length, {
    message: 'Each tier needs its own threshold',
    path: ['tiers'],
  });
export type PenaltySchedule = z.infer<typeof penaltyScheduleSchema>;

/** Why a proposed credit does not stand: the breach was not the MSP's to answer for. */
export const creditExclusions = [
  'client_caused',
  'client_vendor',
  'unmanaged_asset',
  'wrong_priority',
] as const;
export type CreditExclusion = (typeof creditExclusions)[number];
export const creditExclusionLabels: Record<CreditExclusion, string> = {
  client_caused: 'Caused by the client',
  client_vendor: "Caused by the client's vendor",
  unmanaged_asset: 'Unmanaged or non-standard asset',
  wrong_priority: 'Raised at the wrong priority',
};

/** proposed: stands unless disputed in the window; disputed: withdrawn by the MSP with a reason. */
export const creditStatuses = ['proposed', 'disputed'] as const;

export const serviceCreditSchema = z.object({
  id: z.uuid(),
  agreementId: z.uuid(),
  month: monthSchema,
  /** breach: one missed target; tier: the month's compliance fell below a tier. */
  kind: z.enum(['breach', 'tier']),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.number().int().nullable(),
  clock: z.enum(slaClocks).nullable(),
  priority: z.enum(priorities).nullable(),
  /** What the schedule gave before the monthly cap. */
  scheduledCents: z.number().int(),
  amountCents: z.number().int(),
  currency: z.string(),
  /** How the amount was reached, in words. */
  explanation: z.string(),
  status: z.enum(creditStatuses),
  /** The last day (YYYY-MM-DD, in the statement's zone) the MSP may dispute it. */
  disputeBy: z.string(),
  dispute: z
    .object({
      exclusion: z.enum(creditExclusions),
      reason: z.string(),
      byName: z.string(),
      at: z.iso.datetime(),
    })
    .nullable(),
  /** The invoice it was credited on, once it has been. */
  invoiceId: z.uuid().nullable(),
  invoiceNumber: z.string().nullable(),
});
export type ServiceCredit = z.infer<typeof serviceCreditSchema>;

export const creditDisputeInputSchema = z.strictObject({
  exclusion: z.enum(creditExclusions),
  reason: z.string().trim().min(1, 'Say why the credit does not stand').max(4000),
});
export type CreditDisputeInput = z.infer<typeof creditDisputeInputSchema>;
