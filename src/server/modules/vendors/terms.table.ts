// The terms vendors work under: Letters of Agency, the versioned rules of engagement (the MSP's, and a
// client's addendum), vendors' acknowledgements of them, the one-time links through which vendors
// acknowledge without an account, the vendor notices given to clients, and coverage holds.
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { acknowledgementVias } from '../../../shared/api/vendor-terms.ts';
import { instant, localDate, tenantKey, timestamps } from '../../db/columns.ts';
import { oneTimeLinkColumns } from '../../db/one-time-links.ts';
import { assets } from '../assets/assets.table.ts';
import { clients } from '../clients/clients.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { vendorEngagements, vendors } from './vendors.table.ts';

/** Stored states; `expired` is read from expiresOn. */
export const loaStoredStatuses = ['draft', 'sent', 'signed', 'revoked'] as const;

export const lettersOfAgency = pgTable(
  'letters_of_agency',
  {
    ...tenantKey(),
    engagementId: uuid().notNull(),
    status: text({ enum: loaStoredStatuses }).notNull(),
    scope: text().notNull(),
    expiresOn: localDate(),
    signerName: text(),
    signerTitle: text(),
    sentAt: instant(),
    sentTo: text(),
    signedOn: localDate(),
    /** The signed copy: a stored file's SHA-256 with its safe name and sniffed type. */
    fileSha256: text(),
    fileName: text(),
    fileContentType: text(),
    fileSize: integer(),
    revokedAt: instant(),
    revokedReason: text(),
    /** The reminder thresholds (days before expiry; 0 for expired) already announced. */
    remindedDays: integer().array().notNull().default(sql`'{}'::integer[]`),
    createdById: uuid(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.engagementId],
      foreignColumns: [vendorEngagements.tenantId, vendorEngagements.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.createdById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('letters_of_agency_engagement_idx').on(t.tenantId, t.engagementId),
    // At most one letter in the making per engagement.
    uniqueIndex('letters_of_agency_pending_key')
      .on(t.tenantId, t.engagementId)
      .where(sql`${t.status} in ('draft', 'sent')`),
  ],
);

/** One row per published version: the MSP's rules (clientId null) or a client's addendum. */
export const engagementRules = pgTable(
  'engagement_rules',
  {
    ...tenantKey(),
    clientId: uuid(),
    version: integer().notNull(),
    text: text().notNull(),
    publishedAt: instant().notNull(),
    publishedById: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({
      columns: [t.tenantId, t.publishedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    uniqueIndex('engagement_rules_version_key').on(
      t.tenantId,
      sql`coalesce(${t.clientId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.version,
    ),
  ],
);

export const rulesAcknowledgements = pgTable(
  'rules_acknowledgements',
  {
    ...tenantKey(),
    engagementId: uuid().notNull(),
    rulesVersion: integer().notNull(),
    /** The client's addendum version acknowledged with them; null when the client had none. */
    addendumVersion: integer(),
    name: text().notNull(),
    email: text(),
    via: text({ enum: acknowledgementVias }).notNull(),
    /** The member who recorded it (staff), null through a link. */
    recordedById: uuid(),
    acknowledgedAt: instant().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.engagementId],
      foreignColumns: [vendorEngagements.tenantId, vendorEngagements.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.recordedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('rules_acknowledgements_engagement_idx').on(t.tenantId, t.engagementId),
  ],
);

/** A one-time link for a vendor to acknowledge the rules: only the token's hash is kept. */
export const acknowledgementLinks = pgTable(
  'acknowledgement_links',
  {
    ...tenantKey(),
    engagementId: uuid().notNull(),
    ...oneTimeLinkColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.engagementId],
      foreignColumns: [vendorEngagements.tenantId, vendorEngagements.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.createdById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    // Looked up by token before the tenant is known.
    uniqueIndex('acknowledgement_links_token_key').on(t.tokenHash),
  ],
);

export const vendorNotices = pgTable(
  'vendor_notices',
  {
    ...tenantKey(),
    clientId: uuid().notNull(),
    vendorId: uuid().notNull(),
    givenAt: instant().notNull(),
    text: text().notNull(),
    ticketIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    givenById: uuid(),
    withdrawnAt: instant(),
    withdrawnReason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id] }),
    foreignKey({
      columns: [t.tenantId, t.givenById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('vendor_notices_client_idx').on(t.tenantId, t.clientId, t.vendorId),
  ],
);

/**
 * An asset taken off managed service because of a vendor's changes: time on it is billable while the
 * hold lasts. It lifts itself when its conditions are all met, or by hand with a reason.
 */
export const coverageHolds = pgTable(
  'coverage_holds',
  {
    ...tenantKey(),
    assetId: uuid().notNull(),
    clientId: uuid().notNull(),
    vendorId: uuid().notNull(),
    reason: text().notNull(),
    ticketIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    requiresLoa: boolean().notNull(),
    requiresRulesAcknowledged: boolean().notNull(),
    /** Days without a change outside an approved window on the asset; 0 is no condition. */
    cleanDays: integer().notNull(),
    placedAt: instant().notNull(),
    placedById: uuid(),
    liftedAt: instant(),
    /** Null with liftedAt set: the hold lifted itself. */
    liftedById: uuid(),
    liftedReason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id] }),
    foreignKey({
      columns: [t.tenantId, t.placedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.liftedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    // One hold at a time per asset.
    uniqueIndex('coverage_holds_active_key').on(t.tenantId, t.assetId).where(sql`${t.liftedAt} is null`),
    index('coverage_holds_client_idx').on(t.tenantId, t.clientId),
  ],
);
