// How agreements read in lists: type and status badges, the period, what they bill each month, and their
// service credits in words.
import { Badge, Tooltip } from '@mantine/core';
import {
  type AgreementStatus,
  type AgreementType,
  agreementTypeLabels,
} from '../../../shared/api/agreements.ts';
import type { PenaltySchedule } from '../../../shared/api/service-credits.ts';
import { priorities } from '../../../shared/api/sla-policies.ts';
import { formatMoney } from '../../../shared/money.ts';
import { formatDate } from '../../ui/format.ts';
import type { Agreement } from './agreements-api.ts';

const typeColors: Record<AgreementType, string> = {
  managed: 'indigo',
  block_hours: 'cyan',
  retainer: 'grape',
  break_fix: 'orange',
  project: 'teal',
};

export const statusLabels: Record<AgreementStatus, string> = {
  upcoming: 'Upcoming',
  active: 'Active',
  ended: 'Ended',
};

const statusHints: Record<AgreementStatus, string> = {
  upcoming: 'Starts later: new tickets do not use it yet',
  active: 'In force today',
  ended: 'Past its end date: kept for the tickets and time that used it',
};

export function AgreementTypeBadge(props: { type: AgreementType }) {
  return (
    <Badge variant="light" color={typeColors[props.type]} style={{ whiteSpace: 'nowrap' }}>
      {agreementTypeLabels[props.type]}
    </Badge>
  );
}

export function AgreementStatusBadge(props: { status: AgreementStatus }) {
  const color = props.status === 'active' ? 'teal' : props.status === 'upcoming' ? 'blue' : 'gray';
  return (
    <Tooltip label={statusHints[props.status]}>
      <Badge variant="dot" color={color}>
        {statusLabels[props.status]}
      </Badge>
    </Tooltip>
  );
}

/** "Mon 1 Jun 2026 – open-ended" or "… – Wed 31 Dec 2026". */
export function formatPeriod(startsOn: string, endsOn: string | null): string {
  return `${formatDate(startsOn)} – ${endsOn ? formatDate(endsOn) : 'open-ended'}`;
}

/** A recurring line bills at least its minimum commitment. */
export function lineMonthlyCents(line: {
  quantity: number;
  minimumQuantity: number;
  unitPriceCents: number;
}): number {
  return Math.max(line.quantity, line.minimumQuantity) * line.unitPriceCents;
}

/** What the agreement bills each month in advance: its recurring lines, plus a retainer's monthly money. */
export function monthlyRecurringCents(agreement: Agreement): number {
  const lines = agreement.recurringLines.reduce((sum, line) => sum + lineMonthlyCents(line), 0);
  return lines + (agreement.type === 'retainer' ? (agreement.retainerCents ?? 0) : 0);
}

export const money = (cents: number, currency: string) => formatMoney(cents, currency, navigator.language);

const percent = (value: number) =>
  `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(value)} %`;

/**
 * A penalty schedule as sentences the MSP (and the client) can read: what happens to credits, what a missed
 * target earns, the tiers, the cap, sole remedy and the dispute window.
 */
export function describePenaltySchedule(schedule: PenaltySchedule, currency: string): string[] {
  const sentences = [
    schedule.mode === 'invoice'
      ? 'Credits that stand are credited on the next invoice.'
      : 'Report only: credits show on the statements and are never invoiced.',
  ];
  const credited = priorities.filter((priority) => schedule.perBreachCents[priority] > 0);
  const none = priorities.filter((priority) => schedule.perBreachCents[priority] === 0);
  const amounts = credited.map(
    (priority) => `${priority} ${money(schedule.perBreachCents[priority], currency)}`,
  );
  sentences.push(
    credited.length === 0
      ? 'No credit per missed target.'
      : `Per missed guaranteed target: ${amounts.join(', ')}${none.length > 0 ? ` (none at ${none.join(', ')})` : ''}.`,
  );
  if (schedule.tiers.length > 0) {
    const [first, ...rest] = [...schedule.tiers].sort((a, b) => b.belowPercent - a.belowPercent);
    const more = rest.map((tier) => `; below ${percent(tier.belowPercent)}, ${percent(tier.creditPercent)}`);
    sentences.push(
      `With at least ${schedule.minimumTickets} tickets decided in a month, compliance below ${percent(first!.belowPercent)} earns ${percent(first!.creditPercent)} of the month's recurring fees${more.join('')}, instead of the per-target credits.`,
    );
  }
  sentences.push(
    schedule.monthlyCapCents === null
      ? 'No monthly cap.'
      : `At most ${money(schedule.monthlyCapCents, currency)} a month.`,
  );
  if (schedule.isSoleRemedy) sentences.push('Credits are the sole remedy for missed targets.');
  sentences.push(
    schedule.disputeWindowDays === 0
      ? 'Credits stand as soon as the month closes: no dispute window.'
      : `Disputable for ${schedule.disputeWindowDays} business ${schedule.disputeWindowDays === 1 ? 'day' : 'days'} after the month closes.`,
  );
  return sentences;
}
