// Credit that an invoice cannot absorb is carried, never paid out as a negative invoice: a draft whose
// credits (a lower count prorated back, later service credits) exceed its charges stops at zero and passes
// the rest on; the next invoice takes what it carried, up to what that invoice owes, and passes on any
// remainder. Carried credit is money already taxed, so its lines carry no tax of their own.
import type { TaxTotals } from '../../../shared/billing/invoice-math.ts';
import { blankLine, type DraftLine } from './invoice-lines.ts';

export interface CarriedIn {
  /** What the client's previous invoice passed on. */
  cents: number;
  /** That invoice, as the line names it ("INV-1042", "the May 2026 draft"). */
  from: string;
}

function carriedLine(amountCents: number, description: string): DraftLine {
  return {
    ...blankLine,
    kind: 'credit_carried',
    description,
    quantity: 1,
    unit: 'each',
    unitPriceCents: amountCents,
    amountCents,
    valueCents: amountCents,
    taxCodeId: null,
    taxCodeName: null,
    taxRateBasisPoints: 0,
    agreementId: null,
    agreementName: null,
    periodStart: null,
    periodEnd: null,
  };
}

export function carryCredit(
  lines: DraftLine[],
  carried: CarriedIn,
  taxesOf: (lines: readonly DraftLine[]) => TaxTotals,
): { lines: DraftLine[]; totals: TaxTotals; carriedCents: number } {
  const totals = taxesOf(lines);
  if (carried.cents > 0 && totals.totalCents > 0) {
    const applied = Math.min(carried.cents, totals.totalCents);
    const withCredit = [...lines, carriedLine(-applied, `Credit carried forward from ${carried.from}`)];
    return { lines: withCredit, totals: taxesOf(withCredit), carriedCents: carried.cents - applied };
  }
  if (totals.totalCents < 0) {
    const passed = -totals.totalCents;
    const atZero = [...lines, carriedLine(passed, 'Credit carried to the next invoice')];
    return { lines: atZero, totals: taxesOf(atZero), carriedCents: carried.cents + passed };
  }
  return { lines, totals, carriedCents: carried.cents };
}
