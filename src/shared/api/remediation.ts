// Remediation plans: a formal, time-boxed plan for a relationship that is not working, which ends in a
// recorded decision. One side raises a concern with evidence; the other answers with items (each issue,
// its owner, date and priority); notices — objective events such as a new P1 breach or a missed item
// date — are counted against the limit the plan sets; and the deciding side continues, extends or
// terminates, with a reason. Terminating opens a handover checklist. Client-facing words say "notices".
import { z } from 'zod';
import { localDateSchema } from '../business-time/calendar-schema.ts';

/**
 * client_to_msp: the client's concern about its MSP (the MSP answers, the client decides).
 * msp_to_vendor: the MSP's concern about a client's vendor (the vendor answers; the MSP recommends, the
 * client decides). msp_to_client: the MSP asks the client to bring a vendor under the agreement (the
 * client answers, the MSP decides); filing it records a vendor notice.
 */
export const remediationDirections = ['client_to_msp', 'msp_to_vendor', 'msp_to_client'] as const;
export type RemediationDirection = (typeof remediationDirections)[number];

export type RemediationSide = 'client' | 'msp' | 'vendor';
export const sidesOf: Record<
  RemediationDirection,
  { raises: RemediationSide; answers: RemediationSide; decides: RemediationSide }
> = {
  client_to_msp: { raises: 'client', answers: 'msp', decides: 'client' },
  msp_to_vendor: { raises: 'msp', answers: 'vendor', decides: 'client' },
  msp_to_client: { raises: 'msp', answers: 'client', decides: 'msp' },
};

