// Seeded generator of business-time cases aimed at DST oddities; shared by the property test and the bench.
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar, TimeRange, Weekday } from './business-time.ts';
import { WEEKDAYS } from './business-time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Zones chosen for their transitions: half-hour and two-hour shifts, midnight changes, odd offsets. */
export const CASE_TIME_ZONES = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Europe/Dublin', // negative DST in tzdata: winter is the "summer" offset
  'Australia/Sydney',
  'Australia/Lord_Howe', // 30-minute DST
  'Pacific/Chatham', // +12:45 / +13:45
  'America/Santiago', // changes at midnight
  'America/Havana', // changes at midnight
  'Asia/Beirut', // changes at midnight
  'America/Asuncion',
  'America/St_Johns', // -03:30 / -02:30
  'Antarctica/Troll', // two-hour DST
  'Asia/Tehran',
  'Asia/Kathmandu', // +05:45
  'Pacific/Kiritimati', // +14
  'Pacific/Pago_Pago', // -11
  'Africa/Casablanca', // DST suspended during Ramadan
] as const;

export interface BusinessTimeCase {
  readonly calendar: BusinessCalendar;
  readonly fromEpochMs: number;
  readonly minutes: number;
  /** End of the span for businessMinutesBetween, at most a week after `fromEpochMs`. */
  readonly toEpochMs: number;
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG; deterministic across platforms. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WINDOW_START = Date.UTC(2025, 0, 1);
const WINDOW_END = Date.UTC(2028, 0, 1);
/** Zones without DST get ordinary quarter starts as anchors instead of transitions. */
const QUARTER_STARTS = Array.from({ length: 12 }, (_, i) =>
  Date.UTC(2025 + Math.floor(i / 4), (i % 4) * 3, 1),
);
const anchorsByZone = new Map<string, number[]>();

/** Instants that cases start near: the zone's offset changes in 2025–2027 (computed once per zone). */
function anchorsOf(timeZone: string): number[] {
  let anchors = anchorsByZone.get(timeZone);
  if (!anchors) {
    anchors = [];
    let cursor = Temporal.Instant.fromEpochMilliseconds(WINDOW_START).toZonedDateTimeISO(timeZone);
    for (;;) {
      const next = cursor.getTimeZoneTransition('next');
      if (next === null || next.epochMilliseconds >= WINDOW_END) break;
      anchors.push(next.epochMilliseconds);
      cursor = next;
    }
    if (anchors.length === 0) anchors = QUARTER_STARTS;
    anchorsByZone.set(timeZone, anchors);
  }
  return anchors;
}

/** Boundaries that straddle the usual transition hours, midnight and ordinary office hours. */
const INTERESTING_MINUTES = [
  0, 30, 60, 90, 120, 150, 180, 210, 240, 420, 480, 510, 540, 720, 780, 1020, 1080, 1260, 1380, 1410, 1440,
];

function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function localDateOf(epochMs: number, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDate();
}

export function generateCases(count: number, seed: number): BusinessTimeCase[] {
  const random = createRandom(seed);
  const integer = (below: number): number => Math.floor(random() * below);
  const pick = <T>(items: readonly T[]): T => items[integer(items.length)]!;

  const boundary = (): number => (random() < 0.7 ? pick(INTERESTING_MINUTES) : integer(97) * 15);

  const dayRanges = (): TimeRange[] => {
    const shape = random();
    if (shape < 0.3) return [];
    if (shape < 0.4) return [['00:00', '24:00']];
    const rangeCount = 1 + integer(3);
    const points = new Set<number>();
    while (points.size < rangeCount * 2) points.add(boundary());
    const sorted = [...points].sort((a, b) => a - b);
    const ranges: [number, number][] = [];
    for (let i = 0; i < sorted.length; i += 2) ranges.push([sorted[i]!, sorted[i + 1]!]);
    // Sometimes make neighbours touch, to check that adjacent ranges join.
    for (let i = 1; i < ranges.length; i++) {
      if (random() < 0.25) ranges[i]![0] = ranges[i - 1]![1];
    }
    const written = ranges.map(([start, end]): TimeRange => [formatClock(start), formatClock(end)]);
    return random() < 0.3 ? written.reverse() : written;
  };

  const weeklyHours = (): Record<Weekday, TimeRange[]> => {
    const shape = random();
    const hours = {} as Record<Weekday, TimeRange[]>;
    for (const day of WEEKDAYS) {
      if (shape < 0.002) hours[day] = [];
      else if (shape < 0.05) hours[day] = [['00:00', '24:00']];
      else if (shape < 0.15) hours[day] = day === 'sat' || day === 'sun' ? [] : [['09:00', '17:00']];
      else hours[day] = dayRanges();
    }
    return hours;
  };

  const cases: BusinessTimeCase[] = [];
  for (let i = 0; i < count; i++) {
    const timeZone = pick(CASE_TIME_ZONES);
    // Up to six days before an anchor so that the week a case spans usually contains it.
    let fromEpochMs = pick(anchorsOf(timeZone)) - 6 * DAY + integer(8 * DAY);
    if (random() < 0.7) fromEpochMs = Math.floor(fromEpochMs / MINUTE) * MINUTE;

    const hours = weeklyHours();
    const holidays: string[] = [];
    const holidayCount = integer(4);
    const firstDate = localDateOf(fromEpochMs, timeZone);
    for (let h = 0; h < holidayCount; h++) {
      holidays.push(firstDate.add({ days: integer(9) - 1 }).toString());
    }
    const calendar: BusinessCalendar = { timeZone, weeklyHours: hours, holidays };

    // A week's nominal business time keeps a count within about a week (holidays can stretch it).
    let weeklyMinutes = 0;
    for (const day of WEEKDAYS) {
      for (const [start, end] of hours[day]) {
        const [startHours, startMinutes] = start.split(':').map(Number);
        const [endHours, endMinutes] = end.split(':').map(Number);
        weeklyMinutes += endHours! * 60 + endMinutes! - (startHours! * 60 + startMinutes!);
      }
    }
    const minutes = random() < 0.05 ? 0 : integer(weeklyMinutes + 1);
    const toEpochMs = fromEpochMs + integer(7 * DAY + 1);
    cases.push({ calendar, fromEpochMs, minutes, toEpochMs });
  }
  return cases;
}
