// Classifies time entries as covered, billable or absorbed through the agreement chain: pure, no I/O, isomorphic.
//
// Each entry is walked down the exclusion chain (agreement-chain.ts) to the agreement that decides it, cut
// into rate-tier segments on that agreement's calendar (after-hours.ts), judged segment by segment by the
// agreement's type and the entry's cause, rounded, given its minimums, and priced or drawn from a block or
// retainer balance (pricing.ts). Entries are processed in start order (ties by id) because balances and
// the per-ticket remote minimum depend on what came before; they are returned in input order.
//
// Decisions made here (the brief left them open):
// - Instants are compared at the minute: an entry's start is truncated to it, as the business-time
//   engine truncates, so segment boundaries fall on whole minutes.
// - A chain that runs out (no fallback, a cycle, a fallback that is not loaded) bills the work at the last
//   agreement walked, with its rates, calendar, rounding and minimums — but only if that agreement was in
//   force: one that had ended or not begun never priced anything, so the work is billable with no rate
//   (like a ticket with no agreement) and a person prices it. Such work never draws from a block or
//   retainer, since it fell outside it.
// - vendorCausedWork 'covered' treats the work as covered work of the agreement: under managed that is the
//   managed rule (business hours covered, client-requested after-hours billable at the tier), under
//   project the fixed fee, under break/fix, block hours and retainer plain covered with no draw.
// - A holiday that falls on a weekend is the holiday tier.
// - The remote ticket minimum follows the computed outcome, so an override changes only its own entry's
//   money and never moves a minimum onto another entry. An override to covered or absorbed draws nothing
//   from a balance and drops the trip charge; an override to billable of work that had no billable
//   minutes bills the entry's minutes rounded (no minimums, no trip charge) at the business rate, and
//   under a block or retainer draws from it like any billable work.
// - MSP rework overridden to billable becomes visible to the client: an invoice line cannot be hidden.
// - A block's balance smaller than one billable minute at the tier's multiplier stays for later work; the
//   segment that could not use it is overage. Likewise a retainer keeps cents worth less than a minute.
import type { AgreementType, TimeOutcome, VendorCausedRule } from '../api/agreements.ts';
import { agreementTypes } from '../api/agreements.ts';
import type { TimeCause } from '../api/time.ts';
import type { BusinessCalendar } from '../business-time/business-time.ts';
import type { RateTier } from './after-hours.ts';
import { splitByTier } from './after-hours.ts';
import type { ChainResult } from './agreement-chain.ts';
import { serviceName, walkChain } from './agreement-chain.ts';
import type { EntryFacts } from './coverage-rules.ts';
import { clauseFor, decidePiece, outcomeLabels } from './coverage-rules.ts';
import { parseInstant } from './local-time.ts';
import type { Balance, PieceRule } from './pricing.ts';
import { priceEntry, valueSegment } from './pricing.ts';
import { validateAgreement, validateBalances, validateEntry } from './validate.ts';

// The agreement enums are the API's own (src/shared/api/agreements.ts), re-exported so callers of the
// classifier need one import.
export type { AgreementType, TimeOutcome, VendorCausedRule } from '../api/agreements.ts';
export { agreementTypes, timeOutcomes } from '../api/agreements.ts';
export type { TimeCause } from '../api/time.ts';
export type { RateTier } from './after-hours.ts';
export { rateTiers } from './after-hours.ts';

export interface ClassifyAgreement {
  id: string;
  name: string;
  type: AgreementType;
  /** Local dates YYYY-MM-DD (in the calendar's zone, or UTC without one); endsOn inclusive, null = open-ended. */
  startsOn: string;
  endsOn: string | null;
  /** Defines business hours for rate tiers; null = every minute is the 'business' tier. */
  calendar: BusinessCalendar | null;
  /** Cents per hour for billable work. */
  hourlyRateCents: number;
  /** Per work role id, cents per hour replacing hourlyRateCents. */
  roleRates: Readonly<Record<string, number>>;
  /** Percent multipliers (150 = ×1.5) per non-business tier; null = that tier bills at the business rate. */
  tierPercent: { after_hours: number | null; weekend: number | null; holiday: number | null };
  /** Catalog item ids of covered services; empty = every service is covered. */
  coveredServiceIds: readonly string[];
  /** Asset types covered; empty = all. Only applies when the ticket carries an asset type. */
  coveredAssetTypes: readonly string[];
  excludedTicketTypes: readonly string[];
  excludedWorkTypeIds: readonly string[];
  excludedWorkRoleIds: readonly string[];
  /** Where excluded, not-covered and not-in-force work falls through to. */
  fallbackAgreementId: string | null;
  /** Minimum billable minutes per on-site entry (a visit) and a trip charge per billable visit; 0 = none. */
  onsiteMinimumMinutes: number;
  tripChargeCents: number;
  /** Minimum billable minutes of a ticket's first billable remote entry under this agreement; 0 = none. */
  remoteTicketMinimumMinutes: number;
  /** Billable minutes of each entry round UP to a multiple of this (1 = no rounding). */
  roundingMinutes: number;
  vendorCausedWork: VendorCausedRule;
  /** block_hours: cents per hour once the block is used up (null = hourlyRateCents); retainer: unused. */
  overageRateCents: number | null;
}

