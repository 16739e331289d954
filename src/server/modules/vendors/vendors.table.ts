// Vendors, their engagements at clients, the accounts through which their people reach a client's
// machines, the vendor's people who sign in to the vendor portal, and the tenant's routine actors (updaters whose changes are nobody's doing).
import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { vendorAccountKinds } from '../../../shared/api/vendors.ts';
import { instant, localDate, tenantKey, timestamps } from '../../db/columns.ts';
import { clients } from '../clients/clients.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';

export const vendors = pgTable(
  'vendors',
  {
    ...tenantKey(),
    name: text().notNull(),
    products: text().array().notNull().default(sql`'{}'::text[]`),
    website: text(),
    supportEmail: text(),
    supportPhone: text(),
    notes: text().notNull().default(''),
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('vendors_name_key').on(t.tenantId, sql`lower(${t.name})`),
  ],
);

export const vendorEngagements = pgTable(
  'vendor_engagements',
  {
    ...tenantKey(),
    vendorId: uuid().notNull(),
    clientId: uuid().notNull(),
    product: text().notNull(),
    supportContract: text(),
    renewsOn: localDate(),
    slaTerms: text().notNull().default(''),
    notes: text().notNull().default(''),
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    uniqueIndex('vendor_engagements_product_key').on(
      t.tenantId,
      t.vendorId,
      t.clientId,
      sql`lower(${t.product})`,
    ),
    index('vendor_engagements_client_idx').on(t.tenantId, t.clientId),
  ],
);

export const vendorAccounts = pgTable(
  'vendor_accounts',
  {
    ...tenantKey(),
    engagementId: uuid().notNull(),
    kind: text({ enum: vendorAccountKinds }).notNull(),
    /** As entered; matched case-insensitively, with or without a DOMAIN\ prefix. */
    identifier: text().notNull(),
    notes: text().notNull().default(''),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.engagementId],
      foreignColumns: [vendorEngagements.tenantId, vendorEngagements.id],
    }),
    uniqueIndex('vendor_accounts_identifier_key').on(
      t.tenantId,
      t.engagementId,
      t.kind,
      sql`lower(${t.identifier})`,
    ),
  ],
);

export const routineActors = pgTable(
  'routine_actors',
  {
    ...tenantKey(),
    actor: text().notNull(),
    note: text().notNull().default(''),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('routine_actors_actor_key').on(t.tenantId, sql`lower(${t.actor})`),
  ],
);

/** Which vendor a `vendor` membership speaks for: its person sees that vendor's things, and no more. */
export const vendorUsers = pgTable(
  'vendor_users',
  {
    tenantId: uuid().notNull(),
    membershipId: uuid().notNull(),
    vendorId: uuid().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.membershipId] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id] }),
    index('vendor_users_vendor_idx').on(t.tenantId, t.vendorId),
  ],
);
