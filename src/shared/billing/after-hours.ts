// Rate tiers of a stretch of work: cut at business-hour boundaries and local midnights, plus the client-request rule.
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar, TimeRange } from '../business-time/business-time.ts';
import { businessIntervals, WEEKDAYS } from '../business-time/business-time.ts';

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
 */
export function splitByTier(calendar: BusinessCalendar | null, start: number, end: number): TierPiece[] {
  const pieces: TierPiece[] = [];
  if (calendar === null) {
    pieces.push({ start, end, tier: 'business' });
    return pieces;
  }
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
    pushJoined(pieces, cursor, pieceEnd, offHoursTier(calendar, date));
    cursor = pieceEnd;
  }
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
function offHoursTier(calendar: BusinessCalendar, date: Temporal.PlainDate): OffHoursTier {
  if (calendar.holidays.includes(date.toString())) return 'holiday';
  const ranges = calendar.weeklyHours[WEEKDAYS[date.dayOfWeek - 1]!] ?? [];
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

/** "2026-11-16 17:30" on the wall clock of the zone: how a clause shows a moment. */
export function formatLocal(epochMs: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' })
    .replace('T', ' ');
}

/** The local date "YYYY-MM-DD" of an instant in a zone. */
export function localDate(epochMs: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

export function parseInstant(text: string, name: string): number {
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    throw new RangeError(`${name} must be an ISO 8601 instant with an offset, got '${text}'`);
  }
}
