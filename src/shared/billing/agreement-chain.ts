// Walks a time entry down the exclusion chain of agreements to the one that decides it, in plain words.
import type { ClassifyAgreement, ClassifyEntry, ClassifyTicket } from './classify-time.ts';
import { localDate } from './local-time.ts';

export type ChainResult =
  /** Neither the entry nor its ticket names an agreement. */
  | { readonly kind: 'none' }
  /** `path` says why earlier agreements let the entry fall through; null when the first one decided. */
  | { readonly kind: 'decided'; readonly agreement: ClassifyAgreement; readonly path: string | null }
  /**
   * The walk ran out (no fallback, a cycle, a fallback that is not loaded) at `agreement`, the last one
   * walked. `isInForce` says whether that one was in force, i.e. whether its rates may price the work.
   */
  | {
      readonly kind: 'ended';
      readonly agreement: ClassifyAgreement;
      readonly isInForce: boolean;
      readonly text: string;
    };

interface Refusal {
  readonly isInForce: boolean;
  readonly text: string;
}

export function walkChain(
  firstId: string | null,
  entry: ClassifyEntry,
  ticket: ClassifyTicket,
  startMs: number,
  agreements: ReadonlyMap<string, ClassifyAgreement>,
  serviceNames: ReadonlyMap<string, string> | undefined,
): ChainResult {
  if (firstId === null) return { kind: 'none' };
  const first = agreements.get(firstId);
  if (first === undefined) {
    throw new RangeError(`time entry ${entry.id} names agreement ${firstId}, which was not provided`);
  }
  const reasons: string[] = [];
  const visited = new Set<string>();
  let current: ClassifyAgreement = first;
  for (;;) {
    visited.add(current.id);
    const refusal = refuse(current, entry, ticket, startMs, serviceNames);
    if (refusal === null) {
      return {
        kind: 'decided',
        agreement: current,
        path: reasons.length > 0 ? reasons.join(', and ') : null,
      };
    }
    reasons.push(refusal.text);
    const nextId: string | null = current.fallbackAgreementId;
    const next: ClassifyAgreement | undefined = nextId === null ? undefined : agreements.get(nextId);
    let ending: string | null = null;
    if (nextId === null) ending = 'which names no fallback';
    else if (next === undefined) ending = `and the fallback of ${current.name} is not available`;
    else if (visited.has(next.id)) ending = `and ${current.name} falls back to ${next.name} again (a cycle)`;
    if (ending !== null || next === undefined) {
      const text = `${reasons.join(', and ')}, ${ending}`;
      return { kind: 'ended', agreement: current, isInForce: refusal.isInForce, text };
    }
    current = next;
  }
}

function refused(text: string): Refusal {
  return { isInForce: true, text };
}

/** Why an agreement does not take the entry, or null when it does. Order: in force, exclusions, coverage. */
function refuse(
  agreement: ClassifyAgreement,
  entry: ClassifyEntry,
  ticket: ClassifyTicket,
  startMs: number,
  serviceNames: ReadonlyMap<string, string> | undefined,
): Refusal | null {
  const name = agreement.name;
  const date = localDate(startMs, agreement.calendar?.timeZone ?? 'UTC');
  if (date < agreement.startsOn) {
    return {
      isInForce: false,
      text: `${name} is not in force on ${date} (it starts on ${agreement.startsOn})`,
    };
  }
  if (agreement.endsOn !== null && date > agreement.endsOn) {
    return { isInForce: false, text: `${name} is not in force on ${date} (it ended on ${agreement.endsOn})` };
  }
  if (agreement.excludedTicketTypes.includes(ticket.type)) {
    return refused(`${ticket.type} tickets are excluded from ${name}`);
  }
  if (agreement.excludedWorkTypeIds.includes(entry.workTypeId)) {
    return refused(`${entry.workTypeName} work is excluded from ${name}`);
  }
  if (entry.workRoleId !== null && agreement.excludedWorkRoleIds.includes(entry.workRoleId)) {
    return refused(`${entry.workRoleName ?? entry.workRoleId} work is excluded from ${name}`);
  }
  if (agreement.coveredServiceIds.length > 0) {
    if (ticket.serviceId === null) {
      return refused(`${name} covers only listed services and the ticket names none`);
    }
    if (!agreement.coveredServiceIds.includes(ticket.serviceId)) {
      return refused(`${serviceName(ticket.serviceId, serviceNames)} is not a covered service of ${name}`);
    }
  }
  if (
    agreement.coveredAssetTypes.length > 0 &&
    ticket.assetType !== null &&
    !agreement.coveredAssetTypes.includes(ticket.assetType)
  ) {
    return refused(`${ticket.assetType} assets are not covered by ${name}`);
  }
  return null;
}

export function serviceName(id: string, serviceNames: ReadonlyMap<string, string> | undefined): string {
  return serviceNames?.get(id) ?? `service ${id}`;
}
