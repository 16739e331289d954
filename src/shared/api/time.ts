// Time on tickets: work types (an editable list) and time entries with their edit history.
import { z } from 'zod';
import { timeOutcomes } from './agreements.ts';
import { instantSchema as instant } from './common.ts';

/** Why the work was needed; the agreements issue turns these into billing. */
export const timeCauses = ['normal', 'vendor_caused', 'client_caused', 'msp_rework', 'out_of_scope'] as const;
export type TimeCause = (typeof timeCauses)[number];

export const timeCauseLabels: Record<TimeCause, string> = {
  normal: 'Normal',
  vendor_caused: 'Vendor-caused',
  client_caused: 'Client-caused',
  msp_rework: 'MSP rework',
  out_of_scope: 'Out of scope',
};

/** Seeded for every new organization; admins rename, add and retire them. */
export const defaultWorkTypes = ['Remote support', 'On-site', 'Project', 'Admin', 'Travel'] as const;

export const workTypeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Work at the client's site: agreements' on-site minimums and trip charges apply. */
  isOnSite: z.boolean(),
  position: z.number().int(),
  archived: z.boolean(),
});
export type WorkType = z.infer<typeof workTypeSchema>;

export const workTypeInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  isOnSite: z.boolean().default(false),
});
export const workTypeUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  isOnSite: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  /** Archived work types stay on old entries but cannot be chosen for new ones. */
  archived: z.boolean().optional(),
});

export const timeEntryInputSchema = z.strictObject({
  startedAt: instant,
  /** Whole minutes, at most one day per entry. */
  minutes: z.number().int().min(1).max(1440),
  note: z.string().trim().min(1).max(10_000),
  workTypeId: z.uuid(),
  /** Left out: vendor-caused on a vendor's incident ticket, else normal. */
  cause: z.enum(timeCauses).optional(),
});
export type TimeEntryInput = z.infer<typeof timeEntryInputSchema>;

export const timeEntryUpdateSchema = z.strictObject({
  startedAt: instant.optional(),
  minutes: z.number().int().min(1).max(1440).optional(),
  note: z.string().trim().min(1).max(10_000).optional(),
  workTypeId: z.uuid().optional(),
  cause: z.enum(timeCauses).optional(),
});
export type TimeEntryUpdate = z.infer<typeof timeEntryUpdateSchema>;

export const timeEntrySchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  /** The staff member who did the work (the membership that logged it). */
  staffId: z.uuid(),
  staffName: z.string(),
  startedAt: z.iso.datetime(),
  minutes: z.number().int(),
  note: z.string(),
  workTypeId: z.uuid(),
  workTypeName: z.string(),
  cause: z.enum(timeCauses),
  /** Null follows the ticket's agreement; billing may move an entry to another of the client's. */
  agreementId: z.uuid().nullable(),
  /** The staff member's work role when the time was logged. */
  workRoleId: z.uuid().nullable(),
  /** Billing's decision over the computed classification, kept in the entry's history. */
  billingOverride: z
    .object({ outcome: z.enum(timeOutcomes), reason: z.string(), byId: z.uuid(), at: z.iso.datetime() })
    .nullable(),
  /** 1 when logged, +1 on each edit. */
  revision: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

/** How an entry is billed under its agreement chain (shared/billing/classify-time.ts), in plain words. */
export const timeClassificationSchema = z.object({
  outcome: z.enum(timeOutcomes),
  computedOutcome: z.enum(timeOutcomes),
  agreementId: z.uuid().nullable(),
  agreementName: z.string().nullable(),
  clause: z.string(),
  isVisibleToClient: z.boolean(),
  isShownAsValue: z.boolean(),
  billableMinutes: z.number().int(),
  amountCents: z.number().int(),
  valueCents: z.number().int(),
  tripChargeCents: z.number().int(),
  /** The client's currency. */
  currency: z.string(),
  segments: z.array(
    z.object({
      startedAt: z.iso.datetime(),
      minutes: z.number().int(),
      tier: z.enum(['business', 'after_hours', 'weekend', 'holiday']),
      multiplierPercent: z.number().int(),
      outcome: z.enum(timeOutcomes),
      clause: z.string(),
      billableMinutes: z.number().int(),
      rateCents: z.number().int().nullable(),
      amountCents: z.number().int(),
      drawdownMinutes: z.number().int(),
      drawdownCents: z.number().int(),
      isOverage: z.boolean(),
    }),
  ),
});
export type TimeClassification = z.infer<typeof timeClassificationSchema>;

export const classifiedTimeEntrySchema = timeEntrySchema.extend({
  classification: timeClassificationSchema,
  /** The finalized invoice that billed the entry: it cannot change until that invoice is void. */
  invoice: z.object({ id: z.uuid(), number: z.string() }).nullable(),
});
export type ClassifiedTimeEntry = z.infer<typeof classifiedTimeEntrySchema>;

export const timeEntryListSchema = z.object({
  items: z.array(classifiedTimeEntrySchema),
  totalMinutes: z.number().int(),
});

/** What an entry would come to, while it is being logged or edited (entryId: the entry being edited). */
export const classifyPreviewInputSchema = timeEntryInputSchema.extend({ entryId: z.uuid().optional() });
export type ClassifyPreviewInput = z.infer<typeof classifyPreviewInputSchema>;

/** Billing moves an entry to another agreement of the client (null: the ticket's) or overrides its outcome. */
export const timeEntryBillingInputSchema = z.strictObject({
  agreementId: z.uuid().nullable().optional(),
  override: z
    .strictObject({
      outcome: z.enum(timeOutcomes),
      reason: z.string().trim().min(1, 'Say why the classification is overridden').max(1000),
    })
    .nullable()
    .optional(),
});
export type TimeEntryBillingInput = z.infer<typeof timeEntryBillingInputSchema>;

/** One change to a time entry: what it was before and after, who changed it, when. */
export const timeEntryRevisionSchema = z.object({
  id: z.uuid(),
  change: z.enum(['created', 'updated', 'deleted']),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  at: z.iso.datetime(),
  before: timeEntrySchema.omit({ staffName: true, workTypeName: true }).nullable(),
  after: timeEntrySchema.omit({ staffName: true, workTypeName: true }).nullable(),
});
export const timeEntryHistorySchema = z.object({ items: z.array(timeEntryRevisionSchema) });
