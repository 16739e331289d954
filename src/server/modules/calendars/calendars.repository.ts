// Every query on calendars and their versions.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendars, calendarVersions } from './calendars.table.ts';

export type CalendarRow = typeof calendars.$inferSelect;
export type CalendarVersionRow = typeof calendarVersions.$inferSelect;

const currentVersionJoin = and(
  eq(calendarVersions.tenantId, calendars.tenantId),
  eq(calendarVersions.calendarId, calendars.id),
  eq(calendarVersions.version, calendars.currentVersion),
);

export async function listCalendars(db: Executor, tenantId: string) {
  return db
    .select({ calendar: calendars, version: calendarVersions })
    .from(calendars)
    .innerJoin(calendarVersions, currentVersionJoin)
    .where(eq(calendars.tenantId, tenantId))
    .orderBy(asc(calendars.name));
}

export async function findCalendar(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select({ calendar: calendars, version: calendarVersions })
    .from(calendars)
    .innerJoin(calendarVersions, currentVersionJoin)
    .where(and(eq(calendars.tenantId, tenantId), eq(calendars.id, id)));
  return row;
}

/** The calendars with their current versions. */
export async function findCalendars(db: Executor, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ calendar: calendars, version: calendarVersions })
    .from(calendars)
    .innerJoin(calendarVersions, currentVersionJoin)
    .where(and(eq(calendars.tenantId, tenantId), inArray(calendars.id, [...ids])));
}

export async function findVersion(
  db: Executor,
  tenantId: string,
  calendarId: string,
  version: number,
): Promise<CalendarVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(calendarVersions)
    .where(
      and(
        eq(calendarVersions.tenantId, tenantId),
        eq(calendarVersions.calendarId, calendarId),
        eq(calendarVersions.version, version),
      ),
    );
  return row;
}

export async function listVersions(db: Executor, tenantId: string, calendarId: string) {
  return db
    .select()
    .from(calendarVersions)
    .where(and(eq(calendarVersions.tenantId, tenantId), eq(calendarVersions.calendarId, calendarId)))
    .orderBy(desc(calendarVersions.version));
}

export async function insertCalendar(db: Executor, values: typeof calendars.$inferInsert): Promise<string> {
  const [row] = await db.insert(calendars).values(values).returning({ id: calendars.id });
  return row!.id;
}

export async function updateCalendar(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<typeof calendars.$inferInsert>,
): Promise<void> {
  await db
    .update(calendars)
    .set(values)
    .where(and(eq(calendars.tenantId, tenantId), eq(calendars.id, id)));
}

export async function insertVersion(
  db: Executor,
  values: typeof calendarVersions.$inferInsert,
): Promise<void> {
  await db.insert(calendarVersions).values(values);
}

/** Takes the next version number; the row lock it holds serializes concurrent edits. */
export async function bumpVersion(db: Executor, tenantId: string, id: string, name: string, now: Date) {
  const [row] = await db
    .update(calendars)
    .set({ name, currentVersion: sql`${calendars.currentVersion} + 1`, updatedAt: now })
    .where(and(eq(calendars.tenantId, tenantId), eq(calendars.id, id)))
    .returning({ version: calendars.currentVersion });
  return row?.version;
}

export async function findVersionsByIds(db: Executor, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(calendarVersions)
    .where(and(eq(calendarVersions.tenantId, tenantId), inArray(calendarVersions.id, [...ids])));
}
