// Pure pieces of the scorecard screens: months as chart rows, the figures' wording, and which currency
// (if any one) the cost can be shown in.

import type { Scorecard } from '../../../shared/api/vendor-scorecard.ts';
import { formatMoney } from '../../../shared/money.ts';

export const SCORECARD_PERIODS = [3, 6, 12] as const;
export type ScorecardPeriod = (typeof SCORECARD_PERIODS)[number];

/** The chart's series names, as the legend and tooltip show them. */
export const SERIES = {
  outside: 'Outside an approved window',
  authorized: 'Authorized changes',
  incidents: 'Incidents',
} as const;

export type ScorecardChartRow = { month: string } & Record<(typeof SERIES)[keyof typeof SERIES], number>;

/** "Oct 2026" for "2026-10" (UTC, so no zone shifts it into the month before). */
export function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** One chart row per month, oldest first, as the API lists them. */
export function chartRows(months: Scorecard['months']): ScorecardChartRow[] {
  return months.map((month) => ({
    month: monthLabel(month.month),
    [SERIES.outside]: month.changesOutsideWindows,
    [SERIES.authorized]: month.authorizedChanges,
    [SERIES.incidents]: month.incidents,
  }));
}

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** "against 4 change requests", "against 1 change request", "no change requests". */
export function requestsWording(changeRequests: number): string {
  return changeRequests === 0 ? 'no change requests' : `against ${plural(changeRequests, 'change request')}`;
}

/** Nothing at all happened in the period: the screen says so instead of showing zeros. */
export function isQuiet(totals: Scorecard['totals']): boolean {
  return (
    totals.changesOutsideWindows === 0 &&
    totals.authorizedChanges === 0 &&
    totals.changeRequests === 0 &&
    totals.incidents === 0 &&
    totals.minutes === 0
  );
}

/** The one currency all the given clients bill in; null while any is unknown or when they differ. */
export function sharedCurrency(currencies: readonly (string | null | undefined)[]): string | null {
  if (currencies.length === 0 || currencies.some((currency) => !currency)) return null;
  return new Set(currencies).size === 1 ? (currencies[0] ?? null) : null;
}

/** Money in `currency` when known; otherwise the plain amount with two decimals ("1,234.50"). */
export function formatCost(cents: number, currency: string | null, locale = 'en-US'): string {
  if (currency) return formatMoney(cents, currency, locale);
  return (cents / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
