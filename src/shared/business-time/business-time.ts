// Business-time engine: counts real elapsed minutes inside a calendar's local hours by interval arithmetic.
//
// Definition (shared with minute-oracle.ts): the minute starting at instant t is business time iff the
// wall clock at t, in the calendar's zone, reads a time inside one of that local date's ranges and the
// local date is not a holiday. Consequences: a repeated fall-back hour is counted each time the clock
// reads it; wall times skipped by a spring-forward never occur; a range boundary inside a gap maps to
// the instant the gap ends. Temporal supplies the zone's offset transitions; everything else is integer
// arithmetic on epoch milliseconds, so no minute is ever stepped.
import { Temporal } from 'temporal-polyfill';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local "HH:MM" start and end; "24:00" is allowed as an end. */
export type TimeRange = readonly [string, string];

/** Treated as immutable: its parsed form is cached per object. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly weeklyHours: Readonly<Record<Weekday, readonly TimeRange[]>>;
  /** Whole local dates "YYYY-MM-DD" with no business time. */
  readonly holidays: readonly string[];
}

/** An open interval [start, end) in epoch milliseconds, both on minute boundaries. */
export type BusinessInterval = readonly [start: number, end: number];

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A count gives up when this much consecutive time has no business time at all. */
export const SEARCH_HORIZON_MS = 366 * DAY;

// ---------------------------------------------------------------------------------------------------
// Zone offsets, learned lazily from Temporal and shared by every calendar in the zone.

class ZoneOffsets {
  /** Instants (ms) at which the offset changes, ascending. */
  private readonly transitions: number[] = [];
  /** offsets[i] holds before transitions[i]; the last one holds after the last transition. */
  private readonly offsets: number[];
  /** The table is exact for instants in [lo, hi]. */
  private lo: number;
  private hi: number;

  constructor(
    private readonly timeZone: string,
    at: number,
  ) {
    this.offsets = [offsetAt(timeZone, at)];
    this.lo = at;
    this.hi = at;
  }

  /**
   * Fills `out` with [segmentStart, segmentEnd, offset] triples covering [from, to), clipped to it.
   * Returns the number of triples written.
   */
  segments(from: number, to: number, out: number[]): number {
    if (from < this.lo) this.extendDown(from);
    if (to > this.hi) this.extendUp(to);
    const { transitions, offsets } = this;
    let lowIndex = 0;
    let highIndex = transitions.length;
    while (lowIndex < highIndex) {
      const mid = (lowIndex + highIndex) >> 1;
      if (transitions[mid]! <= from) lowIndex = mid + 1;
      else highIndex = mid;
    }
    let count = 0;
    let start = from;
    for (let i = lowIndex; start < to; i++) {
      const end = i < transitions.length ? Math.min(transitions[i]!, to) : to;
      out[count * 3] = start;
      out[count * 3 + 1] = end;
      out[count * 3 + 2] = offsets[i]!;
      count++;
      start = end;
    }
    return count;
  }

  private extendUp(target: number): void {
    while (this.hi < target) {
      const next = zonedAt(this.timeZone, this.hi).getTimeZoneTransition('next');
      if (next === null) {
        // "No transition" may only mean "none within the implementation's look-ahead", so trust it
        // for a bounded stretch and ask again beyond it.
        this.hi += SEARCH_HORIZON_MS;
      } else {
        const at = next.epochMilliseconds;
        this.transitions.push(at);
        this.offsets.push(next.offsetNanoseconds / 1e6);
        this.hi = at;
      }
    }
  }

  private extendDown(target: number): void {
    while (this.lo > target) {
      const previous = zonedAt(this.timeZone, this.lo).getTimeZoneTransition('previous');
      if (previous === null) {
        this.lo -= SEARCH_HORIZON_MS;
      } else {
        const at = previous.epochMilliseconds;
        this.transitions.unshift(at);
        this.offsets.unshift(offsetAt(this.timeZone, at - 1));
        this.lo = at;
      }
    }
  }
}

function zonedAt(timeZone: string, epochMs: number): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
}

function offsetAt(timeZone: string, epochMs: number): number {
  return zonedAt(timeZone, epochMs).offsetNanoseconds / 1e6;
}

const zoneTables = new Map<string, ZoneOffsets>();

function zoneTable(timeZone: string, near: number): ZoneOffsets {
  let table = zoneTables.get(timeZone);
  if (table === undefined) {
    table = new ZoneOffsets(timeZone, near);
    zoneTables.set(timeZone, table);
  }
  return table;
}

// ---------------------------------------------------------------------------------------------------
// Calendars, compiled once per object.

interface CompiledCalendar {
  readonly timeZone: string;
  /** Per ISO weekday (0 = Monday): merged, sorted [startMinute, endMinute, ...] of the local day. */
  readonly week: readonly (readonly number[])[];
  /** Holidays as days since 1970-01-01. */
  readonly holidays: ReadonlySet<number>;
  readonly hasHours: boolean;
}

