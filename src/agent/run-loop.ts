// What `accord agent run` does until it is stopped: heartbeats on one schedule, inventory reports on
// another. Each report is queued on disk first (queue.ts) and the queue is then sent oldest first, so
// reports collected while the server is unreachable arrive, each once, when it is back.
//
// Heartbeats are not queued. The server takes a heartbeat's time of receipt as the machine's last-seen
// time, so a heartbeat replayed later would only claim the machine was seen when it was not; one that
// fails is dropped, and the next one on schedule says what is true now.
import { randomUUID } from 'node:crypto';
import { uptime } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type InventoryInput, type InventoryReceipt, inventoryInputSchema } from '../shared/api/inventory.ts';
import type { AgentConfig } from './agent-config.ts';
import { type CheckInQueue, openCheckInQueue, type QueueEntry } from './queue.ts';
import { ServerError, sendHeartbeat, sendInventory as sendInventoryToServer } from './server-client.ts';
import { type AgentState, readLastCollection, writeLastCollection } from './state.ts';

/** The interval with ±10 % jitter, so agents started together do not call together. */
export function jittered(intervalMs: number, random = Math.random): number {
  return Math.round(intervalMs * (0.9 + 0.2 * random()));
}

/** Logs are read from this long before the previous collection, so nothing between two is missed. */
export const SINCE_OVERLAP_MS = 5 * 60_000;
/** Without a previous collection, logs of the last day are read. */
export const FIRST_LOOKBACK_MS = 24 * 3600_000;
/** After a long stop, no further back than a week. */
export const MAX_LOOKBACK_MS = 7 * 24 * 3600_000;
/** The longest a report waits after a failed send (a new collection also sends). */
const MAX_BACKOFF_MS = 15 * 60_000;

export type Collect = (options: AgentConfig & { since: Date }) => Promise<InventoryInput>;
export type SendInventory = (entry: QueueEntry, signal: AbortSignal) => Promise<InventoryReceipt>;

