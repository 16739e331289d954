// What a node remembers of the inventories on record, so that an unchanged report (nearly every report)
// costs a hash compare and no database: each asset's state hash, the alert conditions the record holds and
// the basis naming both, and the time and key of the last report taken. A report taken from memory leaves
// its health (free space, uptime, backup times: what moves on its own) in a buffer written every few
// seconds, like heartbeats' last-seen times: telemetry, which a crash may lose until the agent's next report.
import { sha256 } from '../../crypto.ts';
import type { Database } from '../../db/client.ts';
import { createTelemetryBuffer, writeBuffered } from '../../db/telemetry-buffer.ts';
import type { AlertSections } from './asset-alerts.ts';
import * as repo from './inventory.repository.ts';

export interface Head {
  agentId: string;
  /** What the record held once the last report was taken (recordBasis): the receipt's `basis`. */
  basis: string;
  stateHash: string;
  /** The agent's clock (ms) when it collected the last report taken. */
  collectedAt: number;
  /** conditionsKey of the judged alerts the record holds. */
  conditions: string;
  /** The state's sections that alerts are judged on, so a report's need not be read. */
  alertSections: AlertSections;
  /** The last report taken, so that its resend answers `duplicate`. */
  idempotencyKey: string;
  changes: number;
}

/**
 * A receipt's basis: the state on record and the judged alerts the record holds, which are all a node must
 * know to take the asset's next unchanged report from memory. Two nodes that took reports leaving the same
 * record give the same basis, so an agent whose reports go to either is still answered from memory.
 */
export const recordBasis = (stateHash: string, conditions: string) => sha256(`${stateHash}\n${conditions}`);

export type HealthRow = Parameters<typeof repo.updateInventoryHealth>[1];

/** Assets remembered at most; past it the longest remembered is forgotten (its next report reads the record). */
const MAX_HEADS = 100_000;
/** Health rows written per statement, with the event loop free between (PGlite runs on it). */
const HEALTH_SLICE = 100;

export function createInventoryMemory() {
  const heads = new Map<string, Head>();
  const health = createTelemetryBuffer<HealthRow>((row) => row.assetId);

  return {
    head: (assetId: string) => heads.get(assetId),

    /** Keeps what a committed report left on record, unless this node knows of a later one. */
    remember(assetId: string, head: Head): void {
      const known = heads.get(assetId);
      if (known && known.collectedAt > head.collectedAt) return;
      if (!known && heads.size >= MAX_HEADS) heads.delete(heads.keys().next().value!);
      heads.set(assetId, head);
    },

    bufferHealth: (row: HealthRow) => health.add(row),

    /** Writes the buffered health rows, many assets to a statement. */
    flush: (db: Database) =>
      writeBuffered(health, HEALTH_SLICE, (tenantId, slice) =>
        repo.updateInventoriesHealth(db, tenantId, slice),
      ),
  };
}