const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(calendar: BusinessCalendar, near: number): CompiledCalendar {
  let compiled = compiledCalendars.get(calendar);
  if (compiled === undefined) {
    // Fails fast on an unknown zone instead of on the first lookup.
    zoneTable(calendar.timeZone, near);
    const week = WEEKDAYS.map((day) => mergeRanges(calendar.weeklyHours[day] ?? []));
    compiled = {
      timeZone: calendar.timeZone,
      week,
      holidays: new Set(calendar.holidays.map(parseEpochDay)),
      hasHours: week.some((ranges) => ranges.length > 0),
    };
    compiledCalendars.set(calendar, compiled);
  }
  return compiled;
}

/** Parses a day's ranges into merged, sorted minute pairs; hot when calendars arrive as new objects. */
function mergeRanges(ranges: readonly TimeRange[]): number[] {
  const parsed: number[] = [];
  for (const [startText, endText] of ranges) {
    const start = parseClock(startText);
    const end = parseClock(endText);
    if (start >= end) continue;
    let i = parsed.length;
    while (i > 0 && parsed[i - 2]! > start) i -= 2;
    parsed.splice(i, 0, start, end);
  }
  const merged: number[] = [];
  for (let i = 0; i < parsed.length; i += 2) {
    const start = parsed[i]!;
    const end = parsed[i + 1]!;
    const last = merged.length - 1;
    if (last > 0 && start <= merged[last]!) merged[last] = Math.max(merged[last]!, end);
    else merged.push(start, end);
  }
  return merged;
}

function parseClock(text: string): number {
  const hours = digitAt(text, 0) * 10 + digitAt(text, 1);
  const minutes = digitAt(text, 3) * 10 + digitAt(text, 4);
  const total = hours * 60 + minutes;
  if (text.length !== 5 || text.charCodeAt(2) !== 58 || !(minutes <= 59 && total <= 1440)) {
    throw new RangeError(`Invalid time '${text}'`);
  }
  return total;
}

function digitAt(text: string, index: number): number {
  const value = text.charCodeAt(index) - 48;
  return value >= 0 && value <= 9 ? value : Number.NaN;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseEpochDay(text: string): number {
  const match = ISO_DATE.exec(text);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]) - 1, Number(match[3])] : [0, 0, 0];
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  // Date rolls 02-30 over into March; a round trip exposes it.
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) {
    throw new RangeError(`Invalid date '${text}'`);
  }
  return date.getTime() / DAY;
}

// ---------------------------------------------------------------------------------------------------
// Open intervals of one span of instants.

/** 1970-01-01 was a Thursday (index 3 with Monday = 0). */
function weekdayIndex(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

function ceilToMinute(epochMs: number): number {
  return Math.ceil(epochMs / MINUTE) * MINUTE;
}

const segmentScratch: number[] = [];

/**
 * Appends to `out` the business intervals inside [from, to) as flat start/end pairs, sorted and with
 * touching intervals joined. `from` and `to` must be minute-aligned.
 */
function collectSpan(calendar: CompiledCalendar, from: number, to: number, out: number[]): void {
  const firstOut = out.length;
  const segments = segmentScratch;
  const segmentCount = zoneTable(calendar.timeZone, from).segments(from, to, segments);
  let minOffset = Number.POSITIVE_INFINITY;
  let maxOffset = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < segmentCount; k++) {
    const offset = segments[k * 3 + 2]!;
    if (offset < minOffset) minOffset = offset;
    if (offset > maxOffset) maxOffset = offset;
  }
  // Only local dates whose wall clock can occur during [from, to) can contribute.
  const firstDay = Math.floor((from + minOffset) / DAY);
  const lastDay = Math.floor((to - 1 + maxOffset) / DAY);
  for (let day = firstDay; day <= lastDay; day++) {
    if (calendar.holidays.has(day)) continue;
    const ranges = calendar.week[weekdayIndex(day)]!;
    for (let r = 0; r < ranges.length; r += 2) {
      const localStart = day * DAY + ranges[r]! * MINUTE;
      const localEnd = day * DAY + ranges[r + 1]! * MINUTE;
      // Within one offset segment the wall clock is instant + offset, so the instants whose wall
      // clock lies in [localStart, localEnd) are one interval; a segment boundary can split a range
      // (fall-back: read twice) or shorten it (spring-forward: the skipped part never occurs).
      for (let k = 0; k < segmentCount; k++) {
        const offset = segments[k * 3 + 2]!;
        const start = ceilToMinute(Math.max(segments[k * 3]!, localStart - offset));
        const end = ceilToMinute(Math.min(segments[k * 3 + 1]!, localEnd - offset));
        if (start < end) insertSorted(out, firstOut, start, end);
      }
    }
  }
}

