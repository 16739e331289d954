// An asset change in words: what happened ("Upgraded dotnet-runtime 6.0.25 → 8.0.1"), when (a logged time
// or the window between two reports), and who (the logged actor, else the sessions open then). Pure, so
// the timeline and its tests read the same sentences.
import type { AssetChange, AssetChangeKind, assetChangeGroups } from '../../../shared/api/inventory.ts';

/** The timeline's filter: changes grouped as a technician looks for them. */
export const changeGroups = ['software', 'services', 'accounts', 'storage', 'backups', 'system'] as const;
export type ChangeGroup = (typeof changeGroups)[number];

export const changeGroupLabels: Record<ChangeGroup, string> = {
  software: 'Software',
  services: 'Services',
  accounts: 'Accounts',
  storage: 'Disks and RAID',
  backups: 'Backups',
  system: 'OS and protection',
};

/** The API's `group` filter for each of ours (comma-separated kind prefixes). */
export const changeGroupQuery: Record<ChangeGroup, (typeof assetChangeGroups)[number][]> = {
  software: ['software'],
  services: ['service'],
  accounts: ['account'],
  storage: ['disk', 'raid'],
  backups: ['backup'],
  system: ['os', 'protection'],
};

const groupOfPrefix: Record<string, ChangeGroup> = {
  software: 'software',
  service: 'services',
  account: 'accounts',
  disk: 'storage',
  raid: 'storage',
  backup: 'backups',
  os: 'system',
  protection: 'system',
};

export function changeGroupOf(kind: AssetChangeKind): ChangeGroup {
  return groupOfPrefix[kind.split('.')[0] ?? ''] ?? 'system';
}

export { describeChange } from '../../../shared/change-sentence.ts';

/** Changes that deserve a second look get a red mark in the timeline. */
export function isAlarming(change: Pick<AssetChange, 'kind' | 'after'>): boolean {
  if (change.kind === 'disk.health_changed' || change.kind === 'raid.health_changed') {
    // RAID values read like "degraded (failed: sdb)".
    const health = change.after?.split(' ')[0];
    return health !== 'ok' && health !== 'rebuilding';
  }
  return change.kind === 'backup.removed' || change.kind === 'account.added';
}

/** Who made the change: the logged actor, else who was logged on, else that nobody was recorded. */
export function describeActor(change: Pick<AssetChange, 'actor' | 'actorSource' | 'openSessions'>): {
  text: string;
  isKnown: boolean;
} {
  if (change.actor) {
    return {
      text: change.actorSource ? `by ${change.actor} · ${change.actorSource}` : `by ${change.actor}`,
      isKnown: true,
    };
  }
  if (change.openSessions.length > 0) {
    const sessions = change.openSessions.map((session) =>
      session.from
        ? `${session.user} (${session.kind} from ${session.from})`
        : `${session.user} (${session.kind})`,
    );
    return { text: `Sessions open: ${sessions.join(', ')}`, isKnown: false };
  }
  return { text: 'Actor not recorded', isKnown: false };
}

/** When: the logged instant, or the window between the previous report and the one that showed it. */
export type ChangeWhen = { at: string } | { from: string; to: string } | { by: string };

export function changeWhen(change: Pick<AssetChange, 'occurredAt' | 'timeFromLog' | 'since'>): ChangeWhen {
  if (change.timeFromLog) return { at: change.occurredAt };
  if (change.since) return { from: change.since, to: change.occurredAt };
  return { by: change.occurredAt };
}

/** The calendar day of an instant in a zone, "YYYY-MM-DD". */
export function localDay(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(Date.parse(iso));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Consecutive changes (already newest first) grouped by their day in the zone. */
export function groupByDay<T extends Pick<AssetChange, 'occurredAt'>>(
  changes: T[],
  timeZone: string,
): { day: string; items: T[] }[] {
  const groups: { day: string; items: T[] }[] = [];
  for (const change of changes) {
    const day = localDay(change.occurredAt, timeZone);
    const last = groups.at(-1);
    if (last?.day === day) last.items.push(change);
    else groups.push({ day, items: [change] });
  }
  return groups;
}

/** "Today", "Yesterday", or the day's date, for a day heading. */
export function dayLabel(day: string, now: number, timeZone: string, formatDate: (day: string) => string) {
  const today = localDay(new Date(now).toISOString(), timeZone);
  // The calendar day before, not 24 h before: a day can be 23 or 25 hours long.
  const [year = 0, month = 1, date = 1] = today.split('-').map(Number);
  const yesterday = new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
  if (day === today) return 'Today';
  if (day === yesterday) return 'Yesterday';
  return formatDate(day);
}
