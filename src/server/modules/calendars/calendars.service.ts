// Business calendars: versioned definitions and due-time arithmetic on them.

import type { Calendar, CalendarInput } from '../../../shared/api/calendars.ts';
import type { BusinessCalendar } from '../../../shared/business-time/business-time.ts';
import { addBusinessMinutes, businessMinutesBetween } from '../../../shared/business-time/business-time.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import * as repo from './calendars.repository.ts';

type CalendarWithVersion = NonNullable<Awaited<ReturnType<typeof repo.findCalendar>>>;

function toCalendar({ calendar, version }: CalendarWithVersion): Calendar {
  return {
    id: calendar.id,
    name: calendar.name,
    version: version.version,
    timeZone: version.timeZone,
    weeklyHours: version.weeklyHours,
    holidays: version.holidays,
    createdAt: calendar.createdAt.toISOString(),
    updatedAt: calendar.updatedAt.toISOString(),
  };
}

function toVersion(row: repo.CalendarVersionRow) {
  return {
    id: row.id,
    calendarId: row.calendarId,
    version: row.version,
    timeZone: row.timeZone,
    weeklyHours: row.weeklyHours,
    holidays: row.holidays,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toBusinessCalendar(row: repo.CalendarVersionRow): BusinessCalendar {
  return { timeZone: row.timeZone, weeklyHours: row.weeklyHours, holidays: row.holidays };
}

function sameDefinition(row: repo.CalendarVersionRow, input: CalendarInput): boolean {
  return (
    row.timeZone === input.timeZone &&
    canonicalJson(row.weeklyHours) === canonicalJson(input.weeklyHours) &&
    canonicalJson(row.holidays) === canonicalJson(input.holidays)
  );
}

const notFound = () => new AppError('calendar.not_found', 'Calendar not found.');

export function createCalendarService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function requireCalendar(tx: Executor, tenantId: string, id: string) {
    const row = await repo.findCalendar(tx, tenantId, id);
    if (!row) throw notFound();
    return row;
  }

  async function versionFor(scope: Scope, id: string, version: number | undefined) {
    const current = await requireCalendar(db, scope.tenantId, id);
    if (version === undefined || version === current.version.version) return current.version;
    const row = await repo.findVersion(db, scope.tenantId, id, version);
    if (!row) throw new AppError('calendar.not_found', `Calendar version ${version} not found.`);
    return row;
  }

  return {
    async list(scope: Scope): Promise<Calendar[]> {
      return (await repo.listCalendars(db, scope.tenantId)).map(toCalendar);
    },

    async get(scope: Scope, id: string): Promise<Calendar> {
      return toCalendar(await requireCalendar(db, scope.tenantId, id));
    },

    async versions(scope: Scope, id: string) {
      await requireCalendar(db, scope.tenantId, id);
      return (await repo.listVersions(db, scope.tenantId, id)).map(toVersion);
    },

    async create(actor: Actor, input: CalendarInput): Promise<Calendar> {
      const { name, ...definition } = input;
      return actions.run(actor, 'calendar.create', async (tx, audit) => {
        const { tenantId, membershipId } = actor.scope;
        const id = await repo.insertCalendar(tx, { tenantId, name, currentVersion: 1 });
        await repo.insertVersion(tx, {
          tenantId,
          calendarId: id,
          version: 1,
          ...definition,
          createdBy: membershipId,
        });
        const calendar = toCalendar(await requireCalendar(tx, tenantId, id));
        audit.target('calendar', id);
        audit.change(null, calendar);
        return calendar;
      });
    },

    /** A changed definition becomes a new version; a rename alone does not. */
    async update(actor: Actor, id: string, input: CalendarInput): Promise<Calendar> {
      const { name, ...definition } = input;
      return actions.run(actor, 'calendar.update', async (tx, audit) => {
        const { tenantId, membershipId } = actor.scope;
        const current = await requireCalendar(tx, tenantId, id);
        audit.target('calendar', id);
        const now = clock.now();
        if (sameDefinition(current.version, input)) {
          await repo.updateCalendar(tx, tenantId, id, { name, updatedAt: now });
        } else {
          const version = await repo.bumpVersion(tx, tenantId, id, name, now);
          await repo.insertVersion(tx, {
            tenantId,
            calendarId: id,
            version: version!,
            ...definition,
            createdBy: membershipId,
          });
        }
        const calendar = toCalendar(await requireCalendar(tx, tenantId, id));
        audit.change(toCalendar(current), calendar);
        return calendar;
      });
    },

    async dueAt(scope: Scope, id: string, query: { from: string; minutes: number; version?: number }) {
      const version = await versionFor(scope, id, query.version);
      const due = addBusinessMinutes(toBusinessCalendar(version), Date.parse(query.from), query.minutes);
      if (due === null) {
        throw new AppError(
          'calendar.no_business_time',
          'This calendar has no business time within 366 days.',
        );
      }
      return { dueAt: new Date(due).toISOString() };
    },

    async businessMinutes(scope: Scope, id: string, query: { from: string; to: string; version?: number }) {
      const version = await versionFor(scope, id, query.version);
      const minutes = businessMinutesBetween(
        toBusinessCalendar(version),
        Date.parse(query.from),
        Date.parse(query.to),
      );
      return { minutes };
    },

    async exists(tx: Executor, tenantId: string, id: string): Promise<boolean> {
      return (await repo.findCalendar(tx, tenantId, id)) !== undefined;
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
