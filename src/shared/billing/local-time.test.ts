// The cached instant and local-date helpers give Temporal's answers, around offset changes included.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { CASE_TIME_ZONES } from '../business-time/generate-cases.ts';
import { formatInstant, formatLocal, localDate, parseInstant, zoneDayAt } from './local-time.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function temporalParse(text: string): number | 'refused' {
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    return 'refused';
  }
}

function ownParse(text: string): number | 'refused' {
  try {
    return parseInstant(text, 'at');
  } catch (error) {
    expect(error).toBeInstanceOf(RangeError);
    return 'refused';
  }
}

/** Offset changes of the zone in `year`, as epoch ms. */
function changesIn(timeZone: string, year: number): number[] {
  const changes: number[] = [];
  let cursor = Temporal.Instant.fromEpochMilliseconds(Date.UTC(year, 0, 1)).toZonedDateTimeISO(timeZone);
  for (;;) {
    const next = cursor.getTimeZoneTransition('next');
    if (next === null || next.epochMilliseconds >= Date.UTC(year + 1, 0, 1)) return changes;
    changes.push(next.epochMilliseconds);
    cursor = next;
  }
}

describe('parseInstant', () => {
  it.each([
    '2026-11-16T15:00:00Z',
    '2026-11-16T15:00:00.000Z',
    '2026-11-16T15:00:00.5Z',
    '2026-11-16T15:00:00.123456789Z',
    '1969-12-31T23:59:59.9999Z',
    '2024-02-29T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '0050-01-01T00:00:00Z',
    '2026-11-16T23:59:60Z',
    '2026-11-16T15:00Z',
    '2026-11-16t15:00:00z',
    '2026-11-16T10:00:00-05:00',
  ])('reads %s as Temporal does', (text) => {
    expect(ownParse(text)).toBe(temporalParse(text));
  });

  it.each([
    '2026-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-00T00:00:00Z',
    '2026-11-16T24:00:00Z',
    '2026-11-16T15:00:00.Z',
    '2026-11-16T15:00:00.1234567890Z',
    '2026-1a-16T15:00:00Z',
    '2026-11-16 10:00',
    '',
  ])('refuses %j with a RangeError, as Temporal refuses it', (text) => {
    expect(temporalParse(text)).toBe('refused');
    expect(ownParse(text)).toBe('refused');
  });

  it('reads what Date writes, across four centuries, as Temporal does', () => {
    for (let year = 1800; year < 2200; year += 7) {
      const at = Date.UTC(year, year % 12, 1 + (year % 28), year % 24, year % 60, year % 60, year % 1000);
      const text = new Date(at).toISOString();
      expect(parseInstant(text, 'at')).toBe(temporalParse(text));
    }
  });
});

describe('formatInstant', () => {
  it.each([0, Date.UTC(2026, 10, 16, 22), Date.UTC(1900, 0, 1), 1_500, -1, Date.UTC(12_000, 0, 1)])(
    'writes %d as Temporal does',
    (at) => {
      expect(formatInstant(at)).toBe(Temporal.Instant.fromEpochMilliseconds(at).toString());
    },
  );

  it('writes whole minutes across four centuries as Temporal does', () => {
    for (let at = Date.UTC(1800, 0, 1); at < Date.UTC(2200, 0, 1); at += 4_999 * HOUR + 37 * MINUTE) {
      expect(formatInstant(at)).toBe(Temporal.Instant.fromEpochMilliseconds(at).toString());
    }
  });
});

describe('local dates and wall clocks', () => {
  it('match Temporal through the two days around every offset change of the test zones', () => {
    const mismatches: string[] = [];
    for (const timeZone of [...CASE_TIME_ZONES, 'America/Goose_Bay', 'Pacific/Apia']) {
      for (const year of [2000, 2011, 2026]) {
        for (const change of changesIn(timeZone, year)) {
          // An odd step visits most minutes of the hour over the two days around the change.
          for (let at = change - 26 * HOUR; at < change + 26 * HOUR; at += 19 * MINUTE + 13) {
            const zoned = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone);
            const date = zoned.toPlainDate().toString();
            const wall = zoned.toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' ');
            if (localDate(at, timeZone) !== date || formatLocal(at, timeZone) !== wall) {
              mismatches.push(`${timeZone} ${at}: ${localDate(at, timeZone)} ${formatLocal(at, timeZone)}`);
            }
          }
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('leaves to Temporal a day on which the date jumps back across midnight', () => {
    // St. John's fell back from 00:01 to 23:01 until 2011: 2000-10-29 begins, then 10-28 returns.
    const fallBack = Date.UTC(2000, 9, 29, 2, 31);
    expect(zoneDayAt('America/St_Johns', fallBack - MINUTE)).toBeNull();
    expect(zoneDayAt('America/St_Johns', fallBack)).toBeNull();
    expect(localDate(fallBack, 'America/St_Johns')).toBe('2000-10-28');
    expect(zoneDayAt('America/New_York', Date.UTC(2026, 10, 1, 12))?.date).toBe('2026-11-01');
  });
});
