// Rate tiers of a stretch of work: cut at business-hour boundaries and local midnights, plus the client-request rule.
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar, TimeRange } from '../business-time/business-time.ts';
import { businessIntervals, WEEKDAYS } from '../business-time/business-time.ts';
import { formatLocal, parseInstant, zoneDayAt } from './local-time.ts';

export const rateTiers = ['business', 'after_hours', 'weekend', 'holiday'] as const;
export type RateTier = (typeof rateTiers)[number];
export type OffHoursTier = Exclude<RateTier, 'business'>;

/** A piece of one entry's real interval [start, end) in epoch ms, minute-aligned. */
export interface TierPiece {
  readonly start: number;
  readonly end: number;
  readonly tier: RateTier;
}

export interface AfterHoursRequest {
  readonly requestedBy: string;
  readonly requestedAt: string;
}

const MINUTE = 60_000;

/**
 * Cuts [start, end) into tier pieces: business hours come from the engine, and each stretch outside them
 * is cut at local midnights so every piece has one local date to judge its tier by; neighbours of the
 * same tier are joined again. Pieces are real elapsed time, so a DST change never adds or loses minutes.
 * With no calendar every minute is business time.
 *
 * Each local day's business intervals and tier are worked out once per calendar (calendarDayAt), so an
 * entry costs a walk over the one or two days it touches. The engine's intervals depend only on which
 * minutes are business time, so a day's intervals clipped to the entry are the entry's own.
 */
export function splitByTier(calendar: BusinessCalendar | null, start: number, end: number): TierPiece[] {
  const pieces: TierPiece[] = [];
  if (calendar === null) {
    pieces.push({ start, end, tier: 'business' });
    return pieces;
  }
  for (let cursor = start; cursor < end; ) {
    const day = calendarDayAt(calendar, cursor);
    if (day === null) return splitByTierUncached(calendar, start, end);
    const dayEnd = Math.min(day.until, end);
    const business = day.business;
    for (let i = 0; i < business.length && business[i]! < dayEnd; i += 2) {
      const open = Math.max(business[i]!, cursor);
      const close = Math.min(business[i + 1]!, dayEnd);
      if (open >= close) continue;
      if (cursor < open) pushJoined(pieces, cursor, open, day.tier);
      pushJoined(pieces, open, close, 'business');
      cursor = close;
    }
    if (cursor < dayEnd) pushJoined(pieces, cursor, dayEnd, day.tier);
    cursor = dayEnd;
  }
  return pieces;
}

/**
 * splitByTier asking the engine and Temporal afresh: the definition the cached path must agree with, and
 * the path for the days the cache leaves to Temporal.
 */
export function splitByTierUncached(calendar: BusinessCalendar, start: number, end: number): TierPiece[] {
  const pieces: TierPiece[] = [];
  let cursor = start;
  for (const [open, close] of businessIntervals(calendar, start, end)) {
    if (cursor < open) pushOffHours(calendar, cursor, open, pieces);
    pushJoined(pieces, open, close, 'business');
    cursor = close;
  }
  if (cursor < end) pushOffHours(calendar, cursor, end, pieces);
  return pieces;
}

function pushOffHours(calendar: BusinessCalendar, from: number, to: number, pieces: TierPiece[]): void {
  let cursor = from;
  while (cursor < to) {
    const date = Temporal.Instant.fromEpochMilliseconds(cursor)
      .toZonedDateTimeISO(calendar.timeZone)
      .toPlainDate();
    // A zone whose midnight is skipped starts the day later; toZonedDateTime picks that instant.
    const nextDay = date.add({ days: 1 }).toZonedDateTime(calendar.timeZone).epochMilliseconds;
    const pieceEnd = Math.min(Math.ceil(nextDay / MINUTE) * MINUTE, to);
    pushJoined(pieces, cursor, pieceEnd, offHoursTier(calendar, date.toString(), date.dayOfWeek - 1));
    cursor = pieceEnd;
  }
}

