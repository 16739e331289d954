import { describe, expect, it } from 'vitest';
import { daysUntil, localToday, renewalState } from './renewal.ts';

describe('renewalState', () => {
  it.each([
    ['2026-03-01', '2026-03-02', 'past'],
    ['2025-12-31', '2026-03-02', 'past'],
    ['2026-03-02', '2026-03-02', 'soon'],
    ['2026-04-01', '2026-03-02', 'soon'],
    ['2026-04-02', '2026-03-02', 'later'],
    // Across the clock change at the end of March: days, not hours.
    ['2026-04-25', '2026-03-26', 'soon'],
    ['2024-02-29', '2024-01-30', 'soon'],
    ['2024-03-01', '2024-01-30', 'later'],
  ] as const)('a contract renewing %s, seen on %s, is %s', (renewsOn, today, state) => {
    expect(renewalState(renewsOn, today)).toBe(state);
  });

  it('counts whole days, negative once past', () => {
    expect(daysUntil('2026-03-12', '2026-03-02')).toBe(10);
    expect(daysUntil('2026-02-28', '2026-03-02')).toBe(-2);
  });

  it("reads today from the local calendar, not UTC's", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
