// A vendor's scorecard: how it works with the MSP at one client or at all of them, month by month —
// changes outside approved windows against changes it asked for, the incidents they opened, the MSP's
// time and cost on those, and where its paperwork stands.
import { z } from 'zod';
import { engagementRulesSchema, loaStatuses } from './vendor-terms.ts';

export const SCORECARD_MONTHS = 12;

export const scorecardQuerySchema = z.object({
  /** One client's scorecard; all the clients you can see without it. */
  clientId: z.uuid({ message: 'Not a valid client id' }).optional(),
  months: z.coerce.number().int().min(1).max(36).default(6),
});
export type ScorecardQuery = z.infer<typeof scorecardQuerySchema>;

const figures = {
  /** Changes attributed to the vendor that fell outside an approved window. */
  changesOutsideWindows: z.number().int(),
  /** Changes of the vendor's inside an approved window of its own requests. */
  authorizedChanges: z.number().int(),
  changeRequests: z.number().int(),
  /** Incidents opened for the vendor's changes outside windows. */
  incidents: z.number().int(),
  /** The MSP's time on those incidents. */
  minutes: z.number().int(),
  /** What that time cost the MSP at its staff cost rates; null for roles that may not see costs. */
  costCents: z.number().int().nullable(),
};

export const scorecardSchema = z.object({
  vendorId: z.uuid(),
  vendorName: z.string(),
  clientId: z.uuid().nullable(),
  /** The first day of the first month counted (UTC). */
  from: z.iso.date(),
  totals: z.object(figures),
  /** Oldest first, every month present. */
  months: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), ...figures })),
  /** Per client the vendor is engaged at: its paperwork and its figures over the period. */
  clients: z.array(
    z.object({
      clientId: z.uuid(),
      clientName: z.string(),
      loaStatus: z.enum(loaStatuses).nullable(),
      rules: engagementRulesSchema.shape.status,
      ...figures,
    }),
  ),
});
export type Scorecard = z.infer<typeof scorecardSchema>;