export interface RunLoopOptions {
  stateDir: string;
  state: AgentState;
  agentVersion: string;
  heartbeatMs: number;
  inventoryMs: number;
  config: AgentConfig;
  collect: Collect;
  signal: AbortSignal;
  log: (message: string) => void;
  logError: (message: string) => void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const REVOKED =
  'The server refused the agent credential (401): the agent was revoked or is unknown there. ' +
  'Enroll this machine again (accord agent enroll --force) and restart the agent; until then ' +
  'nothing is recorded.';

/** Since when the next collection reads logs: a little before the previous one, within bounds. */
export function collectionSince(previous: Date | null, now: Date): Date {
  if (!previous) return new Date(now.getTime() - FIRST_LOOKBACK_MS);
  const since = Math.max(previous.getTime() - SINCE_OVERLAP_MS, now.getTime() - MAX_LOOKBACK_MS);
  return new Date(Math.min(since, now.getTime()));
}

export type DrainOutcome =
  | { kind: 'empty'; sent: number }
  /** A send failed in a way that may pass; `retryAfterMs` when the server said how long to wait. */
  | { kind: 'retry'; sent: number; retryAfterMs: number | null; reason: string }
  | { kind: 'revoked'; sent: number }
  | { kind: 'stopped'; sent: number };

/**
 * Sends queued reports oldest first until the queue is empty or a send fails. An acknowledged report is
 * removed; one the server refuses as invalid (400) or too large (413) goes to rejected/, as retrying
 * cannot help; anything else (unreachable, 5xx, 429, a server without the endpoint yet) stays queued.
 */
export async function drainQueue(
  queue: CheckInQueue,
  send: SendInventory,
  signal: AbortSignal,
): Promise<DrainOutcome> {
  let sent = 0;
  for (;;) {
    if (signal.aborted) return { kind: 'stopped', sent };
    const entry = await queue.peekOldest();
    if (!entry) return { kind: 'empty', sent };
    try {
      await send(entry, signal);
      await queue.remove(entry);
      sent += 1;
    } catch (error) {
      if (signal.aborted) return { kind: 'stopped', sent };
      const status = error instanceof ServerError ? error.status : null;
      if (status === 400 || status === 413) {
        await queue.moveToRejected(entry, messageOf(error));
        continue;
      }
      if (status === 401) return { kind: 'revoked', sent };
      const retryAfter = error instanceof ServerError ? error.retryAfterSeconds : null;
      return {
        kind: 'retry',
        sent,
        retryAfterMs: retryAfter === null ? null : retryAfter * 1000,
        reason: messageOf(error),
      };
    }
  }
}

/** Resolves with the promise's value, or with null as soon as `signal` aborts. */
function unlessStopped<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise<T | null>((resolve, reject) => {
    const onAbort = () => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Collects a report and queues it (or sets it aside when it would not pass the server's schema). */
async function collectAndQueue(options: RunLoopOptions, queue: CheckInQueue): Promise<void> {
  const { stateDir, signal } = options;
  const startedAt = new Date();
  const since = collectionSince(await readLastCollection(stateDir), startedAt);
  const collected = await unlessStopped(options.collect({ ...options.config, since }), signal);
  if (!collected) return;
  const { body, problems } = asQueued(collected);
  const entry = await queue.enqueue({ idempotencyKey: randomUUID(), kind: 'inventory', body });
  // The mark moves once the report is safely queued: its log events will reach the server.
  await writeLastCollection(stateDir, startedAt);
  if (problems.length > 0) {
    await queue.moveToRejected(entry, `does not match the inventory schema (${problems.join('; ')})`);
  }
}

/**
 * A collected report as it is queued: as the server's schema reads it (defaults filled in, keys in its
 * order), so that the server can compare an unchanged state by the hash of the text it receives; or as
 * collected, with the first problems that will set it aside.
 */
export function asQueued(collected: InventoryInput): { body: InventoryInput; problems: string[] } {
  const checked = inventoryInputSchema.safeParse(collected);
  if (checked.success) return { body: checked.data, problems: [] };
  const problems = checked.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  return { body: collected, problems };
}

async function inventoryLoop(options: RunLoopOptions, queue: CheckInQueue): Promise<void> {
  const { signal, log, logError, inventoryMs, state } = options;
  /** The basis of the last receipt: kept in memory only, so after a restart the server reads its record. */
  let basis: string | null = null;
  const send: SendInventory = async (entry, abort) => {
    const receipt = await sendInventoryToServer(state.server, state.credential, entry, basis, abort);
    basis = receipt.basis;
    return receipt;
  };
  const firstBackoffMs = Math.min(30_000, inventoryMs / 4);
  let backoffMs = firstBackoffMs;
  let nextCollectionAt = Date.now();
  /** When to send next; null when the queue is empty or waits for the next collection. */
  let sendAt: number | null = (await queue.list()).length > 0 ? Date.now() : null;
  /** The server's Retry-After: no send before it, even after a new collection. */
  let notBefore = 0;
  /** True until the first report is sent, and while sends fail: the next success is logged. */
  let failing = true;
  let revoked = false;

  while (!signal.aborted) {
    if (Date.now() >= nextCollectionAt) {
      nextCollectionAt = Date.now() + jittered(inventoryMs);
      try {
        await collectAndQueue(options, queue);
      } catch (error) {
        logError(`Inventory collection failed: ${messageOf(error)}`);
      }
      sendAt = Math.max(Date.now(), notBefore);
    }
    if (sendAt !== null && Date.now() >= sendAt && !signal.aborted) {
      const outcome: DrainOutcome = await drainQueue(queue, send, signal).catch((error) => ({
        kind: 'retry',
        sent: 0,
        retryAfterMs: null,
        reason: `the queue could not be read or updated (${messageOf(error)})`,
      }));
      if (outcome.kind === 'stopped') break;
      sendAt = null;
      if (outcome.kind === 'empty') {
        if ((failing || revoked) && outcome.sent > 0) {
          log(`Inventory accepted; the queue is empty (${outcome.sent} sent).`);
        }
        failing = revoked = false;
        backoffMs = firstBackoffMs;
      } else if (outcome.kind === 'revoked') {
        // Try again with the next collection, not sooner: the server has said who we are not.
        if (!revoked) logError(`Inventory: ${REVOKED}`);
        revoked = true;
      } else {
        const waitMs = outcome.retryAfterMs ?? jittered(backoffMs);
        if (outcome.retryAfterMs !== null) notBefore = Date.now() + outcome.retryAfterMs;
        else backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        sendAt = Date.now() + waitMs;
        failing = true;
        const queued = (await queue.list()).length;
        logError(
          `Sending inventory failed: ${outcome.reason}. ${queued} report(s) queued; next try in ${(waitMs / 1000).toFixed(waitMs < 10_000 ? 1 : 0)} s.`,
        );
      }
    }
    const wakeAt = Math.min(nextCollectionAt, sendAt ?? Number.POSITIVE_INFINITY);
    await sleep(Math.max(0, wakeAt - Date.now()), undefined, { signal }).catch(() => {});
  }
}

async function heartbeatLoop(options: RunLoopOptions): Promise<void> {
  const { signal, state, log, logError } = options;
  let failing = true;
  while (!signal.aborted) {
    try {
      await sendHeartbeat(
        state.server,
        state.credential,
        {
          sentAt: new Date().toISOString(),
          uptimeSeconds: Math.floor(uptime()),
          agentVersion: options.agentVersion,
        },
        signal,
      );
      if (failing) log('Heartbeat accepted.');
      failing = false;
    } catch (error) {
      if (signal.aborted) break;
      failing = true;
      // Keep going: the server may be restarting or the network down. Not queued (see the top).
      const revoked = error instanceof ServerError && error.status === 401;
      logError(`Heartbeat failed: ${revoked ? REVOKED : messageOf(error)}`);
    }
    await sleep(jittered(options.heartbeatMs), undefined, { signal }).catch(() => {});
  }
}

/** Runs both schedules until `signal` aborts; a send in flight is abandoned and its report stays queued. */
export async function runAgentLoop(options: RunLoopOptions): Promise<void> {
  // Opened first so that a state directory the agent cannot write stops it at start, with the reason.
  const queue = await openCheckInQueue(options.stateDir, { log: options.logError });
  await Promise.all([heartbeatLoop(options), inventoryLoop(options, queue)]);
}