export interface ClassifyTicket {
  id: string;
  type: string;
  /** Catalog item id of the service the ticket is about. */
  serviceId: string | null;
  assetType: string | null;
  agreementId: string | null;
  /**
   * When the client was given a vendor notice about the vendor the ticket is attributed to (ISO); under
   * a graduated clause, vendor-caused work starting at or after it is billable. Null: no such notice.
   */
  vendorNoticeAt: string | null;
  /**
   * Coverage holds on the assets the ticket names (ISO instants; `until` null while the hold lasts): work
   * starting inside one is billable, whatever the agreement covers.
   */
  coverageHolds: readonly { assetName: string; from: string; until: string | null }[];
  /** The client's recorded request for after-hours work; only work starting at/after requestedAt earns a tier. */
  afterHoursRequest: { requestedBy: string; requestedAt: string } | null;
}

export interface ClassifyEntry {
  id: string;
  ticketId: string;
  /** ISO instant. */
  startedAt: string;
  /** Real elapsed minutes, 1..1440. */
  minutes: number;
  workTypeId: string;
  workTypeName: string;
  isOnSite: boolean;
  workRoleId: string | null;
  workRoleName: string | null;
  cause: TimeCause;
  /** The agreement the entry was logged under; null = the ticket's. */
  agreementId: string | null;
  /** Billing's override with a reason; replaces the computed outcome, which is still reported. */
  override: { outcome: TimeOutcome; reason: string } | null;
}

export interface ClassifyInput {
  entries: readonly ClassifyEntry[];
  tickets: ReadonlyMap<string, ClassifyTicket>;
  agreements: ReadonlyMap<string, ClassifyAgreement>;
  /** Opening balances before the earliest entry: block_hours in minutes, retainer in cents. Missing = 0. */
  balances: Readonly<Record<string, { minutes?: number; cents?: number }>>;
  /** Display names of catalog items, for clauses. */
  serviceNames?: ReadonlyMap<string, string>;
}

export interface ClassifiedSegment {
  startedAt: string;
  /** Real elapsed minutes (0 only for an overage part made of rounding or minimum minutes alone). */
  minutes: number;
  tier: RateTier;
  /** 100 for business, for a null tier, or when no client request lets the tier apply. */
  multiplierPercent: number;
  outcome: TimeOutcome;
  agreementId: string | null;
  clause: string;
  /** After rounding and minimums; 0 unless billable. */
  billableMinutes: number;
  /** Cents per hour before the multiplier; null when no agreement prices the work. */
  rateCents: number | null;
  /** What goes on an invoice: 0 for covered, absorbed and block/retainer draws. */
  amountCents: number;
  /** What the work is worth at the rate: billable minutes if billable, else real minutes. */
  valueCents: number;
  /** Block minutes drawn: billable minutes × multiplier / 100, rounded up. */
  drawdownMinutes: number;
  /** Retainer cents drawn. */
  drawdownCents: number;
  isOverage: boolean;
}

export interface ClassifiedEntry {
  entryId: string;
  /** After the override: billable if any segment is billable, else absorbed if any is, else covered. */
  outcome: TimeOutcome;
  computedOutcome: TimeOutcome;
  /** The agreement that decided, after fallthrough (the last one walked when the chain ran out). */
  agreementId: string | null;
  clause: string;
  /** False for MSP rework (unless billing overrode it to billable). */
  isVisibleToClient: boolean;
  /** Absorbed under the graduated vendor clause: printed as a $0 line with its value. */
  isShownAsValue: boolean;
  segments: ClassifiedSegment[];
  billableMinutes: number;
  /** Labour only; the trip charge is its own invoice line. */
  amountCents: number;
  valueCents: number;
  tripChargeCents: number;
}