/** Pieces arrive nearly sorted (only a fall-back interleaves them), so insertion is cheap. */
function insertSorted(out: number[], firstOut: number, start: number, end: number): void {
  const length = out.length;
  if (length === firstOut || out[length - 1]! < start) {
    out.push(start, end);
    return;
  }
  let i = length;
  while (i > firstOut && out[i - 2]! > start) i -= 2;
  if (i > firstOut && out[i - 1]! === start) {
    out[i - 1] = end;
    if (i < out.length && out[i] === end) {
      out[i - 1] = out[i + 1]!;
      out.splice(i, 2);
    }
  } else if (i < out.length && out[i] === end) {
    out[i] = start;
  } else {
    out.splice(i, 0, start, end);
  }
}

/** Spans grow so a short count stays cheap and a long one needs few passes. */
const FIRST_SPAN = 2 * DAY;
const LONGEST_SPAN = 32 * DAY;

/**
 * Calls `visit(start, end)` for each business interval in [from, to) in order until it returns false,
 * or until `maxGap` ms pass without business time after `from` or after the last visited interval.
 * Intervals that touch across span boundaries are reported separately.
 */
function scan(
  calendar: CompiledCalendar,
  from: number,
  to: number,
  maxGap: number,
  visit: (start: number, end: number) => boolean,
): void {
  const buffer: number[] = [];
  let lastEnd = from;
  let spanLength = FIRST_SPAN;
  for (let spanStart = from; spanStart < to; ) {
    if (spanStart - lastEnd >= maxGap) return;
    const spanEnd = Math.min(spanStart + spanLength, to);
    buffer.length = 0;
    collectSpan(calendar, spanStart, spanEnd, buffer);
    for (let i = 0; i < buffer.length; i += 2) {
      const start = buffer[i]!;
      const end = buffer[i + 1]!;
      if (start - lastEnd >= maxGap || !visit(start, end)) return;
      lastEnd = end;
    }
    spanStart = spanEnd;
    spanLength = Math.min(spanLength * 2, LONGEST_SPAN);
  }
}

function truncateToMinute(epochMs: number, name: string): number {
  if (!Number.isFinite(epochMs)) throw new RangeError(`${name} must be a finite epoch in milliseconds`);
  return Math.floor(epochMs / MINUTE) * MINUTE;
}

// ---------------------------------------------------------------------------------------------------
// Public API.

/**
 * The instant (epoch ms, minute-aligned) at which `minutes` business minutes have elapsed since
 * `fromEpochMs` (truncated to the minute). Counting starts at the next opening when `from` is outside
 * hours, so `minutes = 0` returns `from` inside hours and the next opening otherwise. A count that
 * ends exactly at a closing returns that closing. Returns null when the count would have to cross
 * 366 consecutive days without business time (an empty calendar, or holidays covering every open day).
 */
export function addBusinessMinutes(
  calendar: BusinessCalendar,
  fromEpochMs: number,
  minutes: number,
): number | null {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a non-negative integer, got ${minutes}`);
  }
  const from = truncateToMinute(fromEpochMs, 'fromEpochMs');
  const compiled = compile(calendar, from);
  if (!compiled.hasHours) return null;
  let remaining = minutes;
  let result: number | null = null;
  scan(compiled, from, Number.POSITIVE_INFINITY, SEARCH_HORIZON_MS, (start, end) => {
    const available = (end - start) / MINUTE;
    if (remaining <= available) {
      result = start + remaining * MINUTE;
      return false;
    }
    remaining -= available;
    return true;
  });
  return result;
}

/** Business minutes in [from, to), both truncated to the minute; 0 when `to <= from`. */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  fromEpochMs: number,
  toEpochMs: number,
): number {
  const from = truncateToMinute(fromEpochMs, 'fromEpochMs');
  const to = truncateToMinute(toEpochMs, 'toEpochMs');
  if (to <= from) return 0;
  const compiled = compile(calendar, from);
  if (!compiled.hasHours) return 0;
  let total = 0;
  scan(compiled, from, to, Number.POSITIVE_INFINITY, (start, end) => {
    total += end - start;
    return true;
  });
  return total / MINUTE;
}

/**
 * The maximal business intervals inside [from, to) (both truncated to the minute), in order, as
 * [start, end) epoch ms pairs — for subtracting pauses from open time.
 */
export function businessIntervals(
  calendar: BusinessCalendar,
  fromEpochMs: number,
  toEpochMs: number,
): BusinessInterval[] {
  const from = truncateToMinute(fromEpochMs, 'fromEpochMs');
  const to = truncateToMinute(toEpochMs, 'toEpochMs');
  const intervals: [number, number][] = [];
  if (to <= from) return intervals;
  const compiled = compile(calendar, from);
  if (!compiled.hasHours) return intervals;
  scan(compiled, from, to, Number.POSITIVE_INFINITY, (start, end) => {
    const last = intervals[intervals.length - 1];
    if (last !== undefined && last[1] === start) last[1] = end;
    else intervals.push([start, end]);
    return true;
  });
  return intervals;
}
