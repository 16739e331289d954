// What one collector gives back: its value, or null and why it could not run; plus the sorting and clipping every
// collector needs so that `state` hashes the same on every run.
import type {
  Account,
  ChangeEvent,
  Disk,
  InventoryHealth,
  Protection,
  Raid,
  Service,
  Session,
  Software,
  Volume,
} from '../../shared/api/inventory.ts';
import { describeFailure } from './system-access.ts';

export type Section<T> = { value: T; reason?: undefined } | { value: null; reason: string };

/** Runs one collector; whatever goes wrong becomes "not available" with a reason, never an exception. */
export async function collectSection<T>(collect: () => Promise<T>): Promise<Section<T>> {
  try {
    return { value: await collect() };
  } catch (error) {
    return { value: null, reason: clip(describeFailure(error), 300) };
  }
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy, ordered by each key in turn (nulls first). */
export function sortByKeys<T>(items: Iterable<T>, ...keys: ((item: T) => string | null)[]): T[] {
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const order = compareText(key(a) ?? '', key(b) ?? '');
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** Unique, sorted strings. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** Trimmed and cut to the contract's limit; null when nothing is left. */
export function clip(value: string | null | undefined, max: number): string {
  return (value ?? '').trim().slice(0, max).trim();
}

export function clipOrNull(value: string | null | undefined, max: number): string | null {
  return clip(value, max) || null;
}

/** What each platform's collectors give, each started at once and settled on its own. */
export interface PlatformCollectors {
  software: Promise<Section<Software[]>>;
  services: Promise<Section<Service[]>>;
  accounts: Promise<Section<Account[]>>;
  disks: Promise<Section<Disk[]>>;
  raid: Promise<Section<Raid[]>>;
  protection: Promise<Section<{ products: Protection[]; signatureAgeDays: number | null }>>;
  updates: Promise<Section<InventoryHealth['pendingUpdates']>>;
  /** Health only: when it fails the report simply lists no volumes. */
  volumes: Promise<Section<Volume[]>>;
  events: Promise<Section<ChangeEvent[]>>;
  sessions: Promise<Section<Session[]>>;
}

/** Packages sorted by name, architecture or publisher, version; exact repeats dropped. */
export function sortSoftware(packages: Software[]): Software[] {
  const unique = new Map(packages.map((item) => [JSON.stringify(item), item]));
  return sortByKeys(
    unique.values(),
    (item) => item.name,
    (item) => item.publisher,
    (item) => item.version,
  );
}
