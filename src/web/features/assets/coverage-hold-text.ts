// The words the asset page uses for a coverage hold: its conditions and how far along each is, what it
// does to billing, and how it ended. Plain functions, so the banner, the dialog and the list say it alike.
import type { CoverageHold, HoldConditions } from '../../../shared/api/vendor-terms.ts';
import { formatDateTime } from '../../ui/format.ts';

export interface ConditionItem {
  key: 'loaSigned' | 'rulesAcknowledged' | 'cleanDays';
  label: string;
  isMet: boolean;
  /** How far along, where that is more than met or not: 12 of 30 clean days. */
  progress: { done: number; of: number } | null;
}

/** "12 Nov 2026": the day of an instant in the browser's zone. */
export function holdDay(iso: string): string {
  const [weekdayAndDate = ''] = formatDateTime(iso).split(',');
  return weekdayAndDate.split(' ').slice(1).join(' ');
}

/** The hold's conditions, in a fixed order, each with whether it is met now. Empty: lifted only by hand. */
export function conditionItems(hold: CoverageHold): ConditionItem[] {
  const { conditions, progress, vendorName, assetName } = hold;
  const items: ConditionItem[] = [];
  if (conditions.loaSigned) {
    items.push({
      key: 'loaSigned',
      label: `${vendorName} holds a signed Letter of Agency`,
      isMet: progress.loaSigned === true,
      progress: null,
    });
  }
  if (conditions.rulesAcknowledged) {
    items.push({
      key: 'rulesAcknowledged',
      label: `${vendorName} has acknowledged the rules of engagement`,
      isMet: progress.rulesAcknowledged === true,
      progress: null,
    });
  }
  if (conditions.cleanDays > 0) {
    const clean = Math.min(progress.cleanDays ?? 0, conditions.cleanDays);
    items.push({
      key: 'cleanDays',
      label: `${daysText(conditions.cleanDays)} without changes outside an approved window on ${assetName}`,
      isMet: clean >= conditions.cleanDays,
      progress: { done: clean, of: conditions.cleanDays },
    });
  }
  return items;
}

/** "12 of 30 clean days". */
export function cleanDaysText(progress: { done: number; of: number }): string {
  return `${progress.done} of ${progress.of} clean ${progress.of === 1 ? 'day' : 'days'}`;
}

/** "1 day", "30 days". */
export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** What placing the hold does, said before the user confirms. */
export function billingEffectText(facts: {
  assetName: string;
  clientName: string;
  vendorName: string | null;
  conditions: HoldConditions;
}): string {
  const { assetName, clientName, conditions } = facts;
  const vendor = facts.vendorName ?? 'the vendor';
  const lifts: string[] = [];
  if (conditions.loaSigned) lifts.push(`${vendor} holds a signed Letter of Agency`);
  if (conditions.rulesAcknowledged) lifts.push(`${vendor} has acknowledged the rules of engagement`);
  if (conditions.cleanDays > 0) {
    lifts.push(`${daysText(conditions.cleanDays)} pass without changes outside an approved window`);
  }
  const ending =
    lifts.length === 0
      ? 'It stays until someone lifts it by hand, with a reason.'
      : `It lifts itself once ${joinAnd(lifts)}, or earlier by hand, with a reason.`;
  return (
    `From now on, ${assetName} is off managed service: time worked on tickets naming it is billable at ` +
    `${clientName || 'the client'}’s agreement rates instead of being covered, and each charge cites this ` +
    `hold. Time already worked is not affected. ${ending}`
  );
}

/** "a", "a and b", "a, b and c". */
function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** How a lifted hold ended: by whom, or by itself. */
export function liftedByText(hold: CoverageHold): string {
  return hold.liftedByName ? `Lifted by ${hold.liftedByName}` : 'Lifted itself when its conditions were met';
}
