// Heartbeats are telemetry (db/telemetry-buffer.ts): the latest beat of each agent is kept in memory and
// agents.service's writeHeartbeats writes them in slices, one statement per table for each.
import { createTelemetryBuffer, type TelemetryBuffer } from '../../db/telemetry-buffer.ts';

export interface Beat {
  tenantId: string;
  agentId: string;
  assetId: string;
  /** The server's time of receipt (agents' clocks drift). */
  at: Date;
  version: string;
}

export const createHeartbeatBuffer = () => createTelemetryBuffer<Beat>((beat) => beat.agentId);

export type HeartbeatBuffer = TelemetryBuffer<Beat>;
