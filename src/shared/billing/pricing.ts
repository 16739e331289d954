// Prices one entry's judged segments: cash at the rate, or drawn from a block (minutes) or retainer (cents).
import type { TierPiece } from './after-hours.ts';
import type { ClassifiedSegment, ClassifyAgreement, ClassifyEntry, TimeOutcome } from './classify-time.ts';
import { formatInstant } from './local-time.ts';

/** A block's minutes or a retainer's cents still available. */
export interface Balance {
  minutes: number;
  cents: number;
}

/** How one tier piece of an entry was judged, before rounding and money. */
export interface PieceRule {
  readonly piece: TierPiece;
  readonly outcome: TimeOutcome;
  readonly multiplierPercent: number;
  /** How the clause joins the work to the agreement: 'under', 'included in the fixed fee of'. */
  readonly connector: string;
  /** Parenthetical reasons for the clause. */
  readonly notes: readonly string[];
  readonly isShownAsValue: boolean;
}

export interface PricingContext {
  readonly entry: ClassifyEntry;
  readonly agreementId: string | null;
  /** The agreement whose rates, rounding and minimums price the work; null when none may. */
  readonly pricing: ClassifyAgreement | null;
  /** The block or retainer that billable work draws from, if the deciding agreement is one. */
  readonly drawsFrom: ClassifyAgreement | null;
  /** Cents per hour (the role's rate when it has one); null with no pricing agreement. */
  readonly rateCents: number | null;
  readonly clause: (outcome: TimeOutcome, connector: string, notes: readonly string[]) => string;
}

const MINUTE = 60_000;

/** minutes × cents-per-hour × percent / 6000, rounded half up to whole cents, exactly (bigint). */
export function amountCents(minutes: number, rateCents: number, percent: number): number {
  const product = BigInt(minutes) * BigInt(rateCents) * BigInt(percent);
  return Number((product + 3000n) / 6000n);
}

/** The most whole minutes whose amount at the rate stays within `cents`; the inverse of amountCents. */
function minutesWithin(cents: number, rateCents: number, percent: number): number {
  const perMinuteTimes6000 = BigInt(rateCents) * BigInt(percent);
  return Number((BigInt(cents) * 6000n + 2999n) / perMinuteTimes6000);
}

/** `billableMinutes[i]` is the billable minutes of `rules[i]` after rounding and minimums. */
export function priceEntry(
  context: PricingContext,
  rules: readonly PieceRule[],
  billableMinutes: readonly number[],
  balances: Map<string, Balance>,
): ClassifiedSegment[] {
  const segments: ClassifiedSegment[] = [];
  rules.forEach((rule, index) => {
    const billable = billableMinutes[index]!;
    const drawsFrom = context.drawsFrom;
    if (rule.outcome !== 'billable') {
      const clause = context.clause(rule.outcome, rule.connector, rule.notes);
      segments.push(valueSegment(context, rule, rule.outcome, clause));
    } else if (drawsFrom !== null) {
      segments.push(...drawSegments(context, drawsFrom, rule, billable, balanceOf(balances, drawsFrom.id)));
    } else {
      const amount =
        context.rateCents === null ? 0 : amountCents(billable, context.rateCents, rule.multiplierPercent);
      segments.push(
        segmentOf(context, rule, rule.piece.start, minutesOf(rule.piece), {
          billableMinutes: billable,
          amountCents: amount,
          valueCents: amount,
          clause: context.clause('billable', rule.connector, rule.notes),
        }),
      );
    }
  });
  return segments;
}

/** A segment with nothing to bill: its value at the rate on its real minutes. */
export function valueSegment(
  context: PricingContext,
  rule: PieceRule,
  outcome: TimeOutcome,
  clause: string,
): ClassifiedSegment {
  const minutes = minutesOf(rule.piece);
  const value =
    context.rateCents === null ? 0 : amountCents(minutes, context.rateCents, rule.multiplierPercent);
  return segmentOf(context, rule, rule.piece.start, minutes, { outcome, valueCents: value, clause });
}

