// Time on tickets: work types (an editable list) and time entries with their edit history.
import { z } from 'zod';
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
  cause: z.enum(timeCauses).default('normal'),
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
  /** 1 when logged, +1 on each edit. */
  revision: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

export const timeEntryListSchema = z.object({
  items: z.array(timeEntrySchema),
  totalMinutes: z.number().int(),
});

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
