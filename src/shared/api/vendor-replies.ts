// A vendor's reply to an attribution: the MSP sends the vendor a one-time link to the incident its changes
// outside an approved window opened; the vendor reads the changes and the evidence, and answers once. The
// reply goes on the incident's timeline as a public entry, where the client sees it.
import { z } from 'zod';

export const VENDOR_REPLY_LINK_DAYS = 14;

/** What the vendor reads behind a link, without signing in: the evidence, in Accord's own words. */
export const publicAttributionSchema = z.object({
  mspName: z.string(),
  clientName: z.string(),
  vendorName: z.string(),
  ticketNumber: z.number().int(),
  ticketTitle: z.string(),
  changes: z.array(
    z.object({
      assetName: z.string(),
      /** "Upgraded dotnet-runtime 6.0.25 → 8.0.1". */
      change: z.string(),
      occurredAt: z.iso.datetime(),
      /** Why it was tied to the vendor: the account, or the session that was open. */
      evidence: z.string(),
    }),
  ),
  expiresAt: z.iso.datetime(),
});
export type PublicAttribution = z.infer<typeof publicAttributionSchema>;

export const vendorReplyInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(200),
  email: z.email().max(320).nullable().default(null),
  text: z.string().trim().min(1, 'Write your reply').max(10_000),
});
export type VendorReplyInput = z.input<typeof vendorReplyInputSchema>;

/** The `data` of a ticket's `vendor_reply` event (its body is the reply's text). */
export const vendorReplyEventDataSchema = z.object({
  vendorId: z.uuid(),
  vendorName: z.string(),
  name: z.string(),
  email: z.string().nullable(),
});
export type VendorReplyEventData = z.infer<typeof vendorReplyEventDataSchema>;
