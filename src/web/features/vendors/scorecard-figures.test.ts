import { describe, expect, it } from 'vitest';
import {
  chartRows,
  formatCost,
  isQuiet,
  monthLabel,
  requestsWording,
  SERIES,
  sharedCurrency,
} from './scorecard-figures.ts';

const figures = {
  changesOutsideWindows: 0,
  authorizedChanges: 0,
  changeRequests: 0,
  incidents: 0,
  minutes: 0,
  costCents: null,
};

describe('scorecard figures', () => {
  it('names months by their UTC month whatever the zone', () => {
    expect(monthLabel('2026-01')).toBe('Jan 2026');
    expect(monthLabel('2026-12')).toBe('Dec 2026');
  });

  it('turns months into chart rows, oldest first, one per month', () => {
    const rows = chartRows([
      { month: '2026-09', ...figures },
      { month: '2026-10', ...figures, changesOutsideWindows: 2, incidents: 1 },
      { month: '2026-11', ...figures, authorizedChanges: 1 },
    ]);
    expect(rows).toEqual([
      { month: 'Sep 2026', [SERIES.outside]: 0, [SERIES.authorized]: 0, [SERIES.incidents]: 0 },
      { month: 'Oct 2026', [SERIES.outside]: 2, [SERIES.authorized]: 0, [SERIES.incidents]: 1 },
      { month: 'Nov 2026', [SERIES.outside]: 0, [SERIES.authorized]: 1, [SERIES.incidents]: 0 },
    ]);
  });

  it('words authorized changes against the change requests', () => {
    expect(requestsWording(0)).toBe('no change requests');
    expect(requestsWording(1)).toBe('against 1 change request');
    expect(requestsWording(1200)).toBe('against 1,200 change requests');
  });

  it('calls a period quiet only when nothing at all happened', () => {
    expect(isQuiet(figures)).toBe(true);
    expect(isQuiet({ ...figures, changeRequests: 1 })).toBe(false);
    expect(isQuiet({ ...figures, minutes: 15 })).toBe(false);
  });

  it('finds the one currency the clients share', () => {
    expect(sharedCurrency(['GBP', 'GBP'])).toBe('GBP');
    expect(sharedCurrency(['GBP', 'EUR'])).toBeNull();
    expect(sharedCurrency(['GBP', undefined])).toBeNull();
    expect(sharedCurrency([])).toBeNull();
  });

  it('formats cost in the currency when known, else as a plain amount', () => {
    expect(formatCost(9_000, 'USD')).toBe('$90.00');
    expect(formatCost(9_000, 'JPY')).toBe('¥9,000');
    expect(formatCost(123_450, null)).toBe('1,234.50');
  });
});
