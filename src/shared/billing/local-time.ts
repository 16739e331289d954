// Instants and local dates for classification: Temporal's answers, with the local days of each zone cached,
// because an invoice run asks about the same few days of the same zone tens of thousands of times.
import { Temporal } from 'temporal-polyfill';

const MINUTE = 60_000;
const DAY = 86_400_000;
/**
 * The cached paths cover years 1000–9999, where Date's UTC fields and ISO strings read like Temporal's
 * (four-digit years, no two-digit year mapping); anything else takes Temporal's path.
 */
const CACHED_FROM = Date.UTC(1000, 0, 1);
const CACHED_UNTIL = Date.UTC(9999, 0, 1);

/** One local date of a zone, as Temporal sees it. */
export interface ZoneDay {
  /** The local date as days since 1970-01-01. */
  readonly epochDay: number;
  /** "YYYY-MM-DD". */
  readonly date: string;
  /** The date's first instant (later than midnight when midnight is skipped), epoch ms. */
  readonly start: number;
  /** The next date's first instant: the day is [start, next). */
  readonly next: number;
  /** The zone's offset in ms at `start`, then each change within the day as [at, new offset] pairs. */
  readonly offsets: readonly number[];
  /** Every instant of [start, next) reads this date; false only where an offset change jumps across midnight. */
  readonly isUniform: boolean;
}

// One small entry per zone and local date ever asked about, kept for the process like the engine's zone tables.
const zoneDays = new Map<string, Map<number, ZoneDay>>();

/**
 * The local day holding `epochMs` in the zone, or null when Temporal must be asked instant by instant
 * (outside the cached years, or on a day an offset change makes the date jump back and forth).
 */
export function zoneDayAt(timeZone: string, epochMs: number): ZoneDay | null {
  if (!(epochMs >= CACHED_FROM && epochMs < CACHED_UNTIL)) return null;
  let days = zoneDays.get(timeZone);
  if (days === undefined) {
    days = new Map();
    zoneDays.set(timeZone, days);
  }
  // Offsets lie within a day of UTC, so the local date is the UTC date or one of its neighbours.
  const utcDay = Math.floor(epochMs / DAY);
  let day = dayOf(days, timeZone, utcDay);
  if (epochMs < day.start) day = dayOf(days, timeZone, utcDay - 1);
  else if (epochMs >= day.next) day = dayOf(days, timeZone, utcDay + 1);
  return day.isUniform && day.start <= epochMs && epochMs < day.next ? day : null;
}

function dayOf(days: Map<number, ZoneDay>, timeZone: string, epochDay: number): ZoneDay {
  let day = days.get(epochDay);
  if (day === undefined) {
    day = buildZoneDay(timeZone, epochDay);
    days.set(epochDay, day);
  }
  return day;
}

function buildZoneDay(timeZone: string, epochDay: number): ZoneDay {
  const utc = new Date(epochDay * DAY);
  const date = new Temporal.PlainDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
  // As the uncached tier split finds a day's end: toZonedDateTime picks the instant a skipped midnight ends.
  const start = date.toZonedDateTime(timeZone).epochMilliseconds;
  const next = date.add({ days: 1 }).toZonedDateTime(timeZone).epochMilliseconds;
  const text = date.toString();
  // Between offset changes the wall clock only moves forward, so if the date reads `text` at both ends of
  // the day and on both sides of every change within it, it reads `text` at every instant in between.
  const checks = [start, next - 1];
  const first = zonedAt(start, timeZone);
  const offsets = [first.offsetNanoseconds / 1e6];
  for (
    let change = first.getTimeZoneTransition('next');
    change !== null && change.epochMilliseconds < next;
    change = change.getTimeZoneTransition('next')
  ) {
    checks.push(change.epochMilliseconds - 1, change.epochMilliseconds);
    offsets.push(change.epochMilliseconds, change.offsetNanoseconds / 1e6);
  }
  const isUniform = start < next && checks.every((at) => temporalLocalDate(at, timeZone) === text);
  return { epochDay, date: text, start, next, offsets, isUniform };
}

function zonedAt(epochMs: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
}

