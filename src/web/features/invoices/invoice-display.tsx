// How invoices read: the status badge, months and what a month's invoice bills, quantities with units,
// which part of the invoice a line belongs to.
import { Badge, Tooltip } from '@mantine/core';
import { formatRate } from '../../../shared/api/catalog.ts';
import {
  type InvoiceLineKind,
  type InvoiceStatus,
  type InvoiceUnit,
  invoiceStatusLabels,
} from '../../../shared/api/invoices.ts';
import { formatMinutes } from '../../ui/format.ts';
import { NotFoundPage } from '../../ui/not-found.tsx';

export { money } from '../agreements/agreement-display.tsx';

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

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** "December 2026". */
export function periodLabel(period: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    utc(`${period}-01`),
  );
}

/** The last day of labour on a month's invoice: the day before `labourThrough` (which is excluded). */
export function lastLabourDay(labourThrough: string): string {
  return new Date(utc(labourThrough).getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** "30 November", with the year when it differs from the invoice's ("31 December 2025" on January's). */
export function dayLabel(date: string, period: string): string {
  const withYear = date.slice(0, 4) !== period.slice(0, 4);
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  }).format(utc(date));
}

/** "Fees for December 2026 · work through 30 November": fees in advance, labour in arrears. */
export function billingWindow(period: string, labourThrough = `${period}-01`): string {
  return `Fees for ${periodLabel(period)} · work through ${dayLabel(lastLabourDay(labourThrough), period)}`;
}

const unitNames: Record<InvoiceUnit, [string, string]> = {
  hour: ['hour', 'hours'],
  device: ['device', 'devices'],
  user: ['user', 'users'],
  month: ['month', 'months'],
  block: ['block', 'blocks'],
  visit: ['visit', 'visits'],
  each: ['', ''],
};

const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** "20 devices", "1 month", "2 h 20 min" (hours are minutes ÷ 60), "3". */
export function formatQuantity(quantity: number, unit: InvoiceUnit): string {
  if (unit === 'hour') return formatMinutes(Math.round(quantity * 60), '0 min');
  const [one, many] = unitNames[unit];
  const name = quantity === 1 ? one : many;
  return name ? `${quantityFormat.format(quantity)} ${name}` : quantityFormat.format(quantity);
}

/** "/ hour", "/ device"; nothing for "each". */
export function perUnit(unit: InvoiceUnit): string {
  return unit === 'each' ? '' : `/ ${unitNames[unit][0]}`;
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

/** $0 lines that show work the client does not pay for, at the value it would have cost. */
export const showsValue = (kind: InvoiceLineKind) =>
  kind === 'block_usage' || kind === 'covered_work' || kind === 'absorbed_work';

/** "Sales tax 8.25 %": codes are often named with their rate already, and a 0 % code ("No tax") needs none. */
export function taxLabel(name: string, rateBasisPoints: number): string {
  const rate = formatRate(rateBasisPoints);
  const label = rateBasisPoints === 0 || name.includes(rate) ? name : `${name} ${rate}`;
  // "8.25 %" stays on one line when the label wraps.
  return label.replace(/ %/g, '\u00a0%');
}
