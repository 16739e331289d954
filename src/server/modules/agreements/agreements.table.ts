// Agreements with their recurring lines, and work roles (labour roles with their own rates) held by staff.
// Amounts are bigint minor units read as numbers (see catalog.table.ts); dates are local calendar dates.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { agreementTypes, blockRollovers, vendorCausedRules } from '../../../shared/api/agreements.ts';
import type { PenaltySchedule } from '../../../shared/api/service-credits.ts';
import { cents, instant, localDate, tenantKey, timestamps } from '../../db/columns.ts';
import { calendars } from '../calendars/calendars.table.ts';
import { catalogItems } from '../catalog/catalog.table.ts';
import { clients } from '../clients/clients.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { slaPolicies } from '../sla-policies/sla-policies.table.ts';

export const workRoles = pgTable(
  'work_roles',
  {
    ...tenantKey(),
    name: text().notNull(),
    position: integer().notNull().default(0),
    /** Archived roles stay on old entries and agreements but cannot be given to anyone. */
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('work_roles_name_key').on(t.tenantId, sql`lower(${t.name})`),
  ],
);

/** The work role each staff member logs time as (a labour role, not a permission role). */
export const memberWorkRoles = pgTable(
  'member_work_roles',
  {
    tenantId: uuid().notNull(),
    membershipId: uuid().notNull(),
    workRoleId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.membershipId] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({ columns: [t.tenantId, t.workRoleId], foreignColumns: [workRoles.tenantId, workRoles.id] }),
  ],
);

export type RoleRate = { workRoleId: string; hourlyRateCents: number };

export const agreements = pgTable(
  'agreements',
  {
    ...tenantKey(),
    clientId: uuid().notNull(),
    name: text().notNull(),
    type: text({ enum: agreementTypes }).notNull(),
    startsOn: localDate().notNull(),
    endsOn: localDate(),
    isClientDefault: boolean().notNull().default(false),
    /** The client's currency when the agreement was made; the client's currency cannot change under it. */
    currency: text().notNull(),
    calendarId: uuid(),
    slaPolicyId: uuid(),
    hourlyRateCents: cents().notNull(),
    roleRates: jsonb().$type<RoleRate[]>().notNull().default([]),
    afterHoursPercent: integer(),
    weekendPercent: integer(),
    holidayPercent: integer(),
    coveredServiceIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    coveredAssetTypes: text().array().notNull().default(sql`'{}'::text[]`),
    excludedTicketTypes: text().array().notNull().default(sql`'{}'::text[]`),
    excludedWorkTypeIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    excludedWorkRoleIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    fallbackAgreementId: uuid(),
    onsiteMinimumMinutes: integer().notNull().default(0),
    tripChargeCents: cents().notNull().default(0),
    remoteTicketMinimumMinutes: integer().notNull().default(0),
    roundingMinutes: integer().notNull().default(1),
    vendorCausedWork: text({ enum: vendorCausedRules }).notNull(),
    requiresLoa: boolean().notNull().default(false),
    requiresClientApprovalOfVendorChanges: boolean().notNull().default(false),
    /** Service credits for missed SLA targets; null: the agreement has none. */
    penaltySchedule: jsonb().$type<PenaltySchedule>(),
    blockMinutes: integer(),
    blockPriceCents: cents(),
    overageRateCents: cents(),
    blockRollover: text({ enum: blockRollovers }),
    blockExpiryMonths: integer(),
    retainerCents: cents(),
    fixedFeeCents: cents(),
    notes: text().notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.calendarId], foreignColumns: [calendars.tenantId, calendars.id] }),
    foreignKey({
      columns: [t.tenantId, t.slaPolicyId],
      foreignColumns: [slaPolicies.tenantId, slaPolicies.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.fallbackAgreementId],
      foreignColumns: [t.tenantId, t.id],
    }),
    index('agreements_client_idx').on(t.tenantId, t.clientId, t.startsOn),
    check('agreements_period_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check('agreements_rate_check', sql`${t.hourlyRateCents} >= 0 and ${t.tripChargeCents} >= 0`),
    check('agreements_rounding_check', sql`${t.roundingMinutes} between 1 and 60`),
  ],
);

/** Recurring fees billed monthly in advance (per device, per user, flat, resale seats). */
export const agreementLines = pgTable(
  'agreement_lines',
  {
    ...tenantKey(),
    agreementId: uuid().notNull(),
    position: integer().notNull(),
    catalogItemId: uuid().notNull(),
    description: text(),
    quantity: integer().notNull(),
    minimumQuantity: integer().notNull().default(0),
    /** The count billing last approved; invoices bill it (or the minimum) until a change is approved. */
    approvedQuantity: integer(),
    /**
     * When the approved count took effect and the count approved before it: an invoice for the month after
     * bills (or credits) the difference for the days it was in effect, prorated by day.
     */
    countChangedOn: localDate(),
    previousApprovedQuantity: integer(),
    unitPriceCents: cents().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.catalogItemId],
      foreignColumns: [catalogItems.tenantId, catalogItems.id],
    }),
    index('agreement_lines_agreement_idx').on(t.tenantId, t.agreementId, t.position),
    check('agreement_lines_quantity_check', sql`${t.quantity} >= 0 and ${t.minimumQuantity} >= 0`),
  ],
);
