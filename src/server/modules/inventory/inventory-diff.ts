// The changes between two reports of one machine. A section either report could not collect (null) is
// not compared: a collector that failed must not read as "everything was removed".
import type {
  Account,
  AssetChangeKind,
  ChangeEvent,
  InventoryState,
  Software,
} from '../../../shared/api/inventory.ts';
import { compareVersions } from './version-order.ts';

export interface DetectedChange {
  kind: AssetChangeKind;
  subject: string;
  before: string | null;
  after: string | null;
  /** The kind of log event that can say who made this change; null when none can. */
  eventKind: ChangeEvent['kind'] | null;
}

/** Items of two lists by key, in a stable order: what was only before, only after, and in both. */
function pair<T>(before: readonly T[], after: readonly T[], key: (item: T) => string) {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  const removed = [...old].filter(([k]) => !now.has(k)).map(([, item]) => item);
  const added = [...now].filter(([k]) => !old.has(k)).map(([, item]) => item);
  const kept = [...now].flatMap(([k, item]) => (old.has(k) ? [[old.get(k)!, item] as const] : []));
  return { removed, added, kept };
}

/** Both lists, when both reports collected them. */
function both<T>(
  before: readonly T[] | null,
  after: readonly T[] | null,
): [readonly T[], readonly T[]] | null {
  return before && after ? [before, after] : null;
}

/**
 * A package is its name and architecture (or publisher): the same name twice (multiarch, side-by-side
 * Windows installs) are two packages. Versions of an identical name and publisher are joined.
 */
const softwareKey = (s: Software) => `${s.source}\u0000${s.name}\u0000${s.publisher ?? ''}`;

function softwareChanges(before: readonly Software[], after: readonly Software[]): DetectedChange[] {
  const changes: DetectedChange[] = [];
  const change = (kind: AssetChangeKind, s: Software, from: string | null, to: string | null) =>
    changes.push({ kind, subject: s.name, before: from, after: to, eventKind: 'software' });
  const { removed, added, kept } = pair(before, after, softwareKey);
  for (const s of added) change('software.installed', s, null, s.version);
  for (const s of removed) change('software.removed', s, s.version, null);
  for (const [old, now] of kept) {
    if (old.version === now.version) continue;
    const order = compareVersions(now.version, old.version);
    change(order < 0 ? 'software.downgraded' : 'software.upgraded', now, old.version, now.version);
  }
  return changes;
}

const serviceState = (s: { state: string; startMode: string | null }) =>
  s.startMode ? `${s.state}, ${s.startMode}` : s.state;

const accountKey = (a: Account) => `${a.kind}\u0000${a.name}`;
const accountSubject = (a: Account) => (a.kind === 'sql' ? `${a.name} (SQL login)` : a.name);
const groupList = (a: Account) => [...a.groups].sort().join(', ');

function accountChanges(before: readonly Account[], after: readonly Account[]): DetectedChange[] {
  const changes: DetectedChange[] = [];
  const change = (
    kind: AssetChangeKind,
    a: Account,
    from: string | null,
    to: string | null,
    eventKind: ChangeEvent['kind'],
  ) => changes.push({ kind, subject: accountSubject(a), before: from, after: to, eventKind });
  const { removed, added, kept } = pair(before, after, accountKey);
  for (const a of added) change('account.added', a, null, groupList(a) || null, 'account');
  for (const a of removed) change('account.removed', a, groupList(a) || null, null, 'account');
  for (const [old, now] of kept) {
    // From unknown to a date is the agent gaining read access (run as root), not a new password.
    if (old.passwordChangedAt && now.passwordChangedAt && old.passwordChangedAt !== now.passwordChangedAt) {
      change('account.password_changed', now, old.passwordChangedAt, now.passwordChangedAt, 'password');
    }
    if (groupList(old) !== groupList(now)) {
      change('account.groups_changed', now, groupList(old), groupList(now), 'group');
    }
    if (old.disabled !== now.disabled) {
      change(now.disabled ? 'account.disabled' : 'account.enabled', now, null, null, 'account');
    }
  }
  return changes;
}

/** Keyed items whose one described value changed, was added or was removed. */
function valueChanges<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  value: (item: T) => string,
  kinds: { added?: AssetChangeKind; removed?: AssetChangeKind; changed: AssetChangeKind },
  eventKind: ChangeEvent['kind'] | null = null,
): DetectedChange[] {
  const { removed, added, kept } = pair(before, after, key);
  const at = (kind: AssetChangeKind, subject: string, from: string | null, to: string | null) =>
    ({ kind, subject, before: from, after: to, eventKind }) satisfies DetectedChange;
  return [
    ...added.map((item) => at(kinds.added ?? kinds.changed, key(item), null, value(item))),
    ...(kinds.removed ? removed.map((item) => at(kinds.removed!, key(item), value(item), null)) : []),
    ...kept.flatMap(([old, now]) =>
      value(old) === value(now) ? [] : [at(kinds.changed, key(now), value(old), value(now))],
    ),
  ];
}

const osLine = (s: InventoryState) => `${s.os} ${s.osVersion}${s.kernel ? ` (kernel ${s.kernel})` : ''}`;

export function diffInventory(before: InventoryState, after: InventoryState): DetectedChange[] {
  const changes: DetectedChange[] = [];
  if (osLine(before) !== osLine(after)) {
    changes.push({
      kind: 'os.changed',
      subject: 'Operating system',
      before: osLine(before),
      after: osLine(after),
      eventKind: null,
    });
  }
  const software = both(before.software, after.software);
  if (software) changes.push(...softwareChanges(...software));
  const services = both(before.services, after.services);
  if (services) {
    changes.push(
      ...valueChanges(
        ...services,
        (s) => s.name,
        serviceState,
        { added: 'service.added', removed: 'service.removed', changed: 'service.changed' },
        'service',
      ),
    );
  }
  const accounts = both(before.accounts, after.accounts);
  if (accounts) changes.push(...accountChanges(...accounts));
  // A new disk or array is news only when it is unwell; one that goes away leaves its alert to clear.
  const disks = both(before.disks, after.disks);
  if (disks) {
    changes.push(
      ...valueChanges(
        disks[0],
        disks[1].filter((d) => d.health !== 'ok' || disks[0].some((o) => o.device === d.device)),
        (d) => d.device,
        (d) => d.health,
        { changed: 'disk.health_changed' },
      ),
    );
  }
  const raid = both(before.raid, after.raid);
  if (raid) {
    changes.push(
      ...valueChanges(
        raid[0],
        raid[1].filter((r) => r.health !== 'ok' || raid[0].some((o) => o.device === r.device)),
        (r) => r.device,
        (r) => (r.failedMembers.length ? `${r.health} (failed: ${r.failedMembers.join(', ')})` : r.health),
        { changed: 'raid.health_changed' },
      ),
    );
  }
  const backups = both(before.backups, after.backups);
  if (backups) {
    changes.push(
      ...valueChanges(
        ...backups,
        (b) => b.name,
        (b) => `${b.status}, RPO ${b.rpoHours} h`,
        {
          added: 'backup.added',
          removed: 'backup.removed',
          changed: 'backup.changed',
        },
      ),
    );
  }
  const protection = both(before.protection, after.protection);
  if (protection) {
    changes.push(
      ...valueChanges(
        ...protection,
        (p) => p.product,
        (p) =>
          `${p.enabled ? 'enabled' : 'disabled'}${p.realTimeProtection === false ? ', real-time protection off' : ''}`,
        { changed: 'protection.changed' },
      ),
    );
  }
  return changes;
}
