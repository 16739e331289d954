// What agents report: each asset's latest inventory, the changes found between reports, the keys of the
// reports already taken (so a resend counts once), the alerts that opened tickets, the assets a ticket is
// about, and the one-time links a vendor replies to an attribution through.
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  type AssetChangeKind,
  changeOutcomes,
  type InventoryHealth,
  type InventorySection,
  type InventoryState,
  type Session,
} from '../../../shared/api/inventory.ts';
import { instant, tenantKey } from '../../db/columns.ts';
import { oneTimeLinkColumns } from '../../db/one-time-links.ts';
import { agents } from '../agents/agents.table.ts';
import { assets } from '../assets/assets.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { vendors } from '../vendors/vendors.table.ts';

export const assetInventories = pgTable(
  'asset_inventories',
  {
    tenantId: uuid().notNull(),
    assetId: uuid().notNull(),
    agentId: uuid().notNull(),
    state: jsonb().$type<InventoryState>().notNull(),
    /** Hex SHA-256 of the state as received: an unchanged report costs this compare. */
    stateHash: text().notNull(),
    health: jsonb().$type<InventoryHealth>().notNull(),
    notAvailable: jsonb().$type<Partial<Record<InventorySection, string>>>().notNull(),
    agentVersion: text().notNull(),
    /** The agent's clock when it collected the report. */
    collectedAt: instant().notNull(),
    receivedAt: instant().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.assetId] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }),
    foreignKey({ columns: [t.tenantId, t.agentId], foreignColumns: [agents.tenantId, agents.id] }),
  ],
);

export const assetChanges = pgTable(
  'asset_changes',
  {
    ...tenantKey(),
    assetId: uuid().notNull(),
    kind: text().$type<AssetChangeKind>().notNull(),
    subject: text().notNull(),
    before: text(),
    after: text(),
    occurredAt: instant().notNull(),
    /** occurredAt is a logged time; otherwise it is the report's collection time. */
    timeFromLog: boolean().notNull(),
    /** The previous report's collection time. */
    since: instant(),
    actor: text(),
    actorSource: text(),
    openSessions: jsonb().$type<Pick<Session, 'user' | 'from' | 'kind'>[]>().notNull().default([]),
    detectedAt: instant().notNull(),
    /** Whose doing it was (changeOutcomes); null for what nobody does (disk health, backup status). */
    outcome: text({ enum: changeOutcomes }),
    /** The vendor it is attributed to (outcome vendor), or whose approved request covered it. */
    vendorId: uuid(),
    /** The approved change request whose window and asset it fell in (outcome authorized). */
    changeRequestId: uuid(),
    /** Why the outcome, in words: the window, the vendor account, the open session, the routine actor. */
    outcomeReason: text(),
    /** Set when staff re-judged the outcome (the reason is then theirs). */
    judgedById: uuid(),
    judgedAt: instant(),
    /** The vendor incident ticket it opened or was added to. */
    ticketId: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }),
    index('asset_changes_asset_idx').on(t.tenantId, t.assetId, t.occurredAt.desc(), t.id.desc()),
    index('asset_changes_outcome_idx').on(t.tenantId, t.outcome, t.occurredAt.desc()),
    index('asset_changes_vendor_idx').on(t.tenantId, t.vendorId, t.occurredAt.desc()),
  ],
);

/** Reports taken, by the agent's idempotency key; kept 30 days, longer than an agent queues. */
export const agentReceipts = pgTable(
  'agent_receipts',
  {
    tenantId: uuid().notNull(),
    agentId: uuid().notNull(),
    idempotencyKey: text().notNull(),
    outcome: text({ enum: ['changed', 'unchanged', 'stale'] }).notNull(),
    changes: integer().notNull(),
    receivedAt: instant().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agentId, t.idempotencyKey] }),
    foreignKey({ columns: [t.tenantId, t.agentId], foreignColumns: [agents.tenantId, agents.id] }),
    index('agent_receipts_received_idx').on(t.receivedAt),
  ],
);

export const alertConditions = [
  'agent_offline',
  'disk_failing',
  'raid_degraded',
  'backup_failed',
  'backup_stale',
] as const;
export type AlertCondition = (typeof alertConditions)[number];

/**
 * A condition an asset is or was in, and the ticket it opened. One row per asset, condition and subject
 * (disk, array, backup job; '' for the agent going offline), reused when the condition recurs.
 */
export const assetAlerts = pgTable(
  'asset_alerts',
  {
    ...tenantKey(),
    assetId: uuid().notNull(),
    condition: text({ enum: alertConditions }).notNull(),
    subject: text().notNull(),
    ticketId: uuid().notNull(),
    detail: text().notNull(),
    raisedAt: instant().notNull(),
    /** Times the condition began: 1, plus one per recurrence. */
    occurrences: integer().notNull().default(1),
    clearedAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    uniqueIndex('asset_alerts_condition_key').on(t.tenantId, t.assetId, t.condition, t.subject),
    index('asset_alerts_open_idx').on(t.tenantId, t.assetId).where(sql`${t.clearedAt} is null`),
  ],
);

/** The assets a ticket is about. */
export const ticketAssets = pgTable(
  'ticket_assets',
  {
    tenantId: uuid().notNull(),
    ticketId: uuid().notNull(),
    assetId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId, t.assetId] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }),
    index('ticket_assets_asset_idx').on(t.tenantId, t.assetId),
  ],
);

/** A one-time link for a vendor to reply to the incident its changes opened (only the token's hash is kept). */
export const vendorReplyLinks = pgTable(
  'vendor_reply_links',
  {
    ...tenantKey(),
    ticketId: uuid().notNull(),
    vendorId: uuid().notNull(),
    ...oneTimeLinkColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id] }),
    foreignKey({
      columns: [t.tenantId, t.createdById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    // Looked up by token before the tenant is known.
    uniqueIndex('vendor_reply_links_token_key').on(t.tokenHash),
  ],
);
