// The judgement of one tier piece of a time entry by its cause and the deciding agreement's type, in plain words.
import { timeOutcomeLabels } from '../api/agreements.ts';
import type { TierPiece } from './after-hours.ts';
import {
  isRequestedBefore,
  missingRequestText,
  requestText,
  tierAdjectives,
  tierNouns,
} from './after-hours.ts';
import type { ChainResult } from './agreement-chain.ts';
import type { ClassifyAgreement, ClassifyTicket, TimeOutcome } from './classify-time.ts';
import { formatLocal } from './local-time.ts';
import type { PieceRule, PricingContext } from './pricing.ts';

/** Everything known about one entry once its chain is walked. */
export interface EntryFacts extends PricingContext {
  readonly ticket: ClassifyTicket;
  /** The entry's start truncated to the minute, epoch ms. */
  readonly startMs: number;
  readonly chain: ChainResult;
}

/** "Covered", "Billable", "Absorbed": how a clause starts. */
export const outcomeLabels = timeOutcomeLabels;

/** The judgement of one tier piece by cause and agreement type (rules 2 and 3 of the billing design). */
export function decidePiece(facts: EntryFacts, piece: TierPiece, noticeMs: number | null): PieceRule {
  const { entry, chain } = facts;
  if (entry.cause === 'msp_rework') {
    return ruleOf(facts, piece, 'absorbed', ['MSP rework: never billed, not shown to the client']);
  }
  const hold = facts.ticket.coverageHolds.find(
    (h) => Date.parse(h.from) <= facts.startMs && (h.until === null || facts.startMs < Date.parse(h.until)),
  );
  if (hold) {
    const since = formatLocal(Date.parse(hold.from), facts.pricing?.calendar?.timeZone ?? 'UTC');
    return billable(facts, piece, [`${hold.assetName} is on a coverage hold since ${since}`]);
  }
  if (chain.kind !== 'decided') return billable(facts, piece, []);
  if (entry.cause === 'vendor_caused') {
    const rule = chain.agreement.vendorCausedWork;
    if (rule === 'billable') return billable(facts, piece, ['vendor-caused work is billable']);
    if (rule === 'covered') return covered(facts, chain.agreement, piece, ['vendor-caused work is covered']);
    if (noticeMs === null || facts.startMs < noticeMs) {
      const note = 'vendor-caused, graduated clause: no vendor notice given yet, shown at its value';
      return { ...ruleOf(facts, piece, 'absorbed', [note]), isShownAsValue: true };
    }
    const zone = chain.agreement.calendar?.timeZone ?? 'UTC';
    const note = `vendor-caused, graduated clause: vendor notice given on ${formatLocal(noticeMs, zone)}`;
    return billable(facts, piece, [note]);
  }
  if (entry.cause === 'out_of_scope') return billable(facts, piece, ['out of scope']);
  const type = chain.agreement.type;
  return type === 'managed' || type === 'project'
    ? covered(facts, chain.agreement, piece, [])
    : billable(facts, piece, []);
}

function covered(
  facts: EntryFacts,
  agreement: ClassifyAgreement,
  piece: TierPiece,
  notes: readonly string[],
): PieceRule {
  if (agreement.type === 'project') {
    return ruleOf(facts, piece, 'covered', notes, 'included in the fixed fee of');
  }
  if (agreement.type !== 'managed') return ruleOf(facts, piece, 'covered', notes);
  if (piece.tier === 'business') {
    const scope = agreement.coveredServiceIds.length > 0 ? 'covered services' : 'all services covered';
    return ruleOf(facts, piece, 'covered', [...notes, scope]);
  }
  const request = facts.ticket.afterHoursRequest;
  if (isRequestedBefore(request, piece.start)) return billable(facts, piece, notes);
  const zone = agreement.calendar?.timeZone ?? 'UTC';
  const chosen = `${tierAdjectives[piece.tier]} work the MSP chose: ${missingRequestText(request, zone)}`;
  return ruleOf(facts, piece, 'covered', [...notes, chosen]);
}

function billable(facts: EntryFacts, piece: TierPiece, notes: readonly string[]): PieceRule {
  const { pricing, ticket } = facts;
  if (piece.tier === 'business' || pricing === null) return ruleOf(facts, piece, 'billable', notes);
  const request = ticket.afterHoursRequest;
  const zone = pricing.calendar?.timeZone ?? 'UTC';
  const noun = tierNouns[piece.tier];
  let tierNote: string;
  if (request === null || !isRequestedBefore(request, piece.start)) {
    tierNote = `${noun} at the business rate: ${missingRequestText(request, zone)}`;
  } else {
    const percent = pricing.tierPercent[piece.tier];
    tierNote =
      percent === null
        ? `${noun} ${requestText(request, zone)}, at the business rate: no ${tierAdjectives[piece.tier]} multiplier is set`
        : `${noun} at ${percent} %, ${requestText(request, zone)}`;
  }
  return ruleOf(facts, piece, 'billable', [...notes, tierNote]);
}

function ruleOf(
  facts: EntryFacts,
  piece: TierPiece,
  outcome: TimeOutcome,
  notes: readonly string[],
  connector = 'under',
): PieceRule {
  return {
    piece,
    outcome,
    multiplierPercent: multiplierFor(facts, piece),
    connector,
    notes,
    isShownAsValue: false,
  };
}

/** The tier's multiplier applies only to work the client asked for before it began (rule 4). */
function multiplierFor(facts: EntryFacts, piece: TierPiece): number {
  const { pricing, ticket } = facts;
  if (piece.tier === 'business' || pricing === null) return 100;
  if (!isRequestedBefore(ticket.afterHoursRequest, piece.start)) return 100;
  return pricing.tierPercent[piece.tier] ?? 100;
}

/**
 * A clause in plain words: "<Outcome>: <subject> <connector> <agreement> (<notes>)", or with a fallthrough
 * "<Outcome>: <why earlier agreements passed>, so <verb> under <agreement> (<notes>)".
 */
export function clauseFor(
  chain: ChainResult,
  subject: string,
  outcome: TimeOutcome,
  connector: string,
  notes: readonly string[],
): string {
  const label = outcomeLabels[outcome];
  const tail = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  if (chain.kind === 'none') {
    return outcome === 'billable'
      ? `${label}: the ticket has no agreement, so there is no rate to bill at`
      : `${label}: ${subject}${tail}`;
  }
  if (chain.kind === 'ended') {
    const noRate = outcome === 'billable' && !chain.isInForce ? ', so there is no rate to bill at' : '';
    return `${label}: ${chain.text}${noRate}${tail}`;
  }
  const verbs: Record<TimeOutcome, string> = { covered: 'covered', billable: 'billed', absorbed: 'absorbed' };
  const lead =
    chain.path === null
      ? `${subject} ${connector}`
      : `${chain.path}, so ${connector === 'under' ? `${verbs[outcome]} under` : connector}`;
  return `${label}: ${lead} ${chain.agreement.name}${tail}`;
}
