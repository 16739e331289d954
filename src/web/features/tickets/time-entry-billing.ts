// What the time table says about an entry's billing: the invoice that locks it, billing's override, and who
// may change what. Pure, so the words are tested without a browser.
import { type TimeOutcome, timeOutcomeLabels } from '../../../shared/api/agreements.ts';
import type { ClassifiedTimeEntry } from '../../../shared/api/time.ts';

/** Why an invoiced entry offers no Edit or Delete: "On INV-1001; void the invoice to change it". */
export function invoicedNotice(invoice: { number: string }): string {
  return `On ${invoice.number}; void the invoice to change it`;
}

/** "Overridden: billable — agreed with the client on the phone". */
export function overrideSummary(override: { outcome: TimeOutcome; reason: string }): string {
  return `Overridden: ${timeOutcomeLabels[override.outcome].toLowerCase()} — ${override.reason}`;
}

/** What the override modal asks to confirm: the outcome chosen differs from today's, or the reason does. */
export function isOverrideChange(
  current: { outcome: TimeOutcome; reason: string } | null,
  next: { outcome: TimeOutcome; reason: string },
): boolean {
  return current === null || current.outcome !== next.outcome || current.reason !== next.reason.trim();
}

type EntryFacts = Pick<ClassifiedTimeEntry, 'staffId' | 'invoice'>;
export type EntryActions = { canChange: boolean; canOverride: boolean; isLocked: boolean };

/**
 * The actions one entry offers a member: edit and delete (their own with tickets.work, anyone's with
 * time.manage) and the billing override (billing.manage); none of them once a finalized invoice billed it.
 */
export function entryActions(
  entry: EntryFacts,
  member: {
    membershipId: string;
    can: (permission: 'tickets.work' | 'time.manage' | 'billing.manage') => boolean;
  },
): EntryActions {
  const isLocked = entry.invoice !== null;
  const mayChange =
    member.can('tickets.work') && (entry.staffId === member.membershipId || member.can('time.manage'));
  return {
    canChange: mayChange && !isLocked,
    canOverride: member.can('billing.manage') && !isLocked,
    isLocked,
  };
}
