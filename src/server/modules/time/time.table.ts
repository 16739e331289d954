// Work types (a per-tenant list) and time entries on tickets, with their append-only revision log.
import { sql } from 'drizzle-orm';
import {
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
import { timeCauses, type timeEntryRevisionSchema } from '../../../shared/api/time.ts';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { tickets } from '../tickets/tickets.table.ts';

/** A time entry as stored in a revision: the API's entry without the display names. */
export type TimeEntrySnapshot = NonNullable<z.infer<typeof timeEntryRevisionSchema>['after']>;

export const workTypes = pgTable(
  'work_types',
  {
    ...tenantKey(),
    name: text().notNull(),
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
