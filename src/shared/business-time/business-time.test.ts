// Table-driven cases for the business-time engine, including DST changes in odd zones and holidays.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, TimeRange, Weekday } from './business-time.ts';
import { addBusinessMinutes, businessIntervals, businessMinutesBetween, WEEKDAYS } from './business-time.ts';

function buildCalendar(
  timeZone: string,
  hours: Partial<Record<Weekday, TimeRange[]>>,
  holidays: string[] = [],
): BusinessCalendar {
  const weeklyHours = Object.fromEntries(WEEKDAYS.map((day) => [day, hours[day] ?? []])) as Record<
    Weekday,
    TimeRange[]
  >;
  return { timeZone, weeklyHours, holidays };
}

const nineToFive: TimeRange[] = [['09:00', '17:00']];
const officeHours = (timeZone: string, holidays: string[] = []) =>
  buildCalendar(
    timeZone,
    { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
    holidays,
  );
const allDay: TimeRange[] = [['00:00', '24:00']];
const allWeek = (timeZone: string, holidays: string[] = []) =>
  buildCalendar(timeZone, Object.fromEntries(WEEKDAYS.map((day) => [day, allDay])), holidays);

/** "2026-11-16T10:00-05:00" -> epoch ms; the offset makes every instant unambiguous. */
const at = (isoWithOffset: string) => Temporal.Instant.from(isoWithOffset).epochMilliseconds;

/** Renders a result in the calendar's zone so expectations read as local times. */
function local(epochMs: number | null, timeZone: string): string | null {
  if (epochMs === null) return null;
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  return zoned.toString({ timeZoneName: 'never', smallestUnit: 'minute' });
}

const newYork = officeHours('America/New_York');

// 2026-11-16 is a Monday; New York is at -05:00 then.
describe('addBusinessMinutes in plain office hours', () => {
  it.each([
    ['counts inside one day', '2026-11-16T10:00-05:00', 60, '2026-11-16T11:00-05:00'],
    [
      'returns the closing when the count ends exactly there',
      '2026-11-16T16:00-05:00',
      60,
      '2026-11-16T17:00-05:00',
    ],
    ['carries the rest over to the next opening', '2026-11-16T16:00-05:00', 120, '2026-11-17T10:00-05:00'],
    [
      'starts counting at the next opening after hours',
      '2026-11-16T18:00-05:00',
      30,
      '2026-11-17T09:30-05:00',
    ],
    [
      'starts counting before the opening at the opening',
      '2026-11-16T06:15-05:00',
      30,
      '2026-11-16T09:30-05:00',
    ],
    ['skips the weekend', '2026-11-21T12:00-05:00', 30, '2026-11-23T09:30-05:00'],
    ['carries Friday afternoon over to Monday', '2026-11-20T16:30-05:00', 60, '2026-11-23T09:30-05:00'],
    ['spans whole weeks', '2026-11-16T09:00-05:00', 5 * 480, '2026-11-20T17:00-05:00'],
    ['returns `from` for zero minutes inside hours', '2026-11-16T10:00-05:00', 0, '2026-11-16T10:00-05:00'],
    [
      'returns the next opening for zero minutes outside hours',
      '2026-11-16T20:00-05:00',
      0,
      '2026-11-17T09:00-05:00',
    ],
    ['treats a closing instant as outside hours', '2026-11-16T17:00-05:00', 0, '2026-11-17T09:00-05:00'],
    ['treats an opening instant as inside hours', '2026-11-16T09:00-05:00', 0, '2026-11-16T09:00-05:00'],
  ])('%s', (_name, from, minutes, expected) => {
    expect(local(addBusinessMinutes(newYork, at(from), minutes), 'America/New_York')).toBe(expected);
  });

  it('truncates `from` to the minute before counting', () => {
    const from = at('2026-11-16T10:00:59.999-05:00');
    expect(local(addBusinessMinutes(newYork, from, 1), 'America/New_York')).toBe('2026-11-16T10:01-05:00');
    expect(addBusinessMinutes(newYork, from, 0)).toBe(at('2026-11-16T10:00-05:00'));
  });

  it('rejects negative or fractional minutes', () => {
    expect(() => addBusinessMinutes(newYork, 0, -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(newYork, 0, 1.5)).toThrow(RangeError);
  });

  it('rejects an unknown time zone', () => {
    expect(() => addBusinessMinutes(officeHours('Mars/Olympus'), 0, 1)).toThrow(RangeError);
  });
});

describe('ranges, 24:00 and holidays', () => {
  const split = buildCalendar('Europe/London', {
    mon: [
      ['13:00', '17:00'],
      ['08:00', '12:00'],
    ],
  });
  const adjacent = buildCalendar('Europe/London', {
    mon: [
      ['12:00', '17:00'],
      ['08:00', '12:00'],
    ],
  });
  const overnight = buildCalendar('Europe/London', { mon: [['20:00', '24:00']], tue: [['00:00', '04:00']] });
  // 2026-11-18 is a Wednesday.
  const withHoliday = officeHours('Europe/London', ['2026-11-18']);

  it.each([
    ['skips the lunch break of unsorted ranges', split, '2026-11-16T11:30Z', 60, '2026-11-16T13:30Z'],
    ['crosses adjacent ranges seamlessly', adjacent, '2026-11-16T11:30Z', 60, '2026-11-16T12:30Z'],
    ['joins 24:00 with the next day’s 00:00', overnight, '2026-11-16T23:00Z', 120, '2026-11-17T01:00Z'],
    ['ends at 24:00 exactly', overnight, '2026-11-16T23:00Z', 60, '2026-11-17T00:00Z'],
    ['skips a holiday in the middle', withHoliday, '2026-11-17T16:00Z', 120, '2026-11-19T10:00Z'],
    ['skips a holiday on the start day', withHoliday, '2026-11-18T10:00Z', 30, '2026-11-19T09:30Z'],
    [
      'counts every minute in a 24x7 calendar',
      allWeek('UTC'),
      '2026-11-16T10:07Z',
      10_000,
      '2026-11-23T08:47Z',
    ],
  ])('%s', (_name, calendar, from, minutes, expected) => {
    expect(local(addBusinessMinutes(calendar, at(from), minutes), 'UTC')).toBe(local(at(expected), 'UTC'));
  });

  it('reports adjacent ranges and 24:00/00:00 as one interval', () => {
    const week = [at('2026-11-16T00:00Z'), at('2026-11-23T00:00Z')] as const;
    expect(businessIntervals(adjacent, ...week)).toEqual([
      [at('2026-11-16T08:00Z'), at('2026-11-16T17:00Z')],
    ]);
    expect(businessIntervals(overnight, ...week)).toEqual([
      [at('2026-11-16T20:00Z'), at('2026-11-17T04:00Z')],
    ]);
  });

  it('clips intervals to the requested span', () => {
    expect(businessIntervals(newYork, at('2026-11-16T10:00-05:00'), at('2026-11-17T10:00-05:00'))).toEqual([
      [at('2026-11-16T10:00-05:00'), at('2026-11-16T17:00-05:00')],
      [at('2026-11-17T09:00-05:00'), at('2026-11-17T10:00-05:00')],
    ]);
  });
});

/** Business minutes of one local date under a calendar open on that date only. */
function minutesOnDate(timeZone: string, date: string, ranges: TimeRange[]): number {
  const day = Temporal.PlainDate.from(date);
  const weekday = WEEKDAYS[day.dayOfWeek - 1]!;
  const calendar = buildCalendar(timeZone, { [weekday]: ranges });
  const from = day.subtract({ days: 1 }).toZonedDateTime(timeZone).epochMilliseconds;
  const to = day.add({ days: 2 }).toZonedDateTime(timeZone).epochMilliseconds;
  return businessMinutesBetween(calendar, from, to);
}

describe('daylight-saving changes', () => {
  it.each([
    ['New York spring-forward day', 'America/New_York', '2026-03-08', allDay, 1380],
    ['New York fall-back day', 'America/New_York', '2026-11-01', allDay, 1500],
    [
      'range across the skipped hour keeps only real minutes',
      'America/New_York',
      '2026-03-08',
      [['01:00', '03:00']],
      60,
    ],
    ['range ending inside the skipped hour', 'America/New_York', '2026-03-08', [['01:30', '02:30']], 30],
    ['range entirely inside the skipped hour', 'America/New_York', '2026-03-08', [['02:15', '02:45']], 0],
    [
      'range covering the repeated hour counts it twice',
      'America/New_York',
      '2026-11-01',
      [['01:00', '02:00']],
      120,
    ],
    // The clock reads 01:30–02:00, falls back to 01:00 (closed again) and reaches 01:30 once more.
    [
      'range opening inside the repeated hour opens each time the clock reads it',
      'America/New_York',
      '2026-11-01',
      [['01:30', '03:00']],
      120,
    ],
    // Open 00:00–01:30 EDT, closed 01:30–02:00 EDT, open again 01:00–01:30 EST.
    ['range closing inside the repeated hour', 'America/New_York', '2026-11-01', [['00:00', '01:30']], 120],
    ['Lord Howe half-hour fall-back', 'Australia/Lord_Howe', '2026-04-05', allDay, 1470],
    ['Lord Howe half-hour spring-forward', 'Australia/Lord_Howe', '2026-10-04', allDay, 1410],
    [
      'Lord Howe range across the half-hour gap',
      'Australia/Lord_Howe',
      '2026-10-04',
      [['01:00', '03:00']],
      90,
    ],
    ['Chatham fall-back (+13:45 to +12:45)', 'Pacific/Chatham', '2026-04-05', allDay, 1500],
    ['Chatham spring-forward', 'Pacific/Chatham', '2026-09-27', allDay, 1380],
    ['Santiago repeats 23:00 on Saturday night', 'America/Santiago', '2026-04-04', [['23:00', '24:00']], 120],
    ['Santiago skips Sunday 00:00–01:00', 'America/Santiago', '2026-09-06', [['00:00', '01:00']], 0],
    ['Havana skips Sunday midnight to 01:00', 'America/Havana', '2026-03-08', allDay, 1380],
    ['Samoa skipped 2011-12-30 when it crossed the date line', 'Pacific/Apia', '2011-12-30', allDay, 0],
    ['Beirut repeats Saturday 23:00', 'Asia/Beirut', '2026-10-24', [['22:00', '24:00']], 180],
  ] as const)('%s', (_name, timeZone, date, ranges, expected) => {
    expect(minutesOnDate(timeZone, date, [...ranges] as TimeRange[])).toBe(expected);
  });

  it('adds across the New York fall-back night in real minutes', () => {
    const calendar = allWeek('America/New_York');
    expect(addBusinessMinutes(calendar, at('2026-11-01T00:00-04:00'), 1500)).toBe(
      at('2026-11-02T00:00-05:00'),
    );
    expect(addBusinessMinutes(calendar, at('2026-11-01T01:30-04:00'), 60)).toBe(at('2026-11-01T01:30-05:00'));
  });

  it('opens a range that starts in the skipped hour when the gap ends', () => {
    const calendar = buildCalendar('America/New_York', { sun: [['02:30', '04:00']] });
    expect(addBusinessMinutes(calendar, at('2026-03-08T00:00-05:00'), 0)).toBe(at('2026-03-08T03:00-04:00'));
    expect(addBusinessMinutes(calendar, at('2026-03-08T00:00-05:00'), 60)).toBe(at('2026-03-08T04:00-04:00'));
  });

  it('counts office hours in Chatham (+13:45)', () => {
    const calendar = officeHours('Pacific/Chatham');
    expect(local(addBusinessMinutes(calendar, at('2026-11-20T16:00+13:45'), 120), 'Pacific/Chatham')).toBe(
      '2026-11-23T10:00+13:45',
    );
  });

  it.each([
    ['Pacific/Kiritimati', '2026-11-16T08:00+14:00', '2026-11-16T09:30+14:00'],
    ['Pacific/Pago_Pago', '2026-11-16T08:00-11:00', '2026-11-16T09:30-11:00'],
  ])('counts office hours in %s', (timeZone, from, expected) => {
    expect(addBusinessMinutes(officeHours(timeZone), at(from), 30)).toBe(at(expected));
  });
});

describe('calendars without business time', () => {
  it('returns null when no weekday has hours, and counts nothing', () => {
    const closed = buildCalendar('Europe/London', {});
    expect(addBusinessMinutes(closed, at('2026-11-16T10:00Z'), 0)).toBeNull();
    expect(addBusinessMinutes(closed, at('2026-11-16T10:00Z'), 60)).toBeNull();
    expect(businessMinutesBetween(closed, at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z'))).toBe(0);
  });

  const mondaysFrom = (first: string, count: number) =>
    Array.from({ length: count }, (_, week) =>
      Temporal.PlainDate.from(first).add({ weeks: week }).toString(),
    );

  it('returns null when every open day of the next 366 days is a holiday', () => {
    const calendar = buildCalendar('Europe/London', { mon: nineToFive }, mondaysFrom('2026-11-16', 60));
    expect(addBusinessMinutes(calendar, at('2026-11-16T10:00Z'), 30)).toBeNull();
  });

  it('still finds an opening after a long run of holidays shorter than 366 days', () => {
    const calendar = buildCalendar('Europe/London', { mon: nineToFive }, mondaysFrom('2026-11-16', 50));
    expect(local(addBusinessMinutes(calendar, at('2026-11-16T10:00Z'), 30), 'Europe/London')).toBe(
      '2027-11-01T09:30+00:00',
    );
  });
});

describe('businessMinutesBetween agrees with addBusinessMinutes', () => {
  const calendars = [
    newYork,
    allWeek('America/New_York'),
    officeHours('Australia/Lord_Howe', ['2026-04-06']),
    buildCalendar('America/Santiago', { sat: [['20:00', '24:00']], sun: [['00:00', '03:00']] }),
  ];
  const froms = ['2026-03-06T15:17Z', '2026-04-03T22:00Z', '2026-10-30T12:00Z', '2026-11-16T03:59Z'];
  const spansInMinutes = [0, 1, 59, 600, 1439, 4000, 9000];

  it.each(
    calendars.flatMap((calendar) =>
      froms.flatMap((from) =>
        spansInMinutes.map((span) => [calendar.timeZone, calendar, from, span] as const),
      ),
    ),
  )('in %s', (_zone, calendar, fromIso, span) => {
    const from = at(fromIso);
    const to = from + span * 60_000;
    const between = businessMinutesBetween(calendar, from, to);
    const reached = addBusinessMinutes(calendar, from, between);
    expect(reached).not.toBeNull();
    // With nothing counted, the answer is the next opening, which may lie beyond `to`.
    if (between > 0) expect(reached!).toBeLessThanOrEqual(to);
    expect(businessMinutesBetween(calendar, from, reached!)).toBe(between);
    const further = addBusinessMinutes(calendar, from, between + 1)!;
    expect(further).toBeGreaterThan(to);
    expect(businessMinutesBetween(calendar, from, further)).toBe(between + 1);
    const intervals = businessIntervals(calendar, from, to);
    expect(intervals.reduce((sum, [start, end]) => sum + (end - start) / 60_000, 0)).toBe(between);
  });

  it('is zero for an empty or inverted span', () => {
    expect(businessMinutesBetween(newYork, at('2026-11-16T12:00Z'), at('2026-11-16T12:00Z'))).toBe(0);
    expect(businessMinutesBetween(newYork, at('2026-11-16T18:00Z'), at('2026-11-16T12:00Z'))).toBe(0);
  });
});
