// Heartbeats are telemetry: they are kept in memory and written in batches (agents.service's
// writeHeartbeats: one statement per table for each slice of a tenant's agents), so thousands of agents
// beating every minute cost a few writes every few seconds. A crash loses at most one batch of last-seen
// times, which the next beats restore.
import { groupBy } from '../../../shared/group-by.ts';

export interface Beat {
  tenantId: string;
  agentId: string;
  assetId: string;
  /** The server's time of receipt (agents' clocks drift). */
  at: Date;
  version: string;
}

export function createHeartbeatBuffer() {
  let pending = new Map<string, Beat>();
  return {
    add(beat: Beat): void {
      pending.set(beat.agentId, beat);
    },
    forget(agentId: string): void {
      pending.delete(agentId);
    },
    /** Everything buffered so far, by tenant; the buffer starts empty again. */
    take(): Map<string, Beat[]> {
      const taken = pending;
      pending = new Map();
      return groupBy(taken.values(), (beat) => beat.tenantId);
    },
    /** Puts back beats a failed write could not store, unless a newer beat of the agent came meanwhile. */
    restore(beats: readonly Beat[]): void {
      for (const beat of beats) if (!pending.has(beat.agentId)) pending.set(beat.agentId, beat);
    },
    get size(): number {
      return pending.size;
    },
  };
}

export type HeartbeatBuffer = ReturnType<typeof createHeartbeatBuffer>;
