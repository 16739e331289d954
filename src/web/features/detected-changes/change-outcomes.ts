// How a detected change's outcome reads: a badge with a word and a colour (never colour alone), and the
// links that back it (the change request, the vendor incident ticket, the vendor). Pure, so the asset's
// timeline, the triage list and their tests agree.
import {
  type AssetChange,
  type ChangeOutcome,
  changeOutcomeLabels,
  changeOutcomes,
} from '../../../shared/api/inventory.ts';

export type { ChangeOutcome };
export { changeOutcomeLabels, changeOutcomes };

/** Authorized is fine, routine is background noise, unattributed needs a look, a vendor's is trouble. */
export const changeOutcomeColors: Record<ChangeOutcome, string> = {
  authorized: 'green',
  routine: 'gray',
  unattributed: 'yellow',
  vendor: 'red',
};

/** What each outcome means, for the badge's tooltip and the judge dialog. */
export const changeOutcomeHints: Record<ChangeOutcome, string> = {
  authorized: 'Inside an approved window on this asset, by an expected actor',
  routine: "By the MSP's own automation or an allow-listed updater",
  unattributed: 'Not tied to a vendor, a change request or a routine updater; never charged to a vendor',
  vendor: "Through a vendor's account, or while a vendor's session was open",
};

export type ChangeLink =
  | { kind: 'change-request'; changeRequestId: string; label: string }
  | { kind: 'ticket'; ticketId: string; label: string }
  | { kind: 'vendor'; vendorId: string; label: string };

/** "CR-3" where the reason names the request (the API gives its id, the reason its number). */
export function changeRequestLabel(reason: string | null): string {
  return /\bCR-\d+\b/.exec(reason ?? '')?.[0] ?? 'Change request';
}

/** The links a change's outcome rests on, in reading order: request, vendor, incident ticket. */
export function changeLinks(
  change: Pick<
    AssetChange,
    'outcome' | 'changeRequestId' | 'outcomeReason' | 'ticketId' | 'vendorId' | 'vendorName'
  >,
): ChangeLink[] {
  const links: ChangeLink[] = [];
  if (change.outcome === 'authorized' && change.changeRequestId) {
    links.push({
      kind: 'change-request',
      changeRequestId: change.changeRequestId,
      label: changeRequestLabel(change.outcomeReason),
    });
  }
  if (change.vendorId) {
    links.push({ kind: 'vendor', vendorId: change.vendorId, label: change.vendorName ?? 'Vendor' });
  }
  if (change.ticketId) links.push({ kind: 'ticket', ticketId: change.ticketId, label: 'Incident ticket' });
  return links;
}

/** Health and status changes are nobody's doing: they have no outcome and cannot be judged. */
export const isJudgeable = (change: Pick<AssetChange, 'outcome'>) => change.outcome !== null;

/** The triage list's outcome filter: an outcome, or every change that has one. */
export type OutcomeFilter = ChangeOutcome | 'any';

/** The API's `outcome` parameter for a filter ("any" asks for all four, leaving out health changes). */
export function outcomeQuery(filter: OutcomeFilter): string {
  return filter === 'any' ? changeOutcomes.join(',') : filter;
}