export interface ClassifyResult {
  entries: ClassifiedEntry[];
  /** Closing balances of every block/retainer agreement and every opening balance given. */
  balances: Record<string, { minutes: number; cents: number }>;
}

const MINUTE = 60_000;

export function classifyTime(input: ClassifyInput): ClassifyResult {
  for (const agreement of input.agreements.values()) {
    if (!agreementTypes.includes(agreement.type)) {
      throw new RangeError(`agreement ${agreement.id} has an unknown type '${agreement.type}'`);
    }
    validateAgreement(agreement);
  }
  const balances = validateBalances(input.balances, input.agreements);
  const order = input.entries.map((entry, index) => ({
    index,
    entry,
    at: parseInstant(entry.startedAt, `time entry ${entry.id} startedAt`),
  }));
  order.sort((a, b) => a.at - b.at || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  const remoteMinimumUsed = new Set<string>();
  const results: ClassifiedEntry[] = new Array(order.length);
  for (const { index, entry, at } of order) {
    validateEntry(entry);
    const ticket = input.tickets.get(entry.ticketId);
    if (ticket === undefined) {
      throw new RangeError(`time entry ${entry.id} names ticket ${entry.ticketId}, which was not provided`);
    }
    const startMs = Math.floor(at / MINUTE) * MINUTE;
    const chain = walkChain(
      entry.agreementId ?? ticket.agreementId,
      entry,
      ticket,
      startMs,
      input.agreements,
      input.serviceNames,
    );
    const facts = readFacts(entry, ticket, startMs, chain, input.serviceNames);
    const noticeMs =
      ticket.vendorNoticeAt === null
        ? null
        : parseInstant(ticket.vendorNoticeAt, `ticket ${ticket.id} vendorNoticeAt`);
    results[index] = classifyEntry(facts, noticeMs, balances, remoteMinimumUsed);
  }
  return { entries: results, balances: Object.fromEntries(balances) };
}

function readFacts(
  entry: ClassifyEntry,
  ticket: ClassifyTicket,
  startMs: number,
  chain: ChainResult,
  serviceNames: ReadonlyMap<string, string> | undefined,
): EntryFacts {
  const pricing =
    chain.kind === 'decided' || (chain.kind === 'ended' && chain.isInForce) ? chain.agreement : null;
  const draws = chain.kind === 'decided' && (pricing?.type === 'block_hours' || pricing?.type === 'retainer');
  const roleRate = entry.workRoleId === null ? undefined : pricing?.roleRates[entry.workRoleId];
  const subject =
    ticket.serviceId === null ? entry.workTypeName : serviceName(ticket.serviceId, serviceNames);
  return {
    entry,
    ticket,
    startMs,
    chain,
    pricing,
    drawsFrom: draws ? pricing : null,
    agreementId: chain.kind === 'none' ? null : chain.agreement.id,
    rateCents: pricing === null ? null : (roleRate ?? pricing.hourlyRateCents),
    clause(outcome, connector, notes) {
      return clauseFor(chain, subject, outcome, connector, notes);
    },
  };
}

function classifyEntry(
  facts: EntryFacts,
  noticeMs: number | null,
  balances: Map<string, Balance>,
  remoteMinimumUsed: Set<string>,
): ClassifiedEntry {
  const { entry, pricing } = facts;
  const end = facts.startMs + entry.minutes * MINUTE;
  const pieces = splitByTier(pricing?.calendar ?? null, facts.startMs, end);
  const rules = pieces.map((piece) => decidePiece(facts, piece, noticeMs));

  const realBillable = rules.reduce(
    (sum, rule) => sum + (rule.outcome === 'billable' ? minutesOf(rule) : 0),
    0,
  );
  let total = realBillable;
  let tripChargeCents = 0;
  if (realBillable > 0 && pricing !== null) {
    total = roundUp(realBillable, pricing.roundingMinutes);
    const remoteKey = `${entry.ticketId}\u0000${pricing.id}`;
    if (entry.isOnSite) {
      total = Math.max(total, pricing.onsiteMinimumMinutes);
      tripChargeCents = pricing.tripChargeCents;
    } else if (!remoteMinimumUsed.has(remoteKey)) {
      remoteMinimumUsed.add(remoteKey);
      total = Math.max(total, pricing.remoteTicketMinimumMinutes);
    }
  }
  const computedWorking = workingBalance(balances, facts.drawsFrom);
  const computed = priceEntry(facts, rules, withExtras(rules, total - realBillable), computedWorking);
  const computedOutcome = outcomeOf(computed);
  const computedClause = clauseOf(computed);
  const isGraduatedAbsorbed = rules.some((rule) => rule.isShownAsValue);

  let segments = computed;
  let outcome = computedOutcome;
  let clause = computedClause;
  const override = entry.override;
  if (override === null) {
    commit(balances, computedWorking);
  } else {
    outcome = override.outcome;
    clause = `${outcomeLabels[outcome]} — overridden by billing: ${override.reason} (computed: ${computedClause})`;
    if (outcome === 'billable' && realBillable > 0) {
      commit(balances, computedWorking);
    } else if (outcome === 'billable') {
      const forced = rules.map((rule) => ({ ...rule, outcome: 'billable' as const, multiplierPercent: 100 }));
      const entryMinutes = entry.minutes;
      const rounded = pricing === null ? entryMinutes : roundUp(entryMinutes, pricing.roundingMinutes);
      const working = workingBalance(balances, facts.drawsFrom);
      segments = priceEntry(facts, forced, withExtras(forced, rounded - entryMinutes), working);
      commit(balances, working);
    } else {
      tripChargeCents = 0;
      segments = rules.map((rule) => valueSegment(facts, rule, rule.outcome, ''));
    }
    const finalOutcome = outcome;
    segments = segments.map((segment) => ({ ...segment, outcome: finalOutcome, clause }));
  }

  return {
    entryId: entry.id,
    outcome,
    computedOutcome,
    agreementId: facts.agreementId,
    clause,
    isVisibleToClient: entry.cause !== 'msp_rework' || outcome === 'billable',
    isShownAsValue: outcome === 'absorbed' && isGraduatedAbsorbed,
    segments,
    billableMinutes: sumOf(segments, 'billableMinutes'),
    amountCents: sumOf(segments, 'amountCents'),
    valueCents: sumOf(segments, 'valueCents'),
    tripChargeCents: outcome === 'billable' ? tripChargeCents : 0,
  };
}

function minutesOf(rule: PieceRule): number {
  return (rule.piece.end - rule.piece.start) / MINUTE;
}

/** Billable minutes per piece: real minutes of billable pieces, with `extra` on the last billable one. */
function withExtras(rules: readonly PieceRule[], extra: number): number[] {
  const minutes = rules.map((rule) => (rule.outcome === 'billable' ? minutesOf(rule) : 0));
  const last = rules.findLastIndex((rule) => rule.outcome === 'billable');
  if (last >= 0) minutes[last] = minutes[last]! + extra;
  return minutes;
}

function roundUp(minutes: number, multiple: number): number {
  return Math.ceil(minutes / multiple) * multiple;
}

function outcomeOf(segments: readonly ClassifiedSegment[]): TimeOutcome {
  if (segments.some((segment) => segment.outcome === 'billable')) return 'billable';
  if (segments.some((segment) => segment.outcome === 'absorbed')) return 'absorbed';
  return 'covered';
}

function clauseOf(segments: readonly ClassifiedSegment[]): string {
  // Most entries have one segment, or several with the same clause.
  const first = segments[0]?.clause ?? '';
  if (segments.every((segment) => segment.clause === first)) return first;
  return [...new Set(segments.map((segment) => segment.clause))].join('; ');
}

function sumOf(
  segments: readonly ClassifiedSegment[],
  key: 'billableMinutes' | 'amountCents' | 'valueCents',
): number {
  return segments.reduce((sum, segment) => sum + segment[key], 0);
}

/** A scratch copy of the one balance an entry can draw from, so an override can discard the draw. */
function workingBalance(
  balances: ReadonlyMap<string, Balance>,
  drawsFrom: ClassifyAgreement | null,
): Map<string, Balance> {
  const working = new Map<string, Balance>();
  const balance = drawsFrom === null ? undefined : balances.get(drawsFrom.id);
  if (drawsFrom !== null) working.set(drawsFrom.id, { minutes: 0, cents: 0, ...balance });
  return working;
}

function commit(balances: Map<string, Balance>, working: ReadonlyMap<string, Balance>): void {
  for (const [id, balance] of working) balances.set(id, balance);
}
