// How agreements read in lists: type and status badges, the period, and what they bill each month.
import { Badge, Tooltip } from '@mantine/core';
import {
  type AgreementStatus,
  type AgreementType,
  agreementTypeLabels,
} from '../../../shared/api/agreements.ts';
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
