// Clients (the companies an MSP serves), their sites and contacts.
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
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { calendars } from '../calendars/calendars.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { slaPolicies } from '../sla-policies/sla-policies.table.ts';

export const clients = pgTable(
  'clients',
  {
    ...tenantKey(),
    name: text().notNull(),
    /** Lower-case domains whose senders belong to this client (used by inbound mail). */
    emailDomains: text().array().notNull().default(sql`'{}'::text[]`),
    phone: text(),
    website: text(),
    notes: text().notNull().default(''),
    defaultCalendarId: uuid(),
    defaultSlaPolicyId: uuid(),
    /** ISO 4217: every agreement and invoice of the client is in it (one invoice, one currency). */
    currency: text().notNull().default('USD'),
    /** Invoices charge no tax; the reference (an exemption certificate) is printed on them. */
    taxExempt: boolean().notNull().default(false),
    taxExemptionReference: text(),
    /** Invoices show covered work as $0 lines, so the client sees what the agreement paid for. */
    showCoveredWork: boolean().notNull().default(false),
    /** An agent silent for longer than this opens an "agent offline" ticket. */
    agentOfflineMinutes: integer().notNull().default(30),
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({
      columns: [t.tenantId, t.defaultCalendarId],
      foreignColumns: [calendars.tenantId, calendars.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.defaultSlaPolicyId],
      foreignColumns: [slaPolicies.tenantId, slaPolicies.id],
    }),
    index('clients_name_idx').on(t.tenantId, sql`lower(${t.name})`),
    check('clients_agent_offline_minutes_check', sql`${t.agentOfflineMinutes} between 5 and 10080`),
  ],
);

/** A staff member's explicit client scope (when not allClients). */
export const membershipClients = pgTable(
  'membership_clients',
  {
    tenantId: uuid().notNull(),
    membershipId: uuid().notNull(),
    clientId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.membershipId, t.clientId] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
  ],
);

export const sites = pgTable(
  'sites',
  {
    ...tenantKey(),
    clientId: uuid().notNull(),
    name: text().notNull(),
    timeZone: text().notNull(),
    address: text().notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    index('sites_client_idx').on(t.tenantId, t.clientId),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    ...tenantKey(),
    clientId: uuid().notNull(),
    siteId: uuid(),
    name: text().notNull(),
    email: text(),
    phone: text(),
    title: text(),
    /** Counts toward per-user billing on managed agreements. */
    isBillableUser: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.siteId], foreignColumns: [sites.tenantId, sites.id] }),
    index('contacts_client_idx').on(t.tenantId, t.clientId),
    index('contacts_email_idx').on(t.tenantId, sql`lower(${t.email})`),
  ],
);

/** A client's people who sign in to the client portal: one membership per contact. */
export const clientUsers = pgTable(
  'client_users',
  {
    tenantId: uuid().notNull(),
    membershipId: uuid().notNull(),
    clientId: uuid().notNull(),
    contactId: uuid().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.membershipId] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    uniqueIndex('client_users_contact_key').on(t.tenantId, t.contactId),
    index('client_users_client_idx').on(t.tenantId, t.clientId),
  ],
);
