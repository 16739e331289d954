// Change requests and the assets each covers; one-time links for a client to approve a vendor's request;
// a client's secret calendar feed of approved windows.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  changeRequestStatuses,
  changeRisks,
  clientApprovalStatuses,
  clientApprovalVias,
} from '../../../shared/api/change-requests.ts';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { oneTimeLinkColumns } from '../../db/one-time-links.ts';
import { assets } from '../assets/assets.table.ts';
import { clients } from '../clients/clients.table.ts';
import { memberships } from '../identity/identity.table.ts';
import { vendors } from '../vendors/vendors.table.ts';

export const changeRequests = pgTable(
  'change_requests',
  {
    ...tenantKey(),
    /** CR-1, CR-2… per tenant. */
    number: integer().notNull(),
    clientId: uuid().notNull(),
    vendorId: uuid(),
    title: text().notNull(),
    description: text().notNull(),
    risk: text({ enum: changeRisks }).notNull(),
    backOutPlan: text().notNull(),
    windowStart: instant().notNull(),
    windowEnd: instant().notNull(),
    emergency: boolean().notNull().default(false),
    status: text({ enum: changeRequestStatuses }).notNull(),
    /** The staff member who raised it; null when a vendor did (portal, mail or a signed link). */
    requestedById: uuid(),
    /** Who raised it when not staff, e.g. "Dana Ruiz (Dentrix support) by email". */
    requestedByName: text(),
    /**
     * The MSP's decision. On a request still `requested`, it is the MSP's approval while the client's is
     * awaited: a vendor's request whose client must approve is approved only once both have.
     */
    decidedById: uuid(),
    decidedAt: instant(),
    decisionReason: text(),
    clientApproval: text({ enum: clientApprovalStatuses }).notNull().default('not_needed'),
    /** Who decided for the client, how, when and (to reject) why. */
    clientDecidedByName: text(),
    clientDecidedVia: text({ enum: clientApprovalVias }),
    clientDecidedAt: instant(),
    clientDecisionReason: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id] }),
    foreignKey({
      columns: [t.tenantId, t.requestedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.decidedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    uniqueIndex('change_requests_number_key').on(t.tenantId, t.number),
    index('change_requests_client_idx').on(t.tenantId, t.clientId, t.windowStart),
    check('change_requests_window_check', sql`${t.windowEnd} > ${t.windowStart}`),
  ],
);

export const changeRequestAssets = pgTable(
  'change_request_assets',
  {
    tenantId: uuid().notNull(),
    changeRequestId: uuid().notNull(),
    assetId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.changeRequestId, t.assetId] }),
    foreignKey({
      columns: [t.tenantId, t.changeRequestId],
      foreignColumns: [changeRequests.tenantId, changeRequests.id],
    }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }),
    index('change_request_assets_asset_idx').on(t.tenantId, t.assetId),
  ],
);

/** The secret behind a client's read-only iCal feed of approved windows (only its hash is kept). */
export const changeCalendarFeeds = pgTable(
  'change_calendar_feeds',
  {
    tenantId: uuid().notNull(),
    clientId: uuid().notNull(),
    tokenHash: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.clientId] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    uniqueIndex('change_calendar_feeds_token_key').on(t.tokenHash),
  ],
);

/** A one-time link for the client to decide a vendor's request without an account (only its hash is kept). */
export const changeApprovalLinks = pgTable(
  'change_approval_links',
  {
    ...tenantKey(),
    changeRequestId: uuid().notNull(),
    ...oneTimeLinkColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.changeRequestId],
      foreignColumns: [changeRequests.tenantId, changeRequests.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.createdById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    // Looked up by token before the tenant is known.
    uniqueIndex('change_approval_links_token_key').on(t.tokenHash),
  ],
);
