// Table-driven cases for rate tiers: splits at closing time and midnight, holidays, client requests, DST changes.
import { describe, expect, it } from 'vitest';
import type { Case } from './classify-fixtures.ts';
import { breakFix, classify, entry, everyDay, request, view } from './classify-fixtures.ts';

function check({ expected, closing, ...setup }: Case) {
  const result = classify(setup);
  expect(result.entries.map(view)).toMatchObject(expected);
  if (closing) expect(result.balances).toMatchObject(closing);
}

const onBreakFix = { agreementId: 'break-fix' };
const askedMonday = { afterHoursRequest: request('11-16 16:00') };
const mondayToEvening = entry('11-16 17:00', 120);

describe('rate tiers', () => {
  it.each<Case>([
    {
      name: 'splits work across 18:00 into business and after hours; with no request the evening bills at the business rate',
      ticket: onBreakFix,
      entries: [mondayToEvening],
      expected: [
        {
          amountCents: 25_000,
          segments: [
            {
              startedAt: '11-16 17:00',
              minutes: 60,
              tier: 'business',
              multiplierPercent: 100,
              amountCents: 12_500,
            },
            {
              startedAt: '11-16 18:00',
              minutes: 60,
              tier: 'after_hours',
              multiplierPercent: 100,
              amountCents: 12_500,
              clause:
                'Billable: Remote support under Break/fix 2026 (after hours at the business rate: no client ' +
                'request for after-hours work was recorded)',
            },
          ],
        },
      ],
    },
    {
      name: 'bills the evening at the after-hours tier when the client asked beforehand, naming who and when',
      ticket: { ...onBreakFix, ...askedMonday },
      entries: [mondayToEvening],
      expected: [
        {
          amountCents: 31_250,
          segments: [
            { tier: 'business', amountCents: 12_500 },
            {
              tier: 'after_hours',
              multiplierPercent: 150,
              amountCents: 18_750,
              clause:
                'Billable: Remote support under Break/fix 2026 (after hours at 150 %, requested by Dana Ruiz on ' +
                '2026-11-16 16:00)',
            },
          ],
        },
      ],
    },
    {
      name: 'does not apply the tier for a request recorded only after the work began',
      ticket: { ...onBreakFix, afterHoursRequest: request('11-17 09:00') },
      entries: [mondayToEvening],
      expected: [
        {
          amountCents: 25_000,
          segments: [
            { tier: 'business' },
            {
              tier: 'after_hours',
              multiplierPercent: 100,
              clause:
                'Billable: Remote support under Break/fix 2026 (after hours at the business rate: the client’s ' +
                'request was recorded on 2026-11-17 09:00, after the work began)',
            },
          ],
        },
      ],
    },
    {
      name: 'covers managed after-hours work the MSP chose to do',
      entries: [mondayToEvening],
      expected: [
        {
          outcome: 'covered',
          amountCents: 0,
          valueCents: 30_000,
          segments: [
            { tier: 'business', outcome: 'covered' },
            {
              tier: 'after_hours',
              outcome: 'covered',
              multiplierPercent: 100,
              clause:
                'Covered: Remote support under Managed 2026 (after-hours work the MSP chose: no client request ' +
                'for after-hours work was recorded)',
            },
          ],
        },
      ],
    },
    {
      name: 'bills client-requested managed after-hours work at the tier and still covers the business part',
      ticket: askedMonday,
      entries: [mondayToEvening],
      expected: [
        {
          outcome: 'billable',
          billableMinutes: 60,
          amountCents: 22_500,
          valueCents: 37_500,
          segments: [
            { tier: 'business', outcome: 'covered', billableMinutes: 0 },
            { tier: 'after_hours', outcome: 'billable', multiplierPercent: 150, amountCents: 22_500 },
          ],
        },
      ],
    },
    {
      name: 'splits Friday night work at midnight into after hours, then weekend',
      ticket: { ...onBreakFix, ...askedMonday },
      entries: [entry('11-20 22:00', 240)],
      expected: [
        {
          amountCents: 87_500,
          segments: [
            {
              startedAt: '11-20 22:00',
              minutes: 120,
              tier: 'after_hours',
              multiplierPercent: 150,
              amountCents: 37_500,
            },
            {
              startedAt: '11-21 00:00',
              minutes: 120,
              tier: 'weekend',
              multiplierPercent: 200,
              amountCents: 50_000,
            },
          ],
        },
      ],
    },
    {
      name: 'joins after hours across a weekday midnight into one segment',
      ticket: onBreakFix,
      entries: [entry('11-16 17:00', 960)],
      expected: [
        {
          segments: [
            { startedAt: '11-16 17:00', minutes: 60, tier: 'business' },
            { startedAt: '11-16 18:00', minutes: 840, tier: 'after_hours' },
            { startedAt: '11-17 08:00', minutes: 60, tier: 'business' },
          ],
        },
      ],
    },
    {
      name: 'bills requested work on a holiday at the holiday tier',
      ticket: { ...onBreakFix, ...askedMonday },
      entries: [entry('11-26 10:00', 60)],
      expected: [{ amountCents: 31_250, segments: [{ tier: 'holiday', multiplierPercent: 250 }] }],
    },
    {
      name: 'covers managed holiday work the MSP chose',
      entries: [entry('11-26 10:00', 60)],
      expected: [
        {
          outcome: 'covered',
          clause:
            'Covered: Remote support under Managed 2026 (holiday work the MSP chose: no client request for ' +
            'after-hours work was recorded)',
          segments: [{ tier: 'holiday', multiplierPercent: 100 }],
        },
      ],
    },
    {
      name: 'bills a requested tier that has no multiplier at the business rate',
      agreements: [{ ...breakFix, tierPercent: { after_hours: null, weekend: 200, holiday: 250 } }],
      ticket: { ...onBreakFix, ...askedMonday },
      entries: [entry('11-16 18:00', 60)],
      expected: [
        {
          amountCents: 12_500,
          clause:
            'Billable: Remote support under Break/fix 2026 (after hours requested by Dana Ruiz on 2026-11-16 ' +
            '16:00, at the business rate: no after-hours multiplier is set)',
          segments: [{ tier: 'after_hours', multiplierPercent: 100 }],
        },
      ],
    },
    {
      name: 'treats every minute as business time when the agreement has no calendar',
      agreements: [{ ...breakFix, calendar: null }],
      ticket: { ...onBreakFix, ...askedMonday },
      entries: [entry('11-21 23:00', 120)],
      expected: [
        { amountCents: 25_000, segments: [{ minutes: 120, tier: 'business', multiplierPercent: 100 }] },
      ],
    },
  ])('$name', check);
});

