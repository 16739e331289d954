// The vendor portal: a vendor's own people sign in and see only their vendor's engagements, Letters of
// Agency, rules of engagement, change requests and the changes attributed to it; and the vendor users the
// MSP's staff invite and manage.
import { z } from 'zod';
import { changeRequestSchema } from './change-requests.ts';
import { oneTimeLinkSchema } from './common.ts';
import { passwordSchema } from './identity.ts';
import { engagementRulesSchema, loaStatuses } from './vendor-terms.ts';

// ---- Vendor users (staff manage them) ------------------------------------------------------------

export const vendorUserSchema = z.object({
  /** The membership's id. */
  id: z.uuid(),
  vendorId: z.uuid(),
  name: z.string(),
  email: z.string(),
  active: z.boolean(),
  /** `pending` until the person sets a password through the invitation; `accepted` once they have. */
  invitation: z.enum(['pending', 'accepted']),
  createdAt: z.iso.datetime(),
});
export type VendorUser = z.infer<typeof vendorUserSchema>;

export const vendorUserInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(200),
  email: z.email('Enter an email address').max(320),
});
export type VendorUserInput = z.infer<typeof vendorUserInputSchema>;

export const vendorUserUpdateSchema = z.strictObject({ active: z.boolean() });

/** An invitation link lasts this long. */
export const INVITATION_DAYS = 14;

export const vendorUserCreatedSchema = z.object({
  user: vendorUserSchema,
  /** The invitation link (`{ url, expiresAt }`, shown once); null when the person already has a password. */
  invitation: oneTimeLinkSchema.nullable(),
});
export type VendorUserCreated = z.infer<typeof vendorUserCreatedSchema>;

// ---- Invitations (public: the invited person sets a password) -------------------------------------

export const publicInvitationSchema = z.object({
  mspName: z.string(),
  /** The vendor the person is invited for. */
  vendorName: z.string().nullable(),
  /** The client the person is invited for (the client portal). */
  clientName: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  expiresAt: z.iso.datetime(),
});
export type PublicInvitation = z.infer<typeof publicInvitationSchema>;

export const acceptInvitationSchema = z.strictObject({ password: passwordSchema });
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

// ---- The portal -------------------------------------------------------------------------------------

export const portalEngagementSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  product: z.string(),
  /**
   * The newest Letter of Agency that was not revoked: its status, end date, and whether its signed copy can
   * be downloaded (GET /vendor-portal/loas/{id}/signed-copy); null when there is none.
   */
  loa: z
    .object({
      id: z.uuid(),
      status: z.enum(loaStatuses),
      expiresOn: z.iso.date().nullable(),
      hasSignedCopy: z.boolean(),
    })
    .nullable(),
  rules: engagementRulesSchema.shape.status,
});
export type PortalEngagement = z.infer<typeof portalEngagementSchema>;

export const portalOverviewSchema = z.object({
  mspName: z.string(),
  vendor: z.object({ id: z.uuid(), name: z.string() }),
  engagements: z.array(portalEngagementSchema),
  /** Requests not yet decided, closed or cancelled. */
  openChangeRequests: z.number().int(),
  /** Changes outside an approved window attributed to the vendor in the last 30 days. */
  changesOutsideWindows: z.number().int(),
});
export type PortalOverview = z.infer<typeof portalOverviewSchema>;

/** The rules in force at the engagement's client, and whether this vendor has acknowledged them. */
export const portalRulesSchema = z.object({
  engagementId: z.uuid(),
  clientName: z.string(),
  status: engagementRulesSchema.shape.status,
  rules: z.object({ version: z.number().int(), text: z.string() }).nullable(),
  addendum: z.object({ version: z.number().int(), text: z.string() }).nullable(),
  /** The acknowledgement covering the versions in force, if any. */
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
});
export type PortalRules = z.infer<typeof portalRulesSchema>;

export const portalAssetSchema = z.object({ id: z.uuid(), name: z.string(), type: z.string() });
export type PortalAsset = z.infer<typeof portalAssetSchema>;

/** A request as its vendor sees it: other requests that overlap it are counted, not named. */
export const portalChangeRequestSchema = changeRequestSchema
  .omit({ overlaps: true })
  .extend({ overlapCount: z.number().int() });
export type PortalChangeRequest = z.infer<typeof portalChangeRequestSchema>;

export const portalWithdrawSchema = z.strictObject({
  reason: z.string().trim().min(1, 'Say why the request is withdrawn').max(2_000),
});

/** A change outside an approved window attributed to the vendor, with the evidence. */
export const portalAttributedChangeSchema = z.object({
  id: z.uuid(),
  clientName: z.string(),
  assetName: z.string(),
  /** "Upgraded dotnet-runtime 6.0.25 → 8.0.1". */
  change: z.string(),
  occurredAt: z.iso.datetime(),
  evidence: z.string(),
  /** The incident it opened or was added to. */
  ticketId: z.uuid().nullable(),
  ticketNumber: z.number().int().nullable(),
  /** When the vendor last replied on that incident; null when it has not. */
  repliedAt: z.iso.datetime().nullable(),
});
export type PortalAttributedChange = z.infer<typeof portalAttributedChangeSchema>;

export const portalReplySchema = z.strictObject({
  text: z.string().trim().min(1, 'Write your reply').max(10_000),
});
