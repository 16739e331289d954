// Grouping the changes attributed to a vendor by the incident each opened or was added to, for the portal's
// attributions page: the incident with the latest change first, changes on no incident last.
import type { PortalAttributedChange } from './portal-api.ts';

/** The changes of one incident (or of none yet), newest first. */
export interface IncidentGroup {
  key: string;
  ticketId: string | null;
  ticketNumber: number | null;
  clientName: string;
  repliedAt: string | null;
  latest: string;
  changes: PortalAttributedChange[];
}

/** One group per incident, the incident with the latest change first; changes on no incident last. */
export function groupByIncident(changes: readonly PortalAttributedChange[]): IncidentGroup[] {
  const groups = new Map<string, IncidentGroup>();
  for (const change of changes) {
    const key = change.ticketId ?? `none:${change.clientName}`;
    const group = groups.get(key) ?? {
      key,
      ticketId: change.ticketId,
      ticketNumber: change.ticketNumber,
      clientName: change.clientName,
      repliedAt: change.repliedAt,
      latest: change.occurredAt,
      changes: [],
    };
    group.changes.push(change);
    if (change.occurredAt > group.latest) group.latest = change.occurredAt;
    if (change.repliedAt && (!group.repliedAt || change.repliedAt > group.repliedAt))
      group.repliedAt = change.repliedAt;
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({
      ...group,
      changes: group.changes.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)),
    }))
    .sort((a, b) =>
      a.ticketId === null || b.ticketId === null
        ? Number(a.ticketId === null) - Number(b.ticketId === null)
        : b.latest.localeCompare(a.latest),
    );
}