// 2026 in New York: clocks spring forward on Sunday March 8 (02:00 → 03:00) and fall back on Sunday
// November 1 (02:00 → 01:00). Entry minutes are real elapsed minutes on either side.
describe('daylight saving changes', () => {
  const sundayHours = { ...breakFix, calendar: everyDay };
  it.each<Case>([
    {
      // 00:00 EDT to 08:00 EST is 9 real hours (01:00–02:00 happens twice); 600 minutes end at 09:00 EST.
      name: 'splits a fall-back night at 08:00 local after 540 real minutes',
      agreements: [sundayHours],
      ticket: { ...onBreakFix, afterHoursRequest: request('10-30 12:00') },
      entries: [entry('11-01 00:00', 600)],
      expected: [
        {
          billableMinutes: 600,
          amountCents: 181_250,
          segments: [
            { startedAt: '11-01 00:00', minutes: 540, tier: 'after_hours', amountCents: 168_750 },
            { startedAt: '11-01 08:00', minutes: 60, tier: 'business', amountCents: 12_500 },
          ],
        },
      ],
    },
    {
      // 00:00 EST to 08:00 EDT is 7 real hours (02:00–03:00 never happens); 600 minutes end at 11:00 EDT.
      name: 'splits a spring-forward night at 08:00 local after 420 real minutes',
      agreements: [sundayHours],
      ticket: { ...onBreakFix, afterHoursRequest: request('03-06 12:00') },
      entries: [entry('03-08 00:00', 600)],
      expected: [
        {
          billableMinutes: 600,
          amountCents: 168_750,
          segments: [
            { startedAt: '03-08 00:00', minutes: 420, tier: 'after_hours', amountCents: 131_250 },
            { startedAt: '03-08 08:00', minutes: 180, tier: 'business', amountCents: 37_500 },
          ],
        },
      ],
    },
    {
      // Saturday 22:00 EDT + 600 real minutes is Sunday 07:00 EST: nine hours on the wall clock, ten billed.
      name: 'bills the real minutes of a weekend night across the fall-back, not the wall-clock hours',
      ticket: { ...onBreakFix, afterHoursRequest: request('10-30 12:00') },
      entries: [entry('10-31 22:00', 600)],
      expected: [
        {
          billableMinutes: 600,
          amountCents: 250_000,
          segments: [{ startedAt: '10-31 22:00', minutes: 600, tier: 'weekend', multiplierPercent: 200 }],
        },
      ],
    },
  ])('$name', check);
});
