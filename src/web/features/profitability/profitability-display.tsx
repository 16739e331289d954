// Pieces every profitability screen shares: the month range (in the URL, the last 12 months by default)
// and its picker, hours, margins with their flag, and the notes on drafts and unpriced time.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconFlag, IconPencil } from '@tabler/icons-react';
import type { ProfitabilityFigures } from '../../../shared/api/profitability.ts';
import { shiftPeriod } from '../../../shared/billing/invoice-math.ts';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { currentPeriod, monthInWords } from '../invoices/invoice-display.tsx';
import { MonthPicker } from '../invoices/month-picker.tsx';
import type { MonthRange } from './profitability-api.ts';

export { money } from '../agreements/agreement-display.tsx';
export { monthInWords };

/** The range the URL names, or the last 12 invoice months up to this one. */
export function rangeOf(search: { from?: string; to?: string }): MonthRange {
  if (search.from && search.to) return { from: search.from, to: search.to };
  const to = currentPeriod();
  return { from: shiftPeriod(to, -11), to };
}

/** "Jan 2026" — short, for chart axes and dense tables. */
export function shortPeriod(period: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}

/** Minutes as hours with one decimal: "12.5 h"; a dash for none. */
export function hours(minutes: number): string {
  if (minutes === 0) return '—';
  return `${(minutes / 60).toLocaleString(undefined, { maximumFractionDigits: 1 })} h`;
}

export function NoProfitabilityAccess() {
  return (
    <NotFoundPage
      title="You cannot see profitability"
      message="Profitability needs the billing, admin or owner role."
    />
  );
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** Two month pickers; moving one past the other moves both, and a range never passes 24 months. */
export function RangePicker(props: { range: MonthRange; onChange: (range: MonthRange) => void }) {
  const { range, onChange } = props;
  const setFrom = (from: string) => {
    onChange({ from, to: earlier(later(from, range.to), shiftPeriod(from, 23)) });
  };
  const setTo = (to: string) => {
    onChange({ from: later(earlier(to, range.from), shiftPeriod(to, -23)), to });
  };
  return (
    <Group gap="md" align="flex-end">
      <MonthPicker label="From" size="xs" value={range.from} onChange={setFrom} />
      <MonthPicker label="To" size="xs" value={range.to} onChange={setTo} />
    </Group>
  );
}

/** The margin in percent, red below the threshold, with a flag that says so in words too. */
export function Margin(props: { figures: ProfitabilityFigures; threshold: number; isFlagged: boolean }) {
  const { figures, threshold, isFlagged } = props;
  const text = figures.marginPercent === null ? '—' : `${figures.marginPercent.toFixed(1)} %`;
  return (
    <Group gap={6} wrap="nowrap" justify="flex-end">
      <Text size="sm" className="tabular" c={isFlagged ? 'red' : undefined} fw={isFlagged ? 600 : undefined}>
        {text}
      </Text>
      {isFlagged && <FlagBadge figures={figures} threshold={threshold} />}
    </Group>
  );
}

export function FlagBadge(props: { figures: ProfitabilityFigures; threshold: number }) {
  const noRevenue = props.figures.marginPercent === null;
  return (
    <Tooltip
      label={
        noRevenue
          ? 'Work cost money but nothing was billed'
          : `Margin below the ${props.threshold} % threshold set in Settings → Invoicing`
      }
    >
      <Badge size="sm" color="red" variant="light" leftSection={<IconFlag size={11} aria-hidden />}>
        {noRevenue ? 'No revenue' : 'Below target'}
      </Badge>
    </Tooltip>
  );
}

/** Notes that qualify the figures: a draft is included, some time has no cost rate. */
export function FigureNotes(props: { figures: ProfitabilityFigures; compact?: boolean }) {
  const { figures, compact } = props;
  return (
    <Group gap={4} wrap="nowrap">
      {figures.includesDraft && (
        <Tooltip label="Includes a draft invoice: the figures can still change">
          <Badge size="sm" variant="light" color="gray" leftSection={<IconPencil size={11} aria-hidden />}>
            {compact ? 'Draft' : 'Includes a draft'}
          </Badge>
        </Tooltip>
      )}
      {figures.minutesWithoutCostRate > 0 && (
        <Tooltip
          label={`${hours(figures.minutesWithoutCostRate)} by staff with no cost rate in force, counted at no cost. Add rates in Settings → Cost rates.`}
        >
          <Badge
            size="sm"
            variant="light"
            color="yellow"
            leftSection={<IconAlertTriangle size={11} aria-hidden />}
          >
            {compact
              ? `${hours(figures.minutesWithoutCostRate)} unpriced`
              : `${hours(figures.minutesWithoutCostRate)} without a cost rate`}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
