// Work types (a per-tenant list) and time entries on tickets, with their append-only revision log.
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
import type { z } from 'zod';
import type { TimeOutcome } from '../../../shared/api/agreements.ts';
import { timeCauses, type timeEntryRevisionSchema } from '../../../shared/api/time.ts';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { agreements, workRoles } from '../agreements/agreements.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { tickets } from '../tickets/tickets.table.ts';

/** A time entry as stored in a revision: the API's entry without the display names. */
export type TimeEntrySnapshot = NonNullable<z.infer<typeof timeEntryRevisionSchema>['after']>;

export type BillingOverride = { outcome: TimeOutcome; reason: string; byId: string; at: string };

export const workTypes = pgTable(
  'work_types',
  {
    ...tenantKey(),
    name: text().notNull(),
    /** Work at the client's site: an agreement's on-site minimum and trip charge apply to it. */
    isOnSite: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    /** Archived types stay on old entries but cannot be chosen for new ones. */
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    // Archived names count too, so unarchiving can never collide.
    uniqueIndex('work_types_name_key').on(t.tenantId, sql`lower(${t.name})`),
  ],
);

export const timeEntries = pgTable(
  'time_entries',
  {
    ...tenantKey(),
    ticketId: uuid().notNull(),
    /** The membership of the staff member who did the work. */
    staffId: uuid().notNull(),
    workTypeId: uuid().notNull(),
    startedAt: instant().notNull(),
    /** Whole minutes, 1–1440. */
    minutes: integer().notNull(),
    note: text().notNull(),
    cause: text({ enum: timeCauses }).notNull().default('normal'),
    /** Inherited from the ticket when logged; billing may move it. */
    agreementId: uuid(),
    /** The staff member's work role when logged (the rate an agreement charges for it). */
    workRoleId: uuid(),
    /** Billing's decision over the computed classification, with its reason. */
    billingOverride: jsonb().$type<BillingOverride>(),
    /** 1 when logged, +1 on each edit and on deletion; matches the latest revision row. */
    revision: integer().notNull().default(1),
    /** Soft delete: the entry leaves lists and totals but its history stays. */
    deletedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    foreignKey({
      columns: [t.tenantId, t.staffId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({ columns: [t.tenantId, t.workTypeId], foreignColumns: [workTypes.tenantId, workTypes.id] }),
    foreignKey({
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }),
    foreignKey({ columns: [t.tenantId, t.workRoleId], foreignColumns: [workRoles.tenantId, workRoles.id] }),
    index('time_entries_agreement_idx').on(t.tenantId, t.agreementId, t.startedAt),
    index('time_entries_ticket_idx').on(t.tenantId, t.ticketId, t.startedAt),
    index('time_entries_staff_idx').on(t.tenantId, t.staffId, t.startedAt),
  ],
);

/** Append-only: one row per change to a time entry, with snapshots of the entry before and after. */
export const timeEntryRevisions = pgTable(
  'time_entry_revisions',
  {
    ...tenantKey(),
    timeEntryId: uuid().notNull(),
    /** The entry's revision number after this change. */
    revision: integer().notNull(),
    change: text({ enum: ['created', 'updated', 'deleted'] }).notNull(),
    actorId: uuid(),
    at: instant().notNull(),
    before: jsonb().$type<TimeEntrySnapshot>(),
    after: jsonb().$type<TimeEntrySnapshot>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.timeEntryId],
      foreignColumns: [timeEntries.tenantId, timeEntries.id],
    }),
    foreignKey({ columns: [t.tenantId, t.actorId], foreignColumns: [memberships.tenantId, memberships.id] }),
    uniqueIndex('time_entry_revisions_key').on(t.tenantId, t.timeEntryId, t.revision),
  ],
);
