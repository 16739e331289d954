// Business calendars, versioned: an edit makes a new version, and whatever was measured keeps its version.
import {
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CalendarDefinition } from '../../../shared/business-time/calendar-schema.ts';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { tenants } from '../identity/identity.table.ts';

export const calendars = pgTable(
  'calendars',
  {
    ...tenantKey(),
    name: text().notNull(),
    currentVersion: integer().notNull().default(1),
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

export const calendarVersions = pgTable(
  'calendar_versions',
  {
    ...tenantKey(),
    calendarId: uuid().notNull(),
    version: integer().notNull(),
    timeZone: text().notNull(),
    weeklyHours: jsonb().$type<CalendarDefinition['weeklyHours']>().notNull(),
    /** Whole local dates, YYYY-MM-DD, sorted. */
    holidays: text().array().notNull(),
    createdAt: instant().notNull().defaultNow(),
    createdBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.calendarId], foreignColumns: [calendars.tenantId, calendars.id] }),
    uniqueIndex('calendar_versions_number_key').on(t.tenantId, t.calendarId, t.version),
  ],
);
