// Profitability arithmetic, pure: invoice lines and the time entries invoices took, folded into figures per
// unit (client × agreement × invoice month, or any coarser grouping of the same facts). Amounts are minor
// units of one currency; callers group by currency before adding anything.
import type { InvoiceLineKind, InvoiceStatus } from '../api/invoices.ts';
import type { EntryBilling, ProfitabilityFigures } from '../api/profitability.ts';
import { type TimeCause, timeCauses } from '../api/time.ts';

/** One invoice line (or the sum of several with the same unit): what it bills and what its items cost. */
export interface LineFact {
  clientId: string;
  clientName: string;
  currency: string;
  period: string;
  status: InvoiceStatus;
  agreementId: string | null;
  amountCents: number;
  /** Resale cost of the units (labour lines carry 0; labour is priced from cost rates instead). */
  costCents: number;
}

/** One time entry an invoice took, with the kinds of that invoice's lines listing it. */
export interface EntryFact {
  clientId: string;
  clientName: string;
  currency: string;
  period: string;
  status: InvoiceStatus;
  minutes: number;
  cause: TimeCause;
  /** The member's rate in force on the entry's day, or null when none is. */
  hourlyCostCents: number | null;
  lineKinds: readonly InvoiceLineKind[];
  /** The agreement of the first line (by position) listing the entry that names one. */
  lineAgreementId: string | null;
  entryAgreementId: string | null;
  ticketAgreementId: string | null;
}

/**
 * How the invoice took an entry. An entry split into segments can sit on several lines (part billed, part
 * covered after hours; a trip charge beside its labour); the most paying one decides:
 * - billed: on a labour or overage line — the client pays for this time by the hour;
 * - block_draw: on a block-usage line — the hours came out of a prepaid block or retainer;
 * - absorbed: on an absorbed-work line (vendor-caused work shown at its value, at $0);
 * - covered: on a covered-work line (work the agreement covers, shown at $0);
 * - not_shown: on no time line — covered work the client does not see, MSP rework, or time that only
 *   earned a trip charge.
 * Only `billed` time is billable; everything else is unbillable time, as the brief for this report asks:
 * a block draw was paid for in advance, not by this time, so it counts as unbillable here too.
 */
export function entryBillingOf(kinds: readonly InvoiceLineKind[]): EntryBilling {
  if (kinds.includes('labour') || kinds.includes('overage')) return 'billed';
  if (kinds.includes('block_usage')) return 'block_draw';
  if (kinds.includes('absorbed_work')) return 'absorbed';
  if (kinds.includes('covered_work')) return 'covered';
  return 'not_shown';
}

/** The entry's agreement: its line's, else its own, else its ticket's; null goes to "No agreement". */
export function entryAgreementOf(entry: EntryFact): string | null {
  return entry.lineAgreementId ?? entry.entryAgreementId ?? entry.ticketAgreementId;
}

/** minutes × hourly cost ÷ 60, rounded half up to the cent; no rate costs nothing. */
export function entryCostCents(minutes: number, hourlyCostCents: number | null): number {
  return hourlyCostCents === null ? 0 : Math.round((minutes * hourlyCostCents) / 60);
}

/** Profit as a percent of revenue with one decimal; null when there is no revenue to divide by. */
export function marginPercentOf(revenueCents: number, costCents: number): number | null {
  if (revenueCents <= 0) return null;
  return Math.round(((revenueCents - costCents) / revenueCents) * 1000) / 10;
}

/** Revenue per hour worked, in cents; null with no time. */
export function effectiveHourlyRateOf(revenueCents: number, minutes: number): number | null {
  return minutes > 0 ? Math.round((revenueCents * 60) / minutes) : null;
}

/** Running sums for one unit. */
export interface Tally {
  revenueCents: number;
  labourCostCents: number;
  resaleCostCents: number;
  minutesWorked: number;
  billableMinutes: number;
  unbillable: Record<TimeCause, { minutes: number; costCents: number }>;
  vendorCausedMinutes: number;
  vendorCausedCostCents: number;
  minutesWithoutCostRate: number;
  includesDraft: boolean;
}

export function emptyTally(): Tally {
  return {
    revenueCents: 0,
    labourCostCents: 0,
    resaleCostCents: 0,
    minutesWorked: 0,
    billableMinutes: 0,
    unbillable: Object.fromEntries(
      timeCauses.map((cause) => [cause, { minutes: 0, costCents: 0 }]),
    ) as Tally['unbillable'],
    vendorCausedMinutes: 0,
    vendorCausedCostCents: 0,
    minutesWithoutCostRate: 0,
    includesDraft: false,
  };
}

