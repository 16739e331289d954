import { describe, expect, it } from 'vitest';
import type { StatementFigures } from '../api/sla-statements.ts';
import { computeSlaState } from './sla-clock.ts';
import { calendarFor, created, ny, reply, targets } from './sla-fixtures.ts';
import {
  basisOf,
  clocksOf,
  correctionsOf,
  type DatedClock,
  monthBounds,
  monthOf,
  nextMonth,
  reportedClocks,
  statementFigures,
} from './sla-statement.ts';

const NY = 'America/New_York';
const iso = (ms: number) => new Date(ms).toISOString();

function clock(overrides: Partial<DatedClock> = {}): DatedClock {
  return {
    month: '2026-10',
    ticketId: '00000000-0000-7000-8000-000000000001',
    ticketNumber: 1001,
    ticketTitle: 'Server down',
    clock: 'first_response',
    priority: 'P1',
    basis: 'guaranteed',
    dueAt: '2026-10-05T15:00:00.000Z',
    stoppedAt: '2026-10-05T14:30:00.000Z',
    outcome: 'met',
    pausedMinutes: { client: 0, vendor: 0, scheduled: 0 },
    ...overrides,
  };
}

describe('months in a time zone', () => {
  it('bounds a month at local midnights, whatever the offset did in between', () => {
    // New York leaves daylight time on 1 November 2026: October starts at UTC-4, November at UTC-4 too,
    // and December at UTC-5.
    expect(iso(monthBounds('2026-10', NY).start)).toBe('2026-10-01T04:00:00.000Z');
    expect(iso(monthBounds('2026-10', NY).end)).toBe('2026-11-01T04:00:00.000Z');
    expect(iso(monthBounds('2026-11', NY).end)).toBe('2026-12-01T05:00:00.000Z');
  });

  it('reads the month an instant falls in where the calendar is, not in UTC', () => {
    const lateOnHalloween = Date.parse('2026-11-01T02:00:00Z');
    expect(monthOf(lateOnHalloween, NY)).toBe('2026-10');
    expect(monthOf(lateOnHalloween, 'UTC')).toBe('2026-11');
    expect(nextMonth('2026-12')).toBe('2027-01');
  });
});

describe('the basis a ticket is measured on', () => {
  it.each([
    [[], 'guaranteed', []],
    [[{ isManaged: true, isStandard: true, isOnHold: false }], 'guaranteed', []],
    [[{ isManaged: false, isStandard: true, isOnHold: false }], 'best_effort', ['unmanaged']],
    [
      [
        { isManaged: true, isStandard: true, isOnHold: false },
        { isManaged: true, isStandard: false, isOnHold: true },
      ],
      'best_effort',
      ['non_standard', 'coverage_hold'],
    ],
  ] as const)('assets %j are %s', (assets, basis, reasons) => {
    expect(basisOf(assets)).toEqual({ basis, reasons });
  });
});

describe("a ticket's clocks", () => {
  it('count in the month each fell due, a breached running clock as missed', () => {
    // P1 runs round the clock: first response due 30 min after creation, resolution 240 min after.
    const state = computeSlaState({
      events: [created('10-31 21:30', 'P1'), reply('10-31 21:45')],
      targets,
      calendarFor,
      now: ny('11-02 09:00'),
    });
    const clocks = clocksOf({ id: 't', number: 7, title: 'Down', basis: 'guaranteed', state }, NY);
    expect(clocks.map((c) => [c.clock, c.month, c.outcome])).toEqual([
      ['first_response', '2026-10', 'met'],
      ['resolution', '2026-11', 'missed'],
    ]);
  });
});

