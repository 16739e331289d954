// Reference oracle for the business-time engine: decides every real minute on its own, slowly and
// obviously. A minute starting at instant t is business time iff the wall clock at t (from Intl, not
// Temporal, so the two share no offset code) reads a time inside a range of a non-holiday local date.
import type { BusinessCalendar } from './business-time.ts';
import { SEARCH_HORIZON_MS, WEEKDAYS } from './business-time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/**
 * Offsets are sampled once per 15-minute slot (modern changes fall on quarter hours); a slot whose two
 * ends disagree is resolved minute by minute, so historic changes at odd seconds are still exact.
 */
const SLOT = 15 * MINUTE;

interface OracleCalendar {
  readonly offsetAt: (epochMs: number) => number;
  /** Per weekday (0 = Monday): [startMs, endMs) pairs of the local day, as written. */
  readonly ranges: readonly (readonly (readonly [number, number])[])[];
  readonly holidays: ReadonlySet<number>;
  /** Lets a year-long search of an empty calendar skip a year of offset lookups. */
  readonly isEmpty: boolean;
}

const zoneOffsetReaders = new Map<string, (epochMs: number) => number>();

function offsetReader(timeZone: string): (epochMs: number) => number {
  const cached = zoneOffsetReaders.get(timeZone);
  if (cached) return cached;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const exact = (epochMs: number): number => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(epochMs)) parts[part.type] = Number(part.value);
    const wall = new Date(0);
    wall.setUTCFullYear(parts.year!, parts.month! - 1, parts.day!);
    wall.setUTCHours(parts.hour!, parts.minute!, parts.second!, 0);
    return wall.getTime() - (epochMs - (((epochMs % 1000) + 1000) % 1000));
  };
  const slotOffsets = new Map<number, number>();
  const slotOffset = (slot: number): number => {
    let offset = slotOffsets.get(slot);
    if (offset === undefined) {
      offset = exact(slot * SLOT);
      slotOffsets.set(slot, offset);
    }
    return offset;
  };
  const exactMinutes = new Map<number, number>();
  // Consecutive minutes mostly share a slot; remembering the last one keeps 10,000 cases fast.
  let lastSlot = Number.NaN;
  let lastSlotIsSteady = false;
  let lastOffset = 0;
  const reader = (epochMs: number): number => {
    const slot = Math.floor(epochMs / SLOT);
    if (slot !== lastSlot) {
      lastSlot = slot;
      lastOffset = slotOffset(slot);
      lastSlotIsSteady = lastOffset === slotOffset(slot + 1);
    }
    if (lastSlotIsSteady) return lastOffset;
    // A change inside this slot (or at its end): ask about this very minute instead.
    let minuteOffset = exactMinutes.get(epochMs);
    if (minuteOffset === undefined) {
      minuteOffset = exact(epochMs);
      exactMinutes.set(epochMs, minuteOffset);
    }
    return minuteOffset;
  };
  zoneOffsetReaders.set(timeZone, reader);
  return reader;
}

function parseClockMs(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return ((hours ?? 0) * 60 + (minutes ?? 0)) * MINUTE;
}

function epochDayOf(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  return Math.round(date.getTime() / DAY);
}

const prepared = new WeakMap<BusinessCalendar, OracleCalendar>();

function prepare(calendar: BusinessCalendar): OracleCalendar {
  let oracle = prepared.get(calendar);
  if (!oracle) {
    const ranges = WEEKDAYS.map((day) =>
      calendar.weeklyHours[day].map(([start, end]) => [parseClockMs(start), parseClockMs(end)] as const),
    );
    oracle = {
      offsetAt: offsetReader(calendar.timeZone),
      ranges,
      holidays: new Set(calendar.holidays.map(epochDayOf)),
      isEmpty: ranges.every((dayRanges) => dayRanges.length === 0),
    };
    prepared.set(calendar, oracle);
  }
  return oracle;
}

function isBusinessMinute(oracle: OracleCalendar, epochMs: number): boolean {
  if (oracle.isEmpty) return false;
  const wall = epochMs + oracle.offsetAt(epochMs);
  const day = Math.floor(wall / DAY);
  if (oracle.holidays.has(day)) return false;
  const timeOfDay = wall - day * DAY;
  // 1970-01-01 was a Thursday.
  const weekday = (((day + 3) % 7) + 7) % 7;
  for (const [start, end] of oracle.ranges[weekday]!) {
    if (timeOfDay >= start && timeOfDay < end) return true;
  }
  return false;
}

/** Same contract as addBusinessMinutes, decided minute by minute. */
export function oracleAddBusinessMinutes(
  calendar: BusinessCalendar,
  fromEpochMs: number,
  minutes: number,
): number | null {
  const oracle = prepare(calendar);
  let t = Math.floor(fromEpochMs / MINUTE) * MINUTE;
  let idleSince = t;
  let counted = 0;
  for (;;) {
    if (t - idleSince >= SEARCH_HORIZON_MS) return null;
    if (isBusinessMinute(oracle, t)) {
      if (counted === minutes) return t;
      counted++;
      idleSince = t + MINUTE;
      if (counted === minutes) return t + MINUTE;
    }
    t += MINUTE;
  }
}

/** Same contract as businessMinutesBetween, decided minute by minute. */
export function oracleBusinessMinutesBetween(
  calendar: BusinessCalendar,
  fromEpochMs: number,
  toEpochMs: number,
): number {
  const oracle = prepare(calendar);
  const to = Math.floor(toEpochMs / MINUTE) * MINUTE;
  let count = 0;
  for (let t = Math.floor(fromEpochMs / MINUTE) * MINUTE; t < to; t += MINUTE) {
    if (isBusinessMinute(oracle, t)) count++;
  }
  return count;
}
