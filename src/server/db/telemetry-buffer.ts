// Telemetry (heartbeats' last-seen times, unchanged reports' health) is kept in memory, the latest row per
// key, and written in batches: thousands of agents cost a few writes every few seconds, and a crash loses
// at most one batch, which the agents' next calls restore.
import { setImmediate } from 'node:timers/promises';
import { groupBy } from '../../shared/group-by.ts';

export interface TelemetryBuffer<T> {
  /** Keeps the row, replacing the one of the same key. */
  add(row: T): void;
  forget(key: string): void;
  /** Everything buffered so far, by tenant; the buffer starts empty again. */
  take(): Map<string, T[]>;
  /** Puts back rows a failed write could not store, unless a newer row of the same key came meanwhile. */
  restore(rows: readonly T[]): void;
  readonly size: number;
}

export function createTelemetryBuffer<T extends { tenantId: string }>(
  keyOf: (row: T) => string,
): TelemetryBuffer<T> {
  let pending = new Map<string, T>();
  return {
    add(row) {
      pending.set(keyOf(row), row);
    },
    forget(key) {
      pending.delete(key);
    },
    take() {
      const taken = pending;
      pending = new Map();
      return groupBy(taken.values(), (row) => row.tenantId);
    },
    restore(rows) {
      for (const row of rows) if (!pending.has(keyOf(row))) pending.set(keyOf(row), row);
    },
    get size() {
      return pending.size;
    },
  };
}

/**
 * Takes what the buffer holds and writes it, `sliceSize` rows of a tenant at a time, with the event loop
 * free between (on PGlite a write holds it); a slice that fails goes back to the buffer, and the first
 * failure is thrown once every slice was tried. Answers how many rows were written.
 */
export async function writeBuffered<T>(
  buffer: TelemetryBuffer<T>,
  sliceSize: number,
  write: (tenantId: string, slice: T[]) => Promise<unknown>,
): Promise<number> {
  let written = 0;
  let failure: unknown = null;
  for (const [tenantId, rows] of buffer.take()) {
    for (let start = 0; start < rows.length; start += sliceSize) {
      const slice = rows.slice(start, start + sliceSize);
      try {
        await write(tenantId, slice);
        written += slice.length;
      } catch (error) {
        buffer.restore(slice);
        failure ??= error;
      }
      await setImmediate();
    }
  }
  if (failure) throw failure;
  return written;
}
