// What is left to credit of an invoice and its lines, what someone typed per line read into a credit
// note's lines (empty = not credited), and the credit's totals for the preview, taxed as the server will.
import type { InvoiceLine } from '../../../shared/api/invoices.ts';
import { computeTaxes, type TaxTotals } from '../../../shared/billing/invoice-math.ts';
import { minorUnits, parseMoney } from '../../../shared/money.ts';

type CreditedLine = Pick<
  InvoiceLine,
  'id' | 'amountCents' | 'creditedCents' | 'taxCodeId' | 'taxCodeName' | 'taxRateBasisPoints'
>;

/** What is still creditable of a line: its amount less what credit notes took (before tax, as the line). */
export const lineLeftToCredit = (line: Pick<InvoiceLine, 'amountCents' | 'creditedCents'>) =>
  Math.max(0, line.amountCents - line.creditedCents);

/** What is still creditable of the whole invoice, tax included. */
export const invoiceLeftToCredit = (invoice: { totalCents: number; creditedCents: number }) =>
  Math.max(0, invoice.totalCents - invoice.creditedCents);

/** Only lines the client paid something for can be credited; $0 and credit lines cannot. */
export const creditableLines = <T extends Pick<InvoiceLine, 'amountCents' | 'kind'>>(lines: readonly T[]) =>
  lines.filter((line) => line.amountCents > 0 && line.kind !== 'credit_carried');

export interface CreditAmounts {
  /** In the invoice's line order; lines left empty (or at zero) are not credited. */
  lines: { invoiceLineId: string; amountCents: number }[];
  /** By invoice line id: what is wrong with what was typed. */
  errors: Record<string, string>;
}

/** Reads the typed amounts (keyed by line id) against what is left of each line. */
export function readCreditAmounts(
  lines: readonly CreditedLine[],
  typed: Readonly<Record<string, string>>,
  currency: string,
  format: (cents: number) => string,
): CreditAmounts {
  const result: CreditAmounts = { lines: [], errors: {} };
  for (const line of lines) {
    const text = typed[line.id]?.trim() ?? '';
    if (text === '') continue;
    const cents = parseMoney(text, currency);
    const left = lineLeftToCredit(line);
    if (cents === null) {
      result.errors[line.id] =
        minorUnits(currency) === 0 ? 'Enter a whole amount' : 'Enter an amount like 12.50';
    } else if (cents > left) {
      result.errors[line.id] =
        left === 0 ? 'Nothing is left to credit' : `Only ${format(left)} is left to credit`;
    } else if (cents > 0) {
      result.lines.push({ invoiceLineId: line.id, amountCents: cents });
    }
  }
  return result;
}

/** The credit note's subtotal, taxes and total for the chosen amounts, with the tax codes of their lines. */
export function creditTotals(
  lines: readonly CreditedLine[],
  credit: CreditAmounts['lines'],
  options: { pricesIncludeTax: boolean; taxExempt: boolean },
): TaxTotals {
  const byId = new Map(lines.map((line) => [line.id, line]));
  return computeTaxes(
    credit.map(({ invoiceLineId, amountCents }) => {
      const line = byId.get(invoiceLineId)!;
      return {
        amountCents,
        taxCodeId: line.taxCodeId,
        taxName: line.taxCodeName ?? 'No tax',
        rateBasisPoints: line.taxRateBasisPoints,
      };
    }),
    options,
  );
}
