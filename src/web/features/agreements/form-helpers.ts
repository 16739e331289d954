// Small pieces the agreement form's models share: a NumberInput's value, row keys, and why an amount was not
// accepted. Apart from agreement-form.ts so the service credits model can use them without an import cycle.
import { minorUnits } from '../../../shared/money.ts';

/** A NumberInput's value: '' while empty. */
export type NumberValue = number | string;

/** Error messages by API path. */
export type FormErrors = Record<string, string>;

let nextKey = 0;
/** Row keys need only be unique on this page (crypto.randomUUID is missing on plain-http installs). */
export const newRowKey = () => `row-${++nextKey}`;

/** Why a typed amount was not accepted. */
export function amountProblem(text: string, currency: string): string {
  if (!text.trim()) return 'Enter an amount';
  if (text.trim().startsWith('-')) return 'Cannot be negative';
  return minorUnits(currency) === 0
    ? `Enter a whole amount (${currency} has no decimals)`
    : `Enter an amount like 12.50 (at most ${minorUnits(currency)} decimals)`;
}