/** What one local day of a calendar looks like to the tier split. */
interface CalendarDay {
  /** The next day's first whole minute: the day's minutes are those before it, from its own first one. */
  readonly until: number;
  /** Business intervals within the day's minutes as flat start/end pairs, in order. */
  readonly business: readonly number[];
  /** The tier of the day's minutes outside business hours. */
  readonly tier: OffHoursTier;
}

// Keyed by the calendar object, treated as immutable like the engine's compiled calendars; the Temporal
// work is in the zone's days, which all calendars of the zone share.
const calendarDays = new WeakMap<BusinessCalendar, Map<number, CalendarDay>>();

/** The calendar's local day holding the minute at `at`, or null where only the uncached path is exact. */
function calendarDayAt(calendar: BusinessCalendar, at: number): CalendarDay | null {
  const zoneDay = zoneDayAt(calendar.timeZone, at);
  if (zoneDay === null) return null;
  let days = calendarDays.get(calendar);
  if (days === undefined) {
    days = new Map();
    calendarDays.set(calendar, days);
  }
  let day = days.get(zoneDay.epochDay);
  if (day === undefined) {
    const from = Math.ceil(zoneDay.start / MINUTE) * MINUTE;
    const until = Math.ceil(zoneDay.next / MINUTE) * MINUTE;
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    const weekday = (((zoneDay.epochDay + 3) % 7) + 7) % 7;
    day = {
      until,
      business: businessIntervals(calendar, from, until).flat(),
      tier: offHoursTier(calendar, zoneDay.date, weekday),
    };
    days.set(zoneDay.epochDay, day);
  }
  return day;
}

function pushJoined(pieces: TierPiece[], start: number, end: number, tier: RateTier): void {
  const last = pieces[pieces.length - 1];
  if (last !== undefined && last.tier === tier && last.end === start) {
    pieces[pieces.length - 1] = { start: last.start, end, tier };
  } else {
    pieces.push({ start, end, tier });
  }
}

/** A holiday outranks a weekend: a holiday falling on a Saturday bills at the holiday tier. */
function offHoursTier(calendar: BusinessCalendar, date: string, weekday: number): OffHoursTier {
  if (calendar.holidays.includes(date)) return 'holiday';
  const ranges = calendar.weeklyHours[WEEKDAYS[weekday]!] ?? [];
  return ranges.some(isOpenRange) ? 'after_hours' : 'weekend';
}

/** "HH:MM" strings compare in clock order; an empty or reversed range opens nothing (as in the engine). */
function isOpenRange([start, end]: TimeRange): boolean {
  return start < end;
}

/** A recorded request covers work that starts at or after the moment it was recorded, never earlier work. */
export function isRequestedBefore(request: AfterHoursRequest | null, pieceStart: number): boolean {
  return request !== null && parseInstant(request.requestedAt, 'afterHoursRequest.requestedAt') <= pieceStart;
}

export const tierNouns: Record<OffHoursTier, string> = {
  after_hours: 'after hours',
  weekend: 'weekend',
  holiday: 'holiday',
};
export const tierAdjectives: Record<OffHoursTier, string> = {
  after_hours: 'after-hours',
  weekend: 'weekend',
  holiday: 'holiday',
};

/** Why a non-business piece does not earn its tier; only for a piece that `isRequestedBefore` rejected. */
export function missingRequestText(request: AfterHoursRequest | null, timeZone: string): string {
  if (request === null) return 'no client request for after-hours work was recorded';
  const at = parseInstant(request.requestedAt, 'afterHoursRequest.requestedAt');
  return `the client’s request was recorded on ${formatLocal(at, timeZone)}, after the work began`;
}

export function requestText(request: AfterHoursRequest, timeZone: string): string {
  const at = parseInstant(request.requestedAt, 'afterHoursRequest.requestedAt');
  return `requested by ${request.requestedBy} on ${formatLocal(at, timeZone)}`;
}