function temporalLocalDate(epochMs: number, timeZone: string): string {
  return zonedAt(epochMs, timeZone).toPlainDate().toString();
}

/** The local date "YYYY-MM-DD" of an instant in a zone. */
export function localDate(epochMs: number, timeZone: string): string {
  return zoneDayAt(timeZone, epochMs)?.date ?? temporalLocalDate(epochMs, timeZone);
}

/** "2026-11-16 17:30" on the wall clock of the zone: how a clause shows a moment. */
export function formatLocal(epochMs: number, timeZone: string): string {
  const day = zoneDayAt(timeZone, epochMs);
  if (day !== null) {
    const offsets = day.offsets;
    let offset = offsets[0]!;
    for (let i = 1; i < offsets.length && offsets[i]! <= epochMs; i += 2) offset = offsets[i + 1]!;
    // Truncated to the minute like Temporal's; the day is uniform, so the wall clock reads its date.
    const minuteOfDay = Math.floor((epochMs + offset - day.epochDay * DAY) / MINUTE);
    return `${day.date} ${clocks[minuteOfDay]!}`;
  }
  return zonedAt(epochMs, timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
}

/** "HH:MM" of each minute of a day. */
const clocks = Array.from(
  { length: 1440 },
  (_, minute) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
);
/** "HH:MM:00Z" of each minute of a day, the end of an instant on a whole minute. */
const minuteEnds = clocks.map((clock) => `${clock}:00Z`);
// "YYYY-MM-DDT" by days since 1970-01-01: written once, shared by every segment starting that day.
const instantDays = new Map<number, string>();

/**
 * The instant as Temporal writes it ("2026-11-16T22:00:00Z"). Segments start on whole minutes, and tens of
 * thousands of them are written per run, so those are put together from two strings written once.
 */
export function formatInstant(epochMs: number): string {
  if (epochMs % MINUTE === 0 && epochMs >= CACHED_FROM && epochMs < CACHED_UNTIL) {
    const epochDay = Math.floor(epochMs / DAY);
    let prefix = instantDays.get(epochDay);
    if (prefix === undefined) {
      prefix = new Date(epochDay * DAY).toISOString().slice(0, 11);
      instantDays.set(epochDay, prefix);
    }
    return prefix + minuteEnds[(epochMs - epochDay * DAY) / MINUTE]!;
  }
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toString();
}

/**
 * Epoch ms of an ISO instant. The form Date and the server write ("2026-11-16T22:00:00.000Z") is read by
 * hand, digit by digit, because Temporal's parser is a large part of classifying an entry; anything else
 * (an offset, a leap second, 24:00, 02-30, an early year) is Temporal's to accept or refuse.
 */
export function parseInstant(text: string, name: string): number {
  const fast = parseUtcInstant(text);
  if (fast !== null) return fast;
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    throw new RangeError(`${name} must be an ISO 8601 instant with an offset, got '${text}'`);
  }
}

/** "YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z" with fields Temporal would accept as they are, else null. */
function parseUtcInstant(text: string): number | null {
  const length = text.length;
  if (length < 20 || text.charCodeAt(length - 1) !== 90 /* Z */) return null;
  const isShaped =
    text.charCodeAt(4) === 45 /* - */ &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 /* T */ &&
    text.charCodeAt(13) === 58 /* : */ &&
    text.charCodeAt(16) === 58;
  if (!isShaped) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let millisecond = 0;
  if (length > 20) {
    // A fraction of 1–9 digits; Temporal's epochMilliseconds drops what is below a millisecond.
    const fraction = length - 21;
    if (text.charCodeAt(19) !== 46 /* . */ || fraction < 1 || fraction > 9) return null;
    if (Number.isNaN(digits(text, 20, fraction))) return null;
    millisecond = digits(text, 20, Math.min(fraction, 3)) * 10 ** Math.max(0, 3 - fraction);
  }
  // NaN fails every comparison, so a non-digit anywhere ends here.
  const isValid =
    year >= 1000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  return isValid ? Date.UTC(year, month - 1, day, hour, minute, second, millisecond) : null;
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}
