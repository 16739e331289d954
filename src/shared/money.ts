// Money as integers in the currency's minor unit ("cents": cents for USD, yen for JPY) with an ISO-4217
// code; split by largest remainder so parts always add up; formatted only for display.
import { z } from 'zod';

/** The currencies Accord offers; any ISO-4217 code works with the functions, this list is the UI's. */
export const currencyCodes = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'NZD',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'JPY',
  'SGD',
  'HKD',
  'INR',
  'ZAR',
  'MXN',
  'BRL',
  'AED',
  'ILS',
] as const;
export type CurrencyCode = (typeof currencyCodes)[number];

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 currency code, e.g. USD')
  .refine((code): code is CurrencyCode => (currencyCodes as readonly string[]).includes(code), {
    message: `Use one of ${currencyCodes.join(', ')}`,
  })
  .transform((code) => code as CurrencyCode);

/** An amount in minor units: a whole number PostgreSQL's bigint and JavaScript's number both hold exactly. */
export const amountCentsSchema = z
  .number({ message: 'Enter an amount in cents (a whole number)' })
  .int('Amounts are whole cents')
  .refine(Number.isSafeInteger, 'The amount is too large');

/** A price or cost: zero or more. */
export const nonNegativeCentsSchema = amountCentsSchema.refine((cents) => cents >= 0, 'Cannot be negative');

/** Decimal places of the currency's minor unit (2 for USD, 0 for JPY), as Intl knows them. */
export function minorUnits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/**
 * Splits `totalCents` in proportion to `weights` (≥ 0, not all 0) by largest remainder: each part gets
 * its floor, then the leftover cents go one each to the largest remainders, the earlier part first on a
 * tie. The parts always sum to the total; a negative total (a credit) splits as its mirror image.
 */
export function allocate(totalCents: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalCents)) throw new RangeError('The total must be a safe integer.');
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) {
    throw new RangeError('Weights must be finite and not negative.');
  }
  if (totalCents < 0) return allocate(-totalCents, weights).map((part) => (part === 0 ? 0 : -part));
  // Weights may be fractional: scale them to integers so the arithmetic below is exact in bigint.
  const scale = 10 ** Math.min(9, Math.max(0, ...weights.map(decimals)));
  const scaled = weights.map((w) => BigInt(Math.round(w * scale)));
  const sum = scaled.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('At least one weight must be above zero.');
  const total = BigInt(totalCents);
  const parts = scaled.map((w) => (total * w) / sum);
  const remainders = scaled.map((w, index) => ({ index, remainder: (total * w) % sum }));
  let left = Number(total - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (left === 0) break;
    parts[index] = parts[index]! + 1n;
    left -= 1;
  }
  return parts.map(Number);
}

function decimals(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 9;
  return text.split('.')[1]?.length ?? 0;
}

/** "$1,234.50", "¥1,235", "-€12.00" in the locale's style, using the currency's own minor units. */
export function formatMoney(cents: number, currency: string, locale = 'en-US'): string {
  const digits = minorUnits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(cents / 10 ** digits);
}

/**
 * Reads what someone typed as a price ("1,234.5", "12") into minor units; null when it is not a plain
 * non-negative amount or has more decimals than the currency allows.
 */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.trim().replaceAll(',', '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const digits = minorUnits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const cents = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Minor units as the plain decimal a form field shows ("1234.50", "1235"). */
export function centsToDecimal(cents: number, currency: string): string {
  const digits = minorUnits(currency);
  if (digits === 0) return String(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}