function addLine(tally: Tally, line: LineFact): void {
  tally.revenueCents += line.amountCents;
  tally.resaleCostCents += line.costCents;
  if (line.status === 'draft') tally.includesDraft = true;
}

function addEntry(tally: Tally, entry: EntryFact): void {
  const cost = entryCostCents(entry.minutes, entry.hourlyCostCents);
  tally.labourCostCents += cost;
  tally.minutesWorked += entry.minutes;
  if (entry.hourlyCostCents === null) tally.minutesWithoutCostRate += entry.minutes;
  if (entry.status === 'draft') tally.includesDraft = true;
  if (entryBillingOf(entry.lineKinds) === 'billed') {
    tally.billableMinutes += entry.minutes;
    return;
  }
  tally.unbillable[entry.cause].minutes += entry.minutes;
  tally.unbillable[entry.cause].costCents += cost;
  // Vendor-caused work the organization did not bill: the figure shown to a client about its vendor.
  if (entry.cause === 'vendor_caused') {
    tally.vendorCausedMinutes += entry.minutes;
    tally.vendorCausedCostCents += cost;
  }
}

export function figuresOf(tally: Tally): ProfitabilityFigures {
  const costCents = tally.labourCostCents + tally.resaleCostCents;
  const byCause = timeCauses
    .map((cause) => ({ cause, ...tally.unbillable[cause] }))
    .filter((figure) => figure.minutes > 0);
  return {
    revenueCents: tally.revenueCents,
    labourCostCents: tally.labourCostCents,
    resaleCostCents: tally.resaleCostCents,
    profitCents: tally.revenueCents - costCents,
    minutesWorked: tally.minutesWorked,
    effectiveHourlyRateCents: effectiveHourlyRateOf(tally.revenueCents, tally.minutesWorked),
    marginPercent: marginPercentOf(tally.revenueCents, costCents),
    billableMinutes: tally.billableMinutes,
    unbillableMinutes: byCause.reduce((sum, figure) => sum + figure.minutes, 0),
    unbillableCostCents: byCause.reduce((sum, figure) => sum + figure.costCents, 0),
    unbillableByCause: byCause,
    vendorCausedMinutes: tally.vendorCausedMinutes,
    vendorCausedCostCents: tally.vendorCausedCostCents,
    minutesWithoutCostRate: tally.minutesWithoutCostRate,
    includesDraft: tally.includesDraft,
  };
}

/**
 * Tallies per key: lines and entries are put in a unit by the key functions (which should include the
 * currency, so no tally adds two). Keys keep the order they were first seen in.
 */
export function tallyBy(
  lines: readonly LineFact[],
  entries: readonly EntryFact[],
  keyOfLine: (line: LineFact) => string,
  keyOfEntry: (entry: EntryFact) => string,
): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string) => {
    const found = tallies.get(key);
    if (found) return found;
    const tally = emptyTally();
    tallies.set(key, tally);
    return tally;
  };
  for (const line of lines) addLine(tallyOf(keyOfLine(line)), line);
  for (const entry of entries) addEntry(tallyOf(keyOfEntry(entry)), entry);
  return tallies;
}

/**
 * Flagged: the margin is below the threshold, or there is cost but no revenue (no margin to compare, and
 * certainly losing money). Nothing billed and nothing spent is not flagged.
 */
export function isFlagged(figures: ProfitabilityFigures, marginThresholdPercent: number): boolean {
  if (figures.marginPercent !== null) return figures.marginPercent < marginThresholdPercent;
  return figures.labourCostCents + figures.resaleCostCents > 0;
}

/** Worst first: cost with no revenue, then the lowest margin; units with neither last. Ties by name. */
export function compareWorstMarginFirst(
  a: ProfitabilityFigures & { clientName: string },
  b: ProfitabilityFigures & { clientName: string },
): number {
  const rank = (f: ProfitabilityFigures) =>
    f.marginPercent ??
    (f.labourCostCents + f.resaleCostCents > 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
  const difference = rank(a) - rank(b);
  if (difference !== 0 && !Number.isNaN(difference)) return difference;
  return a.clientName.localeCompare(b.clientName);
}