/**
 * Billable minutes drawn from a block (minutes × multiplier, rounded up) or a retainer (their amount in
 * cents). When the balance runs out inside the piece it is split: the drawn part starts at the piece's
 * start and takes real minutes first; the rest is overage billed in cash (a block at its overage rate, a
 * retainer at the work's rate). An overage made only of rounding or minimum minutes has 0 real minutes.
 */
function drawSegments(
  context: PricingContext,
  agreement: ClassifyAgreement,
  rule: PieceRule,
  billable: number,
  balance: Balance,
): ClassifiedSegment[] {
  const rate = context.rateCents ?? 0;
  const percent = rule.multiplierPercent;
  const isBlock = agreement.type === 'block_hours';
  let drawable: number;
  if (isBlock) {
    drawable =
      blockMinutes(billable, percent) <= balance.minutes
        ? billable
        : Math.floor((balance.minutes * 100) / percent);
  } else {
    const cost = amountCents(billable, rate, percent);
    drawable = cost <= balance.cents ? billable : minutesWithin(balance.cents, rate, percent);
  }
  const real = minutesOf(rule.piece);
  const drawnReal = drawable >= billable ? real : Math.min(drawable, real);
  const segments: ClassifiedSegment[] = [];
  if (drawable > 0) {
    const drawdownMinutes = isBlock ? blockMinutes(drawable, percent) : 0;
    const drawdownCents = isBlock ? 0 : amountCents(drawable, rate, percent);
    balance.minutes -= drawdownMinutes;
    balance.cents -= drawdownCents;
    const left = isBlock
      ? `${hours(balance.minutes)} h left`
      : balance.cents === 0
        ? 'retainer used up'
        : null;
    const notes = left === null ? rule.notes : [left, ...rule.notes];
    segments.push(
      segmentOf(context, rule, rule.piece.start, drawnReal, {
        billableMinutes: drawable,
        valueCents: amountCents(drawable, rate, percent),
        drawdownMinutes,
        drawdownCents,
        clause: context.clause('billable', 'drawn from', notes),
      }),
    );
  }
  if (drawable < billable) {
    const overage = billable - drawable;
    const overageRate = isBlock ? (agreement.overageRateCents ?? rate) : rate;
    const amount = amountCents(overage, overageRate, percent);
    const note = isBlock ? 'overage: the block is used up' : 'overage: the retainer is used up';
    segments.push(
      segmentOf(context, rule, rule.piece.start + drawnReal * MINUTE, real - drawnReal, {
        billableMinutes: overage,
        rateCents: overageRate,
        amountCents: amount,
        valueCents: amount,
        isOverage: true,
        clause: context.clause('billable', 'under', [note, ...rule.notes]),
      }),
    );
  }
  return segments;
}

function blockMinutes(billable: number, percent: number): number {
  return Math.ceil((billable * percent) / 100);
}

/** "12.5", "0", "1.67": hours to at most two decimals, for clauses. */
function hours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

function balanceOf(balances: Map<string, Balance>, id: string): Balance {
  let balance = balances.get(id);
  if (balance === undefined) {
    balance = { minutes: 0, cents: 0 };
    balances.set(id, balance);
  }
  return balance;
}

function minutesOf(piece: TierPiece): number {
  return (piece.end - piece.start) / MINUTE;
}

function segmentOf(
  context: PricingContext,
  rule: PieceRule,
  start: number,
  minutes: number,
  fields: Partial<ClassifiedSegment> & { clause: string },
): ClassifiedSegment {
  return {
    startedAt: formatInstant(start),
    minutes,
    tier: rule.piece.tier,
    multiplierPercent: rule.multiplierPercent,
    outcome: 'billable',
    agreementId: context.agreementId,
    billableMinutes: 0,
    rateCents: context.rateCents,
    amountCents: 0,
    valueCents: 0,
    drawdownMinutes: 0,
    drawdownCents: 0,
    isOverage: false,
    ...fields,
  };
}