describe("a month's figures", () => {
  const clocks = [
    clock(),
    clock({ ticketId: 'b', ticketNumber: 1002, outcome: 'missed' }),
    clock({
      ticketId: 'b',
      ticketNumber: 1002,
      clock: 'resolution',
      outcome: 'met',
      pausedMinutes: { client: 90, vendor: 30, scheduled: 0 },
    }),
    clock({ ticketId: 'c', ticketNumber: 1003, basis: 'best_effort', outcome: 'missed' }),
    clock({ ticketId: 'd', ticketNumber: 1004, priority: 'P3', month: '2026-11', outcome: 'missed' }),
  ];

  it('tallies by priority and basis, and counts only guaranteed targets in compliance', () => {
    const figures = statementFigures({
      month: '2026-10',
      timeZone: NY,
      asOf: Date.parse('2026-11-03T12:00:00Z'),
      clocks,
      corrections: [],
    });
    expect(figures.rows).toEqual([
      {
        priority: 'P1',
        basis: 'guaranteed',
        tickets: 2,
        firstResponse: { met: 1, missed: 1, pending: 0 },
        resolution: { met: 1, missed: 0, pending: 0 },
      },
      {
        priority: 'P1',
        basis: 'best_effort',
        tickets: 1,
        firstResponse: { met: 0, missed: 1, pending: 0 },
        resolution: { met: 0, missed: 0, pending: 0 },
      },
    ]);
    expect(figures.compliance).toEqual({ firstResponse: 50, resolution: 100 });
    expect(figures.pausedMinutes).toEqual({ client: 90, vendor: 30, scheduled: 0 });
    expect(figures.clocks.map((c) => c.ticketNumber)).toEqual([1001, 1002, 1002, 1003]);
  });

  it('reports no compliance when no guaranteed target was decided', () => {
    const figures = statementFigures({
      month: '2026-10',
      timeZone: NY,
      asOf: Date.parse('2026-10-20T12:00:00Z'),
      clocks: [clock({ outcome: 'pending' })],
      corrections: [],
    });
    expect(figures.compliance).toEqual({ firstResponse: null, resolution: null });
    expect(figures.rows[0]?.firstResponse).toEqual({ met: 0, missed: 0, pending: 1 });
  });
});

describe('corrections to closed months', () => {
  const closed = (month: string, clocks: DatedClock[], corrections: StatementFigures['corrections'] = []) =>
    statementFigures({ month, timeZone: NY, asOf: 0, clocks, corrections });

  it('reports a clock whose outcome changed, once, and nothing when all still stands', () => {
    const october = closed('2026-10', [clock()]);
    const reported = reportedClocks([october]);
    expect(correctionsOf(reported, [clock()], new Set(['2026-10']))).toEqual([]);
    const reopened = clock({ outcome: 'missed' });
    expect(correctionsOf(reported, [reopened], new Set(['2026-10']))).toEqual([
      expect.objectContaining({ month: '2026-10', ticketNumber: 1001, was: 'met', now: 'missed' }),
    ]);
    // Once a later statement carried the correction, the clock is reported as corrected.
    const november = closed('2026-11', [], correctionsOf(reported, [reopened], new Set(['2026-10'])));
    expect(
      correctionsOf(reportedClocks([october, november]), [reopened], new Set(['2026-10', '2026-11'])),
    ).toEqual([]);
  });

  it('reports a clock newly counted in a closed month, and one that no longer counts there', () => {
    const reported = reportedClocks([closed('2026-10', [clock()])]);
    const late = clock({ ticketId: 'late', ticketNumber: 1009, outcome: 'missed' });
    const moved = clock({ month: '2026-11' });
    expect(correctionsOf(reported, [moved, late], new Set(['2026-10']))).toEqual([
      expect.objectContaining({ ticketNumber: 1001, was: 'met', now: null }),
      expect.objectContaining({ ticketNumber: 1009, was: null, now: 'missed' }),
    ]);
  });

  it('treats a change of priority or basis as a correction too', () => {
    const reported = reportedClocks([closed('2026-10', [clock()])]);
    expect(correctionsOf(reported, [clock({ basis: 'best_effort' })], new Set(['2026-10']))).toEqual([
      expect.objectContaining({ basis: 'best_effort', was: 'met', now: 'met' }),
    ]);
  });
});
