// The arithmetic of an invoice: months and the days an agreement is in force in one, proration by day,
// taxes per code (on prices with or without tax) shared out to the lines by largest remainder. Pure and
// exact to the cent.

export interface MonthBounds {
  /** First and last day, YYYY-MM-DD, inclusive. */
  first: string;
  last: string;
  days: number;
}

export function monthBounds(period: string): MonthBounds {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(days).padStart(2, '0')}`, days };
}

/** The month `offset` months from `period` (negative for earlier). */
export function shiftPeriod(period: string, offset: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const at = new Date(Date.UTC(year, month - 1 + offset, 1));
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Days of a month something is in force: `first` to `last` of the month's `days`, `inForce` of them. */
export type MonthSpan = MonthBounds & { inForce: number };

/** The part of the month an agreement running startsOn..endsOn (inclusive, null = open) covers, or null. */
export function daysInForce(period: string, startsOn: string, endsOn: string | null): MonthSpan | null {
  const month = monthBounds(period);
  const first = startsOn > month.first ? startsOn : month.first;
  const last = endsOn !== null && endsOn < month.last ? endsOn : month.last;
  if (first > last) return null;
  return { first, last, days: month.days, inForce: dayNumber(last) - dayNumber(first) + 1 };
}

/**
 * amount × inForce ÷ days, rounded half away from zero to the cent (a credit mirrors its charge); whole
 * months are left alone.
 */
export function prorate(amountCents: number, inForce: number, days: number): number {
  if (inForce >= days) return amountCents;
  const exact = (amountCents * inForce) / days;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

export interface TaxableLine {
  amountCents: number;
  taxCodeId: string | null;
  taxName: string;
  rateBasisPoints: number;
}

export interface TaxTotals {
  taxes: {
    taxCodeId: string | null;
    name: string;
    rateBasisPoints: number;
    amountCents: number;
    taxCents: number;
  }[];
  /** Each line's share of its code's tax, in the lines' order. */
  lineTaxCents: number[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
}

/**
 * Tax is computed once per code on the sum of its lines (credits included, so a credit takes the tax of
 * the code it reduces), rounded half away from zero, then shared out to the lines by largest remainder.
 * Exclusive prices: total = subtotal + tax. Inclusive prices: the lines already hold the tax, so
 * tax = amount × rate ÷ (1 + rate) and subtotal = total − tax. A tax-exempt client pays no tax.
 */
export function computeTaxes(
  lines: readonly TaxableLine[],
  options: { pricesIncludeTax: boolean; taxExempt: boolean },
): TaxTotals {
  const groups = new Map<string, { line: TaxableLine; indexes: number[]; amountCents: number }>();
  lines.forEach((line, index) => {
    const key = `${line.taxCodeId ?? ''}\u0000${line.rateBasisPoints}`;
    const group = groups.get(key) ?? { line, indexes: [], amountCents: 0 };
    group.indexes.push(index);
    group.amountCents += line.amountCents;
    groups.set(key, group);
  });
  const lineTaxCents = lines.map(() => 0);
  const taxes: TaxTotals['taxes'] = [];
  for (const { line, indexes, amountCents } of groups.values()) {
    const rate = options.taxExempt ? 0 : line.rateBasisPoints;
    const divisor = options.pricesIncludeTax ? 10_000 + rate : 10_000;
    const taxCents = roundHalfAway((amountCents * rate) / divisor);
    taxes.push({
      taxCodeId: line.taxCodeId,
      name: line.taxName,
      rateBasisPoints: rate,
      amountCents,
      taxCents,
    });
    const amounts = indexes.map((index) => lines[index]!.amountCents);
    shareOut(taxCents, amounts, rate, divisor).forEach((share, i) => {
      lineTaxCents[indexes[i]!] = share;
    });
  }
  const amounts = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const taxCents = taxes.reduce((sum, tax) => sum + tax.taxCents, 0);
  return options.pricesIncludeTax
    ? { taxes, lineTaxCents, subtotalCents: amounts - taxCents, taxCents, totalCents: amounts }
    : { taxes, lineTaxCents, subtotalCents: amounts, taxCents, totalCents: amounts + taxCents };
}

/**
 * Each line's share of its code's tax: its own exact tax (amount × rate ÷ divisor, negative for a credit)
 * rounded down, then the cents still missing to the code's total one each to the largest fractions, the
 * earlier line first on a tie. Exact in bigint; the shares always add up to the code's tax.
 */
function shareOut(taxCents: number, amounts: readonly number[], rate: number, divisor: number): number[] {
  const d = BigInt(divisor);
  const exact = amounts.map((amount) => BigInt(amount) * BigInt(rate));
  const floors = exact.map((value) => (value >= 0n ? value / d : -((-value + d - 1n) / d)));
  const fractions = exact.map((value, index) => ({ index, fraction: value - floors[index]! * d }));
  let missing = taxCents - Number(floors.reduce((a, b) => a + b, 0n));
  fractions.sort((a, b) =>
    a.fraction === b.fraction ? a.index - b.index : a.fraction > b.fraction ? -1 : 1,
  );
  const shares = floors.map(Number);
  for (const { index } of fractions) {
    if (missing <= 0) break;
    shares[index]! += 1;
    missing -= 1;
  }
  return shares;
}

function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** Minutes as hours with at most four decimals, as a quantity on a line. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10_000) / 10_000;
}
