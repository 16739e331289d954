// How invoices read: the status badge, months and what a month's invoice bills, quantities with units,
// which part of the invoice a line belongs to.
import { Badge, Table, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatRate } from '../../../shared/api/catalog.ts';
import {
  type InvoiceLineKind,
  type InvoiceStatus,
  type InvoiceUnit,
  invoiceStatusLabels,
} from '../../../shared/api/invoices.ts';
import {
  dayBefore,
  monthInWords,
  quantityWithUnit,
  unitWords,
} from '../../../shared/billing/invoice-text.ts';
import { formatMinutes } from '../../ui/format.ts';
import { NotFoundPage } from '../../ui/not-found.tsx';

export { money } from '../agreements/agreement-display.tsx';
export { dayBefore, monthInWords };

const statusColors: Record<InvoiceStatus, string> = { draft: 'blue', finalized: 'teal', void: 'red' };
const statusHints: Record<InvoiceStatus, string> = {
  draft: 'Not sent yet: a run or Rebuild builds it again from the agreements and time',
  finalized: 'Numbered and locked: its time cannot change',
  void: 'Cancelled: its number stays used, its time can be billed again',
};

export function InvoiceStatusBadge(props: { status: InvoiceStatus }) {
  return (
    <Tooltip label={statusHints[props.status]}>
      <Badge variant="dot" color={statusColors[props.status]}>
        {invoiceStatusLabels[props.status]}
      </Badge>
    </Tooltip>
  );
}

/** What a member without invoices.read sees at /invoices and /invoices/$id (the navigation hides both). */
export function NoInvoiceAccess() {
  return (
    <NotFoundPage title="You cannot see invoices" message="Invoices need the billing, admin or owner role." />
  );
}

/** This month in the browser's calendar, YYYY-MM. */
export function currentPeriod(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** The month as the invoices URL says it: none for this month. */
export const periodParam = (period: string) => (period === currentPeriod() ? undefined : period);

/** "30 November", with the year when it differs from the invoice's ("31 December 2025" on January's). */
export function dayLabel(date: string, period: string): string {
  const withYear = date.slice(0, 4) !== period.slice(0, 4);
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** "Fees for December 2026 · work through 30 November": fees in advance, labour in arrears. */
export function billingWindow(period: string, labourThrough = `${period}-01`): string {
  return `Fees for ${monthInWords(period)} · work through ${dayLabel(dayBefore(labourThrough), period)}`;
}

/** "20 devices", "1 month", "2 h 20 min" (hours are minutes ÷ 60), "3". */
export function formatQuantity(quantity: number, unit: InvoiceUnit): string {
  if (unit === 'hour') return formatMinutes(Math.round(quantity * 60), '0 min');
  return quantityWithUnit(quantity, unit);
}

/** "/ hour", "/ device"; nothing for "each". */
export function perUnit(unit: InvoiceUnit): string {
  return unit === 'each' ? '' : `/ ${unitWords[unit][0]}`;
}

export type LineGroup = 'fees' | 'work' | 'credits';

const groupOfKind: Record<InvoiceLineKind, LineGroup> = {
  recurring: 'fees',
  resale: 'fees',
  retainer: 'fees',
  block_purchase: 'fees',
  fixed_fee: 'fees',
  labour: 'work',
  overage: 'work',
  trip_charge: 'work',
  block_usage: 'work',
  covered_work: 'work',
  absorbed_work: 'work',
  service_credit: 'credits',
  credit_carried: 'credits',
};

export const lineGroup = (kind: InvoiceLineKind): LineGroup => groupOfKind[kind];

/** "Sales tax 8.25 %": codes are often named with their rate already, and a 0 % code ("No tax") needs none. */
export function taxLabel(name: string, rateBasisPoints: number): string {
  const rate = formatRate(rateBasisPoints);
  const label = rateBasisPoints === 0 || name.includes(rate) ? name : `${name} ${rate}`;
  // "8.25 %" stays on one line when the label wraps.
  return label.replace(/ %/g, '\u00a0%');
}

/** A table's column heading in the invoice pages' small capitals, as DataTable writes its own. */
export function HeadCell(props: { children?: ReactNode; w?: number; align?: 'right' }) {
  return (
    <Table.Th w={props.w} ta={props.align}>
      <Text span fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
        {props.children}
      </Text>
    </Table.Th>
  );
}
