// How an invoice's months, days and quantities read in words, the same on the invoice page, the PDF and the
// CSV exports. Pure: no locale of the reader's, no zone (dates are plain YYYY-MM-DD, read as UTC).
import type { InvoiceLineKind, InvoiceUnit } from '../api/invoices.ts';

/** "December 2026" for the period 2026-12. */
export function monthInWords(period: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}

/** The day before an ISO date (labourThrough is the first day not billed). */
export function dayBefore(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Each unit's word for one and for many; items sold "each" have none. */
export const unitWords: Record<InvoiceUnit, [string, string]> = {
  hour: ['hour', 'hours'],
  device: ['device', 'devices'],
  user: ['user', 'users'],
  month: ['month', 'months'],
  block: ['block', 'blocks'],
  visit: ['visit', 'visits'],
  each: ['', ''],
};

const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** "1.5 hours", "12 devices", "1 month"; a bare number for items sold each. */
export function quantityWithUnit(quantity: number, unit: InvoiceUnit): string {
  const [one, many] = unitWords[unit];
  const word = quantity === 1 ? one : many;
  return word === '' ? quantityFormat.format(quantity) : `${quantityFormat.format(quantity)} ${word}`;
}

/** Kinds billed at $0 whose worth the invoice still shows, so the client sees the work done. */
export const valueShownKinds: ReadonlySet<InvoiceLineKind> = new Set([
  'block_usage',
  'covered_work',
  'absorbed_work',
]);
