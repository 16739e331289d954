// Shared fixtures of the SLA clock tests: New York calendars, targets, event builders and a readable view.
// Kept free of vitest so it type-checks and builds like any other shared module.
import { Temporal } from 'temporal-polyfill';
import type { Priority, SlaTargets } from '../api/sla-policies.ts';
import type { BusinessCalendar, TimeRange, Weekday } from '../business-time/business-time.ts';
import { WEEKDAYS } from '../business-time/business-time.ts';
import type { SlaClock, SlaEvent, SlaState, TicketStatus } from './sla-clock.ts';
import { computeSlaState } from './sla-clock.ts';

export const NEW_YORK = 'America/New_York';

export function weekCalendar(
  timeZone: string,
  days: readonly Weekday[],
  hours: TimeRange[],
  holidays: string[] = [],
): BusinessCalendar {
  const weeklyHours = Object.fromEntries(WEEKDAYS.map((day) => [day, days.includes(day) ? hours : []]));
  return { timeZone, weeklyHours: weeklyHours as Record<Weekday, TimeRange[]>, holidays };
}
export const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const officeHours = weekCalendar(NEW_YORK, weekdays, [['09:00', '17:00']]);
const roundTheClock = weekCalendar(NEW_YORK, WEEKDAYS, [['00:00', '24:00']]);

// P1 runs around the clock; the others keep office hours (09:00–17:00 Mon–Fri, New York).
export const targets: SlaTargets = {
  P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 960 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
};
export const calendarFor = (priority: Priority) => (priority === 'P1' ? roundTheClock : officeHours);

/** "11-16 10:00" -> epoch ms of that New York wall time in 2026 (2026-11-16 is a Monday, at -05:00). */
export const ny = (text: string) =>
  Temporal.PlainDateTime.from(`2026-${text.replace(' ', 'T')}`).toZonedDateTime(NEW_YORK).epochMilliseconds;
/** The inverse of `ny`, so expectations read as local times. */
export const show = (epochMs: number | null) =>
  epochMs === null
    ? null
    : Temporal.Instant.fromEpochMilliseconds(epochMs)
        .toZonedDateTimeISO(NEW_YORK)
        .toPlainDateTime()
        .toString({ smallestUnit: 'minute' })
        .slice(5)
        .replace('T', ' ');

export const created = (at: string, priority: Priority = 'P3'): SlaEvent => ({
  type: 'created',
  at: ny(at),
  priority,
});
export const reply = (at: string, author: 'staff' | 'contact' | 'system' = 'staff'): SlaEvent => ({
  type: 'public_reply',
  at: ny(at),
  author,
});
export const call = (at: string): SlaEvent => ({ type: 'call_logged', at: ny(at) });
export const note = (at: string): SlaEvent => ({ type: 'note', at: ny(at) });
export const status = (at: string, to: TicketStatus): SlaEvent => ({
  type: 'status',
  at: ny(at),
  status: to,
});
export const priority = (at: string, to: Priority): SlaEvent => ({
  type: 'priority',
  at: ny(at),
  priority: to,
});

/** A clock with its instants shown as New York wall times. */
export function view(clock: SlaClock & { pausedSince?: number | null }) {
  const shown = { ...clock, dueAt: show(clock.dueAt), stoppedAt: show(clock.stoppedAt) };
  return { ...shown, breachedAt: show(clock.breachedAt), pausedSince: show(clock.pausedSince ?? null) };
}

export interface Case {
  name: string;
  events: SlaEvent[];
  now: string;
  firstResponse?: Record<string, unknown>;
  resolution?: Record<string, unknown>;
  reopenWindowDays?: number;
}

export function run(events: SlaEvent[], now: string, reopenWindowDays?: number): SlaState {
  return computeSlaState({ events, targets, calendarFor, now: ny(now), reopenWindowDays });
}

// Created Monday 10:00 at P3: first response due 14:00 (240 min); resolution due Wednesday 10:00
// (960 min = Mon 10–17 420 + Tue 480 + Wed 09–10 60).
export const monday = created('11-16 10:00');