/** The evidence a concern cites: tickets (breaches, incidents), change requests, detected changes. */
export const evidenceKinds = ['ticket', 'change_request', 'asset_change'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const REMEDIATION_DEFAULTS = { responseDays: 10, timeBoxDays: 60, noticeLimit: 3 } as const;
/** Both sides are reminded this many days before the time box ends. */
export const REMEDIATION_REMINDER_DAYS = [30, 7] as const;

const text = (max: number, required: string) => z.string().trim().min(1, required).max(max);

const planFields = {
  title: text(200, 'Name the concern'),
  concern: text(20_000, 'Describe the concern'),
  evidence: z
    .array(z.strictObject({ kind: z.enum(evidenceKinds), id: z.uuid() }))
    .max(100)
    .default([]),
  /** Days the answering side has to answer with items. */
  responseDays: z.number().int().min(1).max(60).default(REMEDIATION_DEFAULTS.responseDays),
  /** The time box, from filing to the decision. */
  timeBoxDays: z.number().int().min(7).max(365).default(REMEDIATION_DEFAULTS.timeBoxDays),
  /** Notices the plan tolerates: reaching the limit brings the decision forward. */
  noticeLimit: z.number().int().min(1).max(20).default(REMEDIATION_DEFAULTS.noticeLimit),
};

/** Staff file a plan (the client's concern on its behalf, or the MSP's own). */
export const remediationInputSchema = z
  .strictObject({
    clientId: z.uuid(),
    direction: z.enum(remediationDirections),
    /** The vendor concerned; required unless the concern is the client's about the MSP. */
    vendorId: z.uuid().nullable().default(null),
    ...planFields,
  })
  .refine((input) => (input.direction === 'client_to_msp') === (input.vendorId === null), {
    path: ['vendorId'],
    message: 'Name the vendor for a plan about a vendor, and none for the client’s concern about the MSP',
  });
export type RemediationInput = z.input<typeof remediationInputSchema>;

/** A client's admin files the company's concern about its MSP in the portal. */
export const portalRemediationInputSchema = z.strictObject(planFields);
export type PortalRemediationInput = z.input<typeof portalRemediationInputSchema>;

export const itemPriorities = ['high', 'medium', 'low'] as const;

export const remediationItemInputSchema = z.strictObject({
  /** The issue, documented. */
  issue: text(2_000, 'Say what the issue is'),
  /** What will be done about it. */
  action: text(4_000, 'Say what will be done'),
  owner: text(200, 'Name who owns it'),
  dueOn: localDateSchema,
  priority: z.enum(itemPriorities),
});
export type RemediationItemInput = z.infer<typeof remediationItemInputSchema>;

/** The answering side's response: a note and its items (every issue documented). */
export const remediationResponseSchema = z.strictObject({
  text: z.string().trim().max(20_000).default(''),
  items: z.array(remediationItemInputSchema).min(1, 'Answer with at least one item').max(50),
});
export type RemediationResponseInput = z.input<typeof remediationResponseSchema>;

/** Progress on an item, by the answering side. */
export const remediationItemUpdateSchema = z.strictObject({
  status: z.enum(['open', 'done']),
  note: z.string().trim().max(4_000).optional(),
});
export type RemediationItemUpdate = z.infer<typeof remediationItemUpdateSchema>;

export const remediationDecisions = ['continue', 'extend', 'terminate'] as const;
export type RemediationDecision = (typeof remediationDecisions)[number];
export const remediationDecisionLabels: Record<RemediationDecision, string> = {
  continue: 'Continue the relationship',
  extend: 'Extend the plan',
  terminate: 'Terminate',
};

export const remediationDecisionSchema = z
  .strictObject({
    decision: z.enum(remediationDecisions),
    reason: text(4_000, 'Give the reason'),
    /** The new end of the time box; required to extend. */
    extendedTo: localDateSchema.optional(),
  })
  .refine((input) => (input.decision === 'extend') === Boolean(input.extendedTo), {
    path: ['extendedTo'],
    message: 'Give the new end date to extend, and only then',
  });
export type RemediationDecisionInput = z.infer<typeof remediationDecisionSchema>;

/** The MSP's recommendation to the client on a vendor plan. */
export const remediationRecommendationSchema = z.strictObject({
  decision: z.enum(remediationDecisions),
  reason: text(4_000, 'Give the reason'),
});

/** What a handover after termination takes; the data export is one of them. */
export const handoverKeys = [
  'data_export',
  'credentials',
  'documentation',
  'licences_and_domains',
  'agents_removed',
  'final_invoice',
] as const;
export type HandoverKey = (typeof handoverKeys)[number];
export const handoverLabels: Record<HandoverKey, string> = {
  data_export: 'Full export of the client’s data handed over',
  credentials: 'Administrator credentials and passwords handed over',
  documentation: 'Network and systems documentation handed over',
  licences_and_domains: 'Licences, domains and vendor accounts transferred',
  agents_removed: 'Monitoring agents removed',
  final_invoice: 'Final invoice issued',
};
export const handoverParamsSchema = z.object({
  id: z.uuid({ message: 'Not a valid id' }),
  key: z.enum(handoverKeys),
});
export const handoverUpdateSchema = z.strictObject({ done: z.boolean() });

/** Objective events counted against the plan's limit. */
export const noticeKinds = ['p1_breach', 'vendor_incident', 'item_overdue', 'response_overdue'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const remediationPhases = ['awaiting_response', 'in_progress', 'decision_due', 'decided'] as const;
export type RemediationPhase = (typeof remediationPhases)[number];

const decisionRecord = z.object({
  decision: z.enum(remediationDecisions),
  reason: z.string(),
  byName: z.string(),
  /** client: in the portal; staff: the MSP's people (its own decision, or one they recorded). */
  via: z.enum(['portal', 'staff']),
  at: z.iso.datetime(),
  extendedTo: z.iso.date().nullable(),
});

export const remediationPlanSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  direction: z.enum(remediationDirections),
  vendorId: z.uuid().nullable(),
  vendorName: z.string().nullable(),
  title: z.string(),
  concern: z.string(),
  evidence: z.array(z.object({ kind: z.enum(evidenceKinds), id: z.uuid(), label: z.string() })),
  filedAt: z.iso.datetime(),
  filedByName: z.string(),
  responseDueOn: z.iso.date(),
  respondedAt: z.iso.datetime().nullable(),
  respondedByName: z.string().nullable(),
  responseText: z.string().nullable(),
  endsOn: z.iso.date(),
  noticeLimit: z.number().int(),
  /**
   * The notices counted, oldest first: worked out afresh from the tickets, items and dates each time (so
   * both sides always read the same count), up to the decision once there is one.
   */
  notices: z.array(
    z.object({
      kind: z.enum(noticeKinds),
      /** What it is about: a ticket and clock, an item, the plan. */
      ref: z.string(),
      at: z.iso.datetime(),
      label: z.string(),
    }),
  ),
  items: z.array(
    remediationItemInputSchema.extend({
      id: z.uuid(),
      dueOn: z.iso.date(),
      status: z.enum(['open', 'done']),
      doneAt: z.iso.datetime().nullable(),
      note: z.string().nullable(),
    }),
  ),
  phase: z.enum(remediationPhases),
  /** Why the decision is due: the time box ended, or the notices reached the limit. */
  decisionDueBecause: z.enum(['time_box_ended', 'notice_limit_reached']).nullable(),
  recommendation: decisionRecord.omit({ via: true, extendedTo: true }).nullable(),
  /** Every decision, oldest first: extensions, then the last (continue or terminate). */
  decisions: z.array(decisionRecord),
  /** Open once the plan ends in termination. */
  handover: z
    .array(
      z.object({
        key: z.enum(handoverKeys),
        label: z.string(),
        doneAt: z.iso.datetime().nullable(),
        doneByName: z.string().nullable(),
      }),
    )
    .nullable(),
  /** The vendor notice filing a plan to the client recorded. */
  vendorNoticeId: z.uuid().nullable(),
});
export type RemediationPlan = z.infer<typeof remediationPlanSchema>;

export const remediationListQuerySchema = z.object({
  clientId: z.uuid().optional(),
  state: z.enum(['open', 'decided', 'all']).default('open'),
});
