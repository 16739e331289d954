// The tier split's per-day cache cuts work exactly as asking the engine and Temporal afresh does.
import { describe, expect, it } from 'vitest';
import { createRandom, generateCases } from '../business-time/generate-cases.ts';
import { splitByTier, splitByTierUncached } from './after-hours.ts';
import { classify, entry, everyDay, managed, officeHours, THANKSGIVING } from './classify-fixtures.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const SEED = 20_261_130;

describe('tier split with cached days', () => {
  it('cuts as the uncached split does on generated calendars around DST changes', () => {
    const random = createRandom(SEED);
    const mismatches: string[] = [];
    // Several entries per calendar, so later ones reuse the days earlier ones cached.
    for (const { calendar, fromEpochMs } of generateCases(1_000, SEED)) {
      for (let k = 0; k < 5; k++) {
        const start = Math.floor((fromEpochMs + random() * 3 * DAY) / MINUTE) * MINUTE;
        const end = start + (1 + Math.floor(random() * 1440)) * MINUTE;
        const cached = splitByTier(calendar, start, end);
        const uncached = splitByTierUncached(calendar, start, end);
        if (JSON.stringify(cached) !== JSON.stringify(uncached)) {
          mismatches.push(`${JSON.stringify(calendar)} [${start}, ${end}): ${JSON.stringify(cached)}`);
        }
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it('cuts across the fall-back night, a weekend and Thanksgiving as the uncached split does', () => {
    for (const calendar of [officeHours, everyDay]) {
      // Every half hour from Saturday 2026-10-31 to Saturday 2026-11-28, New York; up to a day long.
      for (let start = Date.UTC(2026, 9, 31, 4); start < Date.UTC(2026, 10, 28, 5); start += 30 * MINUTE) {
        const end = start + ((start / MINUTE) % 1440) * MINUTE + MINUTE;
        expect(splitByTier(calendar, start, end)).toEqual(splitByTierUncached(calendar, start, end));
      }
    }
  });
});

describe('classification with cached days', () => {
  it('gives the same result for a calendar seen before as for a new copy of it', () => {
    const entries = [
      entry('10-31 22:00', 240, { id: 'fall-back night' }),
      entry('11-01 01:30', 90, { id: 'repeated hour' }),
      entry(`${THANKSGIVING.slice(5)} 16:00`, 600, { id: 'Thanksgiving' }),
      entry('11-16 17:00', 120, { id: 'after closing' }),
    ];
    const ticket = { afterHoursRequest: { requestedBy: 'Dana Ruiz', requestedAt: '2026-10-01T12:00:00Z' } };
    const first = classify({ ticket, entries });
    const again = classify({ ticket, entries });
    const copied = classify({
      ticket,
      entries,
      agreements: [{ ...managed, calendar: structuredClone(officeHours) }],
    });
    expect(again).toEqual(first);
    expect(copied).toEqual(first);
    expect(first.entries.flatMap((e) => e.segments.map((s) => s.tier))).toEqual(
      expect.arrayContaining(['business', 'after_hours', 'weekend', 'holiday']),
    );
  });
});
