// The agent's on-disk queue of check-ins (inventory reports) waiting for the server, oldest first, so a
// report collected while the server is unreachable is sent when it comes back. One file per entry in
// <stateDir>/queue/, named `<sequence>-<idempotency key>.json` so that name order is arrival order; each
// written atomically (state.ts's writeFileAtomic), mode 0600 in 0700 directories. Reports the server
// refuses as invalid go to <stateDir>/rejected/ so one bad report cannot hold up the rest.
// One agent process owns a state directory; the queue is not safe for two writers at once.
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { InventoryInput } from '../shared/api/inventory.ts';
import { ensurePrivateDir, syncDir, TEMPORARY_SUFFIX, writeFileAtomic } from './state.ts';

export const QUEUE_DIR = 'queue';
export const REJECTED_DIR = 'rejected';
/** At 15-minute reports, 1000 entries are about ten days offline. */
export const DEFAULT_MAX_ENTRIES = 1000;
/** Reports run from tens to hundreds of KB; this keeps a long outage from filling /var. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
/** Rejected reports are kept for an admin to read; only the newest this many. */
export const DEFAULT_MAX_REJECTED = 50;

/** Wide enough for a report a minute for a million years; lexical order equals numeric order. */
const SEQUENCE_DIGITS = 12;
const ENTRY_NAME = /^(\d{12})-([0-9A-Za-z-]{1,64})\.json$/;

export interface CheckIn {
  /** Sent as the Idempotency-Key header: a resend after a lost answer counts once on the server. */
  idempotencyKey: string;
  kind: 'inventory';
  body: InventoryInput;
}

export interface QueueEntry extends CheckIn {
  /** The entry's file name in the queue directory. */
  name: string;
}

export interface QueueOptions {
  maxEntries?: number;
  /** Total size of the queued files; the newest entry is always kept. */
  maxBytes?: number;
  maxRejected?: number;
  log?: (message: string) => void;
}

export interface CheckInQueue {
  /** Appends a check-in; when the queue is over its bound, drops the oldest entries (and logs it). */
  enqueue(checkIn: CheckIn): Promise<QueueEntry>;
  /** The oldest entry, or null when the queue is empty. An unreadable entry is moved to rejected/. */
  peekOldest(): Promise<QueueEntry | null>;
  /** Removes an entry the server acknowledged. */
  remove(entry: QueueEntry): Promise<void>;
  /** Moves an entry the server refused (400, 413) to rejected/, with the reason, and logs it. */
  moveToRejected(entry: QueueEntry, reason: string): Promise<void>;
  /** Entry names, oldest first. */
  list(): Promise<string[]>;
  readonly dir: string;
  readonly rejectedDir: string;
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Opens (creating if need be) the queue in `stateDir`, removing temporary files a crash left behind:
 * an entry becomes visible only by its rename, so a temporary file is one that was never queued.
 */
export async function openCheckInQueue(stateDir: string, options: QueueOptions = {}): Promise<CheckInQueue> {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRejected = options.maxRejected ?? DEFAULT_MAX_REJECTED;
  const log = options.log ?? (() => {});
  const dir = join(stateDir, QUEUE_DIR);
  const rejectedDir = join(stateDir, REJECTED_DIR);
  await ensurePrivateDir(stateDir);
  await ensurePrivateDir(dir);

  for (const name of await namesIn(dir)) {
    if (name.endsWith(TEMPORARY_SUFFIX)) await unlink(join(dir, name)).catch(() => {});
  }

  const list = async () => (await namesIn(dir)).filter((name) => ENTRY_NAME.test(name)).sort();

  // The next sequence follows the newest entry; an empty queue may start again at 1.
  const newest = (await list()).at(-1);
  let sequence = newest ? Number(newest.slice(0, SEQUENCE_DIGITS)) : 0;

  async function removeNames(names: string[]): Promise<void> {
    for (const name of names) await unlink(join(dir, name)).catch(() => {});
    if (names.length > 0) await syncDir(dir);
  }

  async function reject(name: string, content: Record<string, unknown>, reason: string): Promise<void> {
    await ensurePrivateDir(rejectedDir);
    await writeFileAtomic(
      join(rejectedDir, name),
      `${JSON.stringify({ ...content, rejectedAt: new Date().toISOString(), reason })}\n`,
    );
    await removeNames([name]);
    log(`Report ${name} moved to ${rejectedDir}: ${reason}`);
    const kept = (await namesIn(rejectedDir)).filter((n) => ENTRY_NAME.test(n)).sort();
    for (const old of kept.slice(0, Math.max(0, kept.length - maxRejected))) {
      await unlink(join(rejectedDir, old)).catch(() => {});
    }
  }

  return {
    dir,
    rejectedDir,
    list,

    async enqueue(checkIn) {
      if (!/^[0-9A-Za-z-]{1,64}$/.test(checkIn.idempotencyKey)) {
        throw new Error(`Idempotency key "${checkIn.idempotencyKey}" is not a UUID-like token.`);
      }
      sequence += 1;
      const name = `${String(sequence).padStart(SEQUENCE_DIGITS, '0')}-${checkIn.idempotencyKey}.json`;
      const entry: CheckIn = {
        idempotencyKey: checkIn.idempotencyKey,
        kind: checkIn.kind,
        body: checkIn.body,
      };
      await writeFileAtomic(join(dir, name), `${JSON.stringify(entry)}\n`);
      // Over a bound, the oldest go: the newest report carries the machine's current state in full, so
      // only older log events and health samples are lost.
      const names = await list();
      let excess = Math.max(0, names.length - maxEntries);
      const bound = excess > 0 ? `${maxEntries} reports` : `${Math.round(maxBytes / 1024 / 1024)} MiB`;
      const sizes = await Promise.all(
        names.map((n) =>
          stat(join(dir, n)).then(
            (s) => s.size,
            () => 0,
          ),
        ),
      );
      let bytes = sizes.slice(excess).reduce((sum, size) => sum + size, 0);
      while (bytes > maxBytes && excess < names.length - 1) {
        bytes -= sizes[excess]!;
        excess += 1;
      }
      if (excess > 0) {
        await removeNames(names.slice(0, excess));
        log(`Queue full (${bound}): dropped the ${excess} oldest unsent.`);
      }
      return { ...entry, name };
    },

    async peekOldest() {
      for (;;) {
        const name = (await list())[0];
        if (!name) return null;
        let text: string;
        try {
          text = await readFile(join(dir, name), 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw error;
        }
        let entry: Partial<CheckIn> | undefined;
        try {
          entry = JSON.parse(text);
        } catch {}
        if (entry?.kind === 'inventory' && typeof entry.idempotencyKey === 'string' && entry.body) {
          return { idempotencyKey: entry.idempotencyKey, kind: entry.kind, body: entry.body, name };
        }
        // Renames are atomic, so this is damage from outside (a full disk, an edit): set it aside.
        await reject(name, { content: text.slice(0, 100_000) }, 'unreadable queue entry');
      }
    },

    async remove(entry) {
      await removeNames([entry.name]);
    },

    async moveToRejected(entry, reason) {
      const { name, ...checkIn } = entry;
      await reject(name, { ...checkIn }, reason);
    },
  };
}
