// What the profitability pages keep in the URL: the month range (none: the last 12 months) and, on a
// client's page, the month whose time is shown.
import { periodPattern } from '../../../shared/api/invoices.ts';

export interface ProfitabilitySearch {
  from?: string;
  to?: string;
  period?: string;
}

const month = (value: unknown) => (periodPattern.test(String(value)) ? String(value) : undefined);

export function profitabilitySearch(search: Record<string, unknown>): ProfitabilitySearch {
  const from = month(search.from);
  const to = month(search.to);
  // Half a range is no range: the server would refuse it, so the default stands instead.
  return { ...(from && to ? { from, to } : {}), period: month(search.period) };
}
