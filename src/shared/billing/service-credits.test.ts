import { describe, expect, it } from 'vitest';
import { type PenaltySchedule, penaltyScheduleSchema } from '../api/service-credits.ts';
import type { StatementClock, StatementFigures } from '../api/sla-statements.ts';
import { statementFigures } from '../sla/sla-statement.ts';
import { disputeDeadline, proposeCredits } from './service-credits.ts';

const schedule = (overrides: Partial<PenaltySchedule> = {}): PenaltySchedule =>
  penaltyScheduleSchema.parse({
    perBreachCents: { P1: 10_000, P2: 5_000, P3: 2_500, P4: 0 },
    ...overrides,
  });

let ticket = 1000;
function target(
  priority: StatementClock['priority'],
  outcome: StatementClock['outcome'],
  extra: Partial<StatementClock> = {},
) {
  ticket += 1;
  return {
    month: '2026-10',
    ticketId: `00000000-0000-7000-8000-00000000${ticket}`,
    ticketNumber: ticket,
    ticketTitle: 'Ticket',
    clock: 'resolution' as const,
    priority,
    basis: 'guaranteed' as const,
    dueAt: new Date(Date.UTC(2026, 9, 1) + ticket * 60_000).toISOString(),
    stoppedAt: null,
    outcome,
    pausedMinutes: { client: 0, vendor: 0, scheduled: 0 },
    ...extra,
  };
}

const month = (...clocks: ReturnType<typeof target>[]): StatementFigures =>
  statementFigures({ month: '2026-10', timeZone: 'UTC', asOf: 0, clocks, corrections: [] });

describe('credits per missed target', () => {
  it('credit each missed guaranteed target at its priority, never a best-effort one or a free priority', () => {
    const credits = proposeCredits(
      schedule(),
      month(
        target('P1', 'missed'),
        target('P3', 'missed'),
        target('P2', 'met'),
        target('P1', 'missed', { basis: 'best_effort' }),
        target('P4', 'missed'),
      ),
      0,
    );
    expect(credits.map((c) => [c.priority, c.amountCents])).toEqual([
      ['P1', 10_000],
      ['P3', 2_500],
    ]);
    expect(credits[0]?.explanation).toMatch(/^P1 resolution target missed on #\d+$/);
  });

  it('stops at the monthly cap in the order the targets fell due, and shows what the cap took', () => {
    const credits = proposeCredits(
      schedule({ monthlyCapCents: 12_000 }),
      month(target('P1', 'missed'), target('P2', 'missed'), target('P3', 'missed')),
      0,
    );
    expect(credits.map((c) => [c.scheduledCents, c.amountCents])).toEqual([
      [10_000, 10_000],
      [5_000, 2_000],
      [2_500, 0],
    ]);
    expect(credits[1]?.explanation).toContain('reduced by the monthly cap');
  });
});

describe('credits by compliance tier', () => {
  const tiers = [
    { belowPercent: 95, creditPercent: 5 },
    { belowPercent: 90, creditPercent: 10 },
  ];

  it('gives the lowest tier the month falls below, as a share of the recurring fees', () => {
    const clocks = [
      ...Array.from({ length: 17 }, () => target('P3', 'met')),
      target('P1', 'missed'),
      target('P2', 'missed'),
      target('P3', 'missed'),
    ];
    // 17 of 20 met: 85 %, below both tiers; the 90 % tier is the lower.
    const credits = proposeCredits(schedule({ tiers, minimumTickets: 20 }), month(...clocks), 240_000);
    expect(credits).toEqual([expect.objectContaining({ kind: 'tier', amountCents: 24_000, ticketId: null })]);
    expect(credits[0]?.explanation).toBe(
      "85.0 % of 20 guaranteed targets met, below 90.0 %: 10 % of the month's recurring fees",
    );
  });

  it('gives nothing when the month is above every tier', () => {
    const clocks = [...Array.from({ length: 19 }, () => target('P3', 'met')), target('P1', 'missed')];
    expect(proposeCredits(schedule({ tiers, minimumTickets: 20 }), month(...clocks), 240_000)).toEqual([]);
  });

  it('credits per target below the minimum number of tickets: one missed P1 of three is not "67 %"', () => {
    const credits = proposeCredits(
      schedule({ tiers, minimumTickets: 20 }),
      month(target('P1', 'missed'), target('P3', 'met'), target('P3', 'met')),
      240_000,
    );
    expect(credits).toEqual([
      expect.objectContaining({ kind: 'breach', priority: 'P1', amountCents: 10_000 }),
    ]);
    expect(credits[0]?.explanation).toContain('fewer than 20 tickets');
  });
});

describe('the dispute window', () => {
  it.each([
    // Closed on a Monday: five weekdays later is the next Monday.
    ['2026-11-02T15:00:00Z', 'UTC', 5, '2026-11-09'],
    // Closed on a Friday evening in New York (already Saturday in UTC): counted from the Friday.
    ['2026-11-07T01:00:00Z', 'America/New_York', 1, '2026-11-09'],
    ['2026-11-02T15:00:00Z', 'UTC', 0, '2026-11-02'],
  ])('closed at %s (%s), %i weekdays: until %s', (closedAt, zone, days, until) => {
    expect(disputeDeadline(Date.parse(closedAt), zone, days)).toBe(until);
  });
});
