// Validation messages of the business calendar definition, one table row per rule.
import { describe, expect, it } from 'vitest';
import type { CalendarDefinitionInput } from './calendar-schema.ts';
import { calendarDefinitionSchema } from './calendar-schema.ts';

const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

function buildDefinition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timeZone: 'Europe/London',
    weeklyHours: { ...closedWeek, mon: [['09:00', '17:00']] },
    holidays: [],
    ...overrides,
  };
}

const withMonday = (ranges: unknown[]) => buildDefinition({ weeklyHours: { ...closedWeek, mon: ranges } });

/** "path: message" for each issue, so a row states exactly what the caller sees. */
function issuesOf(input: unknown): string[] {
  const result = calendarDefinitionSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('calendarDefinitionSchema accepts', () => {
  it('a plain calendar, normalising the zone and sorting unique holidays', () => {
    const input: CalendarDefinitionInput = {
      timeZone: 'america/new_york',
      weeklyHours: { ...closedWeek, mon: [['09:00', '17:00']] },
      holidays: ['2026-12-25', '2026-01-01', '2026-12-25'],
    };
    expect(calendarDefinitionSchema.parse(input)).toEqual({
      timeZone: 'America/New_York',
      weeklyHours: { ...closedWeek, mon: [['09:00', '17:00']] },
      holidays: ['2026-01-01', '2026-12-25'],
    });
  });

  it.each([
    [
      'adjacent ranges',
      [
        ['12:00', '17:00'],
        ['08:00', '12:00'],
      ],
    ],
    ['a whole day', [['00:00', '24:00']]],
    ['a last minute', [['23:59', '24:00']]],
    ['no ranges at all', []],
  ])('%s', (_name, ranges) => {
    expect(issuesOf(withMonday(ranges))).toEqual([]);
  });

  it.each(['UTC', 'Pacific/Chatham', 'Australia/Lord_Howe', 'US/Eastern', 'Etc/GMT-14'])(
    'the zone %s, aliases included',
    (timeZone) => {
      expect(issuesOf(buildDefinition({ timeZone }))).toEqual([]);
    },
  );
});

describe('calendarDefinitionSchema rejects', () => {
  it.each([
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, ["timeZone: Unknown time zone 'Mars/Olympus'"]],
    ['an empty zone', { timeZone: '' }, ["timeZone: Unknown time zone ''"]],
    [
      'an offset instead of a zone',
      { timeZone: '+05:00' },
      ["timeZone: Time zone '+05:00' is an offset; use an IANA name such as 'Europe/London'"],
    ],
    [
      'a date that does not exist',
      { holidays: ['2026-02-30'] },
      ["holidays.0: Invalid date '2026-02-30': use an existing calendar date as YYYY-MM-DD"],
    ],
    [
      'a date in another format',
      { holidays: ['2026-1-1'] },
      ["holidays.0: Invalid date '2026-1-1': use an existing calendar date as YYYY-MM-DD"],
    ],
    ['an unknown field', { colour: 'blue' }, [': Unrecognized key: "colour"']],
    [
      'an unknown weekday',
      { weeklyHours: { ...closedWeek, monday: [] } },
      ['weeklyHours: Unrecognized key: "monday"'],
    ],
    [
      'a missing weekday',
      { weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] } },
      ["weeklyHours.sun: Hours for 'sun' are missing; use [] for a closed day"],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(issuesOf(buildDefinition(overrides))).toEqual(expected);
  });

  it.each([
    [
      'minutes past 59',
      [['09:60', '17:00']],
      ["weeklyHours.mon.0.0: Invalid time '09:60': use HH:MM with hours 00-23 and minutes 00-59"],
    ],
    [
      'hours past 23',
      [['25:00', '26:00']],
      [
        "weeklyHours.mon.0.0: Invalid time '25:00': use HH:MM with hours 00-23 and minutes 00-59",
        "weeklyHours.mon.0.1: Invalid time '26:00': use HH:MM with hours 00-23 and minutes 00-59, or 24:00 as an end",
      ],
    ],
    [
      'a single-digit hour',
      [['9:00', '17:00']],
      ["weeklyHours.mon.0.0: Invalid time '9:00': use HH:MM with hours 00-23 and minutes 00-59"],
    ],
    ['24:00 as a start', [['24:00', '24:00']], ["weeklyHours.mon.0.0: '24:00' can only end a range"]],
    [
      'an end past 24:00',
      [['23:00', '24:30']],
      [
        "weeklyHours.mon.0.1: Invalid time '24:30': use HH:MM with hours 00-23 and minutes 00-59, or 24:00 as an end",
      ],
    ],
    [
      'an inverted range',
      [['17:00', '09:00']],
      ['weeklyHours.mon.0: Range 17:00-09:00 is empty or inverted: its start must come before its end'],
    ],
    [
      'an empty range',
      [['10:00', '10:00']],
      ['weeklyHours.mon.0: Range 10:00-10:00 is empty or inverted: its start must come before its end'],
    ],
    [
      'overlapping ranges',
      [
        ['09:00', '12:00'],
        ['11:00', '13:00'],
      ],
      ['weeklyHours.mon.1: Ranges 09:00-12:00 and 11:00-13:00 on mon overlap'],
    ],
    [
      'a range inside another, out of order',
      [
        ['12:00', '13:00'],
        ['08:00', '18:00'],
        ['17:00', '19:00'],
      ],
      [
        'weeklyHours.mon.0: Ranges 08:00-18:00 and 12:00-13:00 on mon overlap',
        'weeklyHours.mon.2: Ranges 08:00-18:00 and 17:00-19:00 on mon overlap',
      ],
    ],
    [
      'a range that is not a pair',
      [['09:00']],
      expect.arrayContaining([expect.stringMatching(/^weeklyHours\.mon\.0/)]),
    ],
  ])('%s', (_name, ranges, expected) => {
    expect(issuesOf(withMonday(ranges))).toEqual(expected);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({
      timeZone: 'Mars/Olympus',
      weeklyHours: { ...closedWeek, tue: [['17:00', '09:00']] },
      holidays: ['2026-13-01'],
    });
    expect(issues).toHaveLength(3);
  });
});
