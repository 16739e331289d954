// The terms vendors work under: a Letter of Agency per engagement, the rules of engagement they
// acknowledge (the MSP's, with a client's addendum), and the vendor notices that tell a client that a
// vendor's changes now cost money.
import { z } from 'zod';
import { localDateSchema } from '../business-time/calendar-schema.ts';

const personName = z.string().trim().min(1, 'Required').max(200);
const optionalTitle = z.string().trim().max(200).nullable().optional();

// ---- Letters of Agency --------------------------------------------------------------------------

/** `expired` is not stored: a signed letter past its end date reads as expired. */
export const loaStatuses = ['draft', 'sent', 'signed', 'expired', 'revoked'] as const;
export type LoaStatus = (typeof loaStatuses)[number];
export const loaStatusLabels: Record<LoaStatus, string> = {
  draft: 'Draft',
  sent: 'Sent for signature',
  signed: 'Signed',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** Signed letters are reminded of this many days before they end (and once more when they have). */
export const LOA_REMINDER_DAYS = [30, 7] as const;
/** The largest signed copy accepted. */
export const LOA_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** What a signed copy may be: checked by content, not by the name or the declared type. */
export const loaFileTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;

/** A draft: the scope is pre-filled with the standard wording when omitted. */
export const loaInputSchema = z.strictObject({
  scope: z.string().trim().min(1, 'Say what the letter authorizes').max(20_000).optional(),
  /** Proposed end of the authorization; set for good when the signed copy arrives. */
  expiresOn: localDateSchema.nullable().default(null),
  signerName: z.string().trim().max(200).nullable().default(null),
  signerTitle: optionalTitle.default(null),
});
export type LoaInput = z.input<typeof loaInputSchema>;

/** Changes to a draft or a sent letter; a signed one is replaced by a new letter, not edited. */
export const loaUpdateSchema = z.strictObject({
  scope: z.string().trim().min(1, 'Say what the letter authorizes').max(20_000).optional(),
  expiresOn: localDateSchema.nullable().optional(),
  signerName: z.string().trim().max(200).nullable().optional(),
  signerTitle: optionalTitle,
});
export type LoaUpdate = z.infer<typeof loaUpdateSchema>;

export const loaSendSchema = z.strictObject({
  /** To whom and how, e.g. "dr.patel@brightsmile.example" or "handed over at the site visit". */
  sentTo: z.string().trim().min(1, 'Say to whom it went').max(320),
});

/** The fields sent with the signed copy (multipart/form-data, with `file`). */
export const loaSignedFieldsSchema = z.strictObject({
  signerName: personName,
  signerTitle: z.string().trim().max(200).optional(),
  signedOn: localDateSchema,
  expiresOn: localDateSchema,
});
export type LoaSignedFields = z.infer<typeof loaSignedFieldsSchema>;

export const reasonSchema = z.strictObject({
  reason: z.string().trim().min(1, 'Give a reason').max(2_000),
});

export const loaSchema = z.object({
  id: z.uuid(),
  engagementId: z.uuid(),
  vendorId: z.uuid(),
  vendorName: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  product: z.string(),
  status: z.enum(loaStatuses),
  scope: z.string(),
  expiresOn: z.iso.date().nullable(),
  signerName: z.string().nullable(),
  signerTitle: z.string().nullable(),
  sentAt: z.iso.datetime().nullable(),
  sentTo: z.string().nullable(),
  signedOn: z.iso.date().nullable(),
  /** The signed copy, served only as a download. */
  file: z.object({ fileName: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
  revokedAt: z.iso.datetime().nullable(),
  revokedReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Loa = z.infer<typeof loaSchema>;

export const loaListQuerySchema = z.object({
  clientId: z.uuid({ message: 'Not a valid client id' }).optional(),
  vendorId: z.uuid({ message: 'Not a valid vendor id' }).optional(),
  engagementId: z.uuid({ message: 'Not a valid engagement id' }).optional(),
  status: z.enum(loaStatuses).optional(),
});
export type LoaListQuery = z.infer<typeof loaListQuerySchema>;

// ---- Rules of engagement ------------------------------------------------------------------------

export const rulesInputSchema = z.strictObject({
  /** The whole text of the new version; a client's addendum may be published empty to withdraw it. */
  text: z.string().trim().max(50_000),
});

export const rulesVersionSchema = z.object({
  id: z.uuid(),
  /** Null for the MSP's own rules; a client's addendum otherwise. */
  clientId: z.uuid().nullable(),
  version: z.number().int(),
  text: z.string(),
  publishedAt: z.iso.datetime(),
  publishedByName: z.string().nullable(),
});
export type RulesVersion = z.infer<typeof rulesVersionSchema>;

export const rulesHistorySchema = z.object({
  current: rulesVersionSchema.nullable(),
  versions: z.array(rulesVersionSchema),
});
export type RulesHistory = z.infer<typeof rulesHistorySchema>;

/** Recorded by staff, given through a one-time link, or by the vendor's person in the vendor portal. */
export const acknowledgementVias = ['staff', 'link', 'portal'] as const;
export type AcknowledgementVia = (typeof acknowledgementVias)[number];

/** Recorded by staff (the vendor acknowledged by mail or on the phone). */
export const acknowledgementInputSchema = z.strictObject({
  name: personName,
  email: z.email().max(320).nullable().default(null),
});

export const acknowledgementSchema = z.object({
  id: z.uuid(),
  engagementId: z.uuid(),
  rulesVersion: z.number().int(),
  addendumVersion: z.number().int().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  via: z.enum(acknowledgementVias),
  acknowledgedAt: z.iso.datetime(),
  /** Whether it covers the versions in force now. */
  isCurrent: z.boolean(),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** Where an engagement stands with the rules: what is in force and what the vendor acknowledged. */
export const engagementRulesSchema = z.object({
  /** `none`: the MSP has published no rules yet, so there is nothing to acknowledge. */
  status: z.enum(['none', 'acknowledged', 'outdated', 'not_acknowledged']),
  rulesVersion: z.number().int().nullable(),
  addendumVersion: z.number().int().nullable(),
  acknowledgements: z.array(acknowledgementSchema),
});
export type EngagementRules = z.infer<typeof engagementRulesSchema>;

export const ACKNOWLEDGEMENT_LINK_DAYS = 14;

/** What the vendor sees behind a link, without signing in. */
export const publicRulesSchema = z.object({
  mspName: z.string(),
  clientName: z.string(),
  vendorName: z.string(),
  product: z.string(),
  rules: z.object({ version: z.number().int(), text: z.string() }),
  addendum: z.object({ version: z.number().int(), text: z.string() }).nullable(),
  expiresAt: z.iso.datetime(),
});
export type PublicRules = z.infer<typeof publicRulesSchema>;

export const publicAcknowledgeSchema = z.strictObject({
  name: personName,
  email: z.email().max(320).nullable().default(null),
  agree: z.literal(true, { message: 'Tick the box to acknowledge the rules' }),
});

// ---- Vendor notices -----------------------------------------------------------------------------

export const vendorNoticeInputSchema = z.strictObject({
  clientId: z.uuid(),
  vendorId: z.uuid(),
  text: z.string().trim().min(1, 'Write the letter').max(20_000),
  /** The vendor incidents the notice cites. */
  ticketIds: z.array(z.uuid()).max(100).default([]),
});
export type VendorNoticeInput = z.input<typeof vendorNoticeInputSchema>;

export const vendorNoticeSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  vendorId: z.uuid(),
  vendorName: z.string(),
  /** When it was given: vendor-caused work from this instant on is billable under a graduated clause. */
  givenAt: z.iso.datetime(),
  text: z.string(),
  evidence: z.array(
    z.object({ ticketId: z.uuid(), number: z.number().int(), title: z.string(), minutes: z.number().int() }),
  ),
  givenByName: z.string().nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
  withdrawnReason: z.string().nullable(),
});
export type VendorNotice = z.infer<typeof vendorNoticeSchema>;

export const vendorNoticeListQuerySchema = z.object({
  clientId: z.uuid({ message: 'Not a valid client id' }).optional(),
  vendorId: z.uuid({ message: 'Not a valid vendor id' }).optional(),
});

// ---- Coverage holds -----------------------------------------------------------------------------

/** What lifts a hold by itself, all together; a hold with none is lifted only by hand. */
export const holdConditionsSchema = z.strictObject({
  /** A signed Letter of Agency of the vendor's at the client is in force. */
  loaSigned: z.boolean().default(false),
  /** The vendor has acknowledged the rules of engagement in force at the client. */
  rulesAcknowledged: z.boolean().default(false),
  /** This many days without a change outside an approved window on the asset (0: not a condition). */
  cleanDays: z.number().int().min(0).max(365).default(0),
});
export type HoldConditions = z.infer<typeof holdConditionsSchema>;

export const coverageHoldInputSchema = z.strictObject({
  assetId: z.uuid(),
  /** The vendor whose changes the hold answers. */
  vendorId: z.uuid(),
  reason: z.string().trim().min(1, 'Say why the asset comes off managed service').max(5_000),
  /** The incidents behind it (the vendor's changes outside approved windows). */
  ticketIds: z.array(z.uuid()).max(100).default([]),
  conditions: holdConditionsSchema,
});
export type CoverageHoldInput = z.input<typeof coverageHoldInputSchema>;

export const coverageHoldSchema = z.object({
  id: z.uuid(),
  assetId: z.uuid(),
  assetName: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  vendorId: z.uuid(),
  vendorName: z.string(),
  reason: z.string(),
  tickets: z.array(z.object({ id: z.uuid(), number: z.number().int(), title: z.string() })),
  conditions: z.object({
    loaSigned: z.boolean(),
    rulesAcknowledged: z.boolean(),
    cleanDays: z.number().int(),
  }),
  /** Each condition as it stands now (null where it is not a condition), and the clean days so far. */
  progress: z.object({
    loaSigned: z.boolean().nullable(),
    rulesAcknowledged: z.boolean().nullable(),
    cleanDays: z.number().int().nullable(),
  }),
  placedAt: z.iso.datetime(),
  placedByName: z.string().nullable(),
  liftedAt: z.iso.datetime().nullable(),
  /** Who lifted it; null with liftedAt set: it lifted itself when its conditions were met. */
  liftedByName: z.string().nullable(),
  liftedReason: z.string().nullable(),
});
export type CoverageHold = z.infer<typeof coverageHoldSchema>;

export const coverageHoldListQuerySchema = z.object({
  clientId: z.uuid({ message: 'Not a valid client id' }).optional(),
  assetId: z.uuid({ message: 'Not a valid asset id' }).optional(),
  vendorId: z.uuid({ message: 'Not a valid vendor id' }).optional(),
  active: z.enum(['true', 'false', 'any'], { message: 'Use true, false or any' }).default('any'),
});
export type CoverageHoldListQuery = z.infer<typeof coverageHoldListQuerySchema>;
