// SLA statements: per agreement and month, how the SLA's targets fared — shared by the server, the OpenAPI
// document, the staff app and the client portal (the client sees the same numbers as the MSP).
import { z } from 'zod';
import { monthSchema } from './common.ts';
import { creditModes, serviceCreditSchema } from './service-credits.ts';
import { priorities, type SlaClockName, slaClocks } from './sla-policies.ts';

export { monthSchema, type SlaClockName, slaClocks };

/** Guaranteed targets hold for managed, standard assets; tickets on others are measured as best effort. */
export const slaBases = ['guaranteed', 'best_effort'] as const;
export type SlaBasis = (typeof slaBases)[number];

/** Why a ticket is measured as best effort: one of the assets it names is … */
export const bestEffortReasons = ['unmanaged', 'non_standard', 'coverage_hold'] as const;
export type BestEffortReason = (typeof bestEffortReasons)[number];

/** A clock due in the month: met, missed, or not yet decided (the month is still running). */
export const clockOutcomes = ['met', 'missed', 'pending'] as const;
export type ClockOutcome = (typeof clockOutcomes)[number];

export const statementParamsSchema = z.object({
  id: z.uuid({ message: 'Not a valid id' }),
  month: monthSchema,
});

const tally = z.object({ met: z.number().int(), missed: z.number().int(), pending: z.number().int() });
export type Tally = z.infer<typeof tally>;

export const statementRowSchema = z.object({
  priority: z.enum(priorities),
  basis: z.enum(slaBases),
  /** Tickets with a clock of this priority due in the month. */
  tickets: z.number().int(),
  firstResponse: tally,
  resolution: tally,
});

/** One clock counted in the month. */
export const statementClockSchema = z.object({
  ticketId: z.uuid(),
  ticketNumber: z.number().int(),
  ticketTitle: z.string(),
  clock: z.enum(slaClocks),
  priority: z.enum(priorities),
  basis: z.enum(slaBases),
  dueAt: z.iso.datetime(),
  /** When the clock stopped (the first response, the resolution); null while it runs. */
  stoppedAt: z.iso.datetime().nullable(),
  outcome: z.enum(clockOutcomes),
  /** Resolution clocks: business minutes paused, by whose side. */
  pausedMinutes: z.object({
    client: z.number().int(),
    vendor: z.number().int(),
    scheduled: z.number().int(),
  }),
});
export type StatementClock = z.infer<typeof statementClockSchema>;

export const breachExplanationSchema = z.object({
  text: z.string(),
  byName: z.string(),
  at: z.iso.datetime(),
});

export const statementBreachSchema = statementClockSchema.extend({
  explanation: breachExplanationSchema.nullable(),
});

/** A clock of an earlier, closed month whose outcome is known differently now: reported here, visibly. */
export const statementCorrectionSchema = z.object({
  /** The closed month the clock was (or should have been) counted in. */
  month: monthSchema,
  ticketId: z.uuid(),
  ticketNumber: z.number().int(),
  ticketTitle: z.string(),
  clock: z.enum(slaClocks),
  priority: z.enum(priorities),
  basis: z.enum(slaBases),
  /** As reported before; null where it was not counted. */
  was: z.enum(clockOutcomes).nullable(),
  /** As it stands now; null where it no longer counts in that month. */
  now: z.enum(clockOutcomes).nullable(),
});
export type StatementCorrection = z.infer<typeof statementCorrectionSchema>;

const percent = z.number().nullable();

/** The figures, computed from the ticket event log as of `asOf`; what a closed statement freezes. */
export const statementFiguresSchema = z.object({
  month: monthSchema,
  /** The zone the month's bounds are read in: the agreement's SLA calendar's. */
  timeZone: z.string(),
  asOf: z.iso.datetime(),
  rows: z.array(statementRowSchema),
  /** Guaranteed clocks only: met ÷ (met + missed), in percent; null when none was decided. */
  compliance: z.object({ firstResponse: percent, resolution: percent }),
  pausedMinutes: z.object({
    client: z.number().int(),
    vendor: z.number().int(),
    scheduled: z.number().int(),
  }),
  clocks: z.array(statementClockSchema),
  corrections: z.array(statementCorrectionSchema),
});
export type StatementFigures = z.infer<typeof statementFiguresSchema>;

export const slaStatementSchema = statementFiguresSchema.extend({
  agreementId: z.uuid(),
  agreementName: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  /** open: live and provisional; closed: frozen at `asOf`. */
  status: z.enum(['open', 'closed']),
  /** Whether the month has ended, so it may be closed. */
  isClosable: z.boolean(),
  /** Who closed it; null while open, or when a scheduled close did. */
  closedByName: z.string().nullable(),
  /** The missed clocks, with the MSP's explanation of each. */
  breaches: z.array(statementBreachSchema),
  /** The agreement's penalty schedule in brief; null: the agreement has no service credits. */
  penalty: z
    .object({
      mode: z.enum(creditModes),
      isSoleRemedy: z.boolean(),
      /** The first month whose close proposes credits. */
      effectiveFrom: monthSchema,
      disputeWindowDays: z.number().int(),
    })
    .nullable(),
  /** The credits the month earned at its close (none while it is open). */
  credits: z.array(serviceCreditSchema),
});
export type SlaStatement = z.infer<typeof slaStatementSchema>;

export const statementListItemSchema = z.object({
  month: monthSchema,
  status: z.enum(['open', 'closed']),
  asOf: z.iso.datetime(),
  compliance: z.object({ firstResponse: percent, resolution: percent }),
  breaches: z.number().int(),
  corrections: z.number().int(),
});
export type StatementListItem = z.infer<typeof statementListItemSchema>;

export const statementListSchema = z.object({
  items: z.array(statementListItemSchema),
  /** The agreement's first month: a first close closes every month from it. */
  firstMonth: monthSchema,
  /** The SLA policy the agreement's tickets are measured under; null: none, so nothing is measured. */
  slaPolicyName: z.string().nullable(),
  /** The zone the months are read in. */
  timeZone: z.string(),
});
export type StatementList = z.infer<typeof statementListSchema>;

export const explanationInputSchema = z.strictObject({
  text: z.string().trim().min(1, 'Say what happened').max(4000),
});

export const explanationParamsSchema = z.object({
  id: z.uuid({ message: 'Not a valid id' }),
  clock: z.enum(slaClocks),
});

/** The recompute check of one closed statement: its stored figures against a fresh computation. */
export const statementCheckSchema = z.object({
  month: monthSchema,
  matches: z.boolean(),
  /** Where they differ, as JSON paths of the figures. */
  differences: z.array(z.string()),
});
export type StatementCheck = z.infer<typeof statementCheckSchema>;
