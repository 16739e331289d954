// Load generators for bench/agent-checkins.ts: heartbeats and inventory reports over keep-alive HTTP to a
// server in another process, closed loop (a fixed number of connections, each sending its next request when answered) and
// open loop (requests sent on a schedule whether or not earlier ones were answered).
import { Agent, request } from 'node:http';
import type { ServerKind } from './agent-checkins-server.ts';

/** One request, ready to send: the agent's credential and other headers, and a body. */
export interface Beat {
  headers: Record<string, string>;
  body: string;
}

export interface LatencySummary {
  /** Requests answered as expected (204 for heartbeats) in the measured window. */
  answered: number;
  /** Other answers (e.g. 401, 429, 500) and transport errors, by status ("error" for transport). */
  failures: Record<string, number>;
  /** Milliseconds. */
  p50: number;
  p99: number;
}

export interface ClosedLoopResult extends LatencySummary {
  perSecond: number;
}

export interface OpenLoopStep extends LatencySummary {
  rate: number;
  sent: number;
  /** Requests still unanswered when the step gave up waiting (counted as failures too). */
  unanswered: number;
  /** Whether every request was answered 204 and p99 stayed under the limit. */
  passed: boolean;
}

export function heartbeatBeats(credentials: readonly string[]): Beat[] {
  const body = JSON.stringify({
    sentAt: new Date().toISOString(),
    uptimeSeconds: 86_400,
    agentVersion: '0.1.0',
  });
  return credentials.map((credential) => ({
    headers: {
      authorization: `Bearer ${credential}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  }));
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function summarize(latencies: number[], failures: Record<string, number>): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  return {
    answered: latencies.length,
    failures,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
  };
}

/** POSTs one beat; resolves with the status code, or "error" when the connection failed. */
function post(agent: Agent, port: number, path: string, beat: Beat): Promise<number | 'error'> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path, headers: beat.headers, agent },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve('error'));
      },
    );
    req.once('error', () => resolve('error'));
    req.end(beat.body);
  });
}

const countFailure = (failures: Record<string, number>, status: number | 'error') => {
  failures[status] = (failures[status] ?? 0) + 1;
};

/** What one closed-loop window measured, to be merged with the server's other windows. */
export interface ClosedLoopWindow {
  latencies: number[];
  failures: Record<string, number>;
  /** From the window's start to its last answer. */
  elapsedMs: number;
}

/**
 * `connections` keep-alive connections in a closed loop for `durationMs`, each sending its next request
 * when answered: request number n (counted from `offset`) is `requestAt(n)`, and answers with `okStatus`
 * (204 unless told) are the ones timed.
 */
export async function closedLoop(
  port: number,
  path: string,
  requestAt: (n: number) => Beat,
  options: { connections: number; durationMs: number; offset: number; okStatus?: number },
): Promise<ClosedLoopWindow> {
  const okStatus = options.okStatus ?? 204;
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let next = options.offset;
  const start = performance.now();
  const end = start + options.durationMs;
  let lastAnswer = end;
  async function connection() {
    for (;;) {
      const started = performance.now();
      if (started >= end) return;
      const status = await post(agent, port, path, requestAt(next++));
      const answered = performance.now();
      lastAnswer = Math.max(lastAnswer, answered);
      if (status === okStatus) latencies.push(answered - started);
      else countFailure(failures, status);
    }
  }
  await Promise.all(Array.from({ length: options.connections }, connection));
  agent.destroy();
  return { latencies, failures, elapsedMs: lastAnswer - start };
}

/** One server's windows as one result: answers over the windows' total time, latencies pooled. */
export function mergeWindows(windows: readonly ClosedLoopWindow[]): ClosedLoopResult {
  const failures: Record<string, number> = {};
  for (const w of windows)
    for (const [status, n] of Object.entries(w.failures)) failures[status] = (failures[status] ?? 0) + n;
  const summary = summarize(
    windows.flatMap((w) => w.latencies),
    failures,
  );
  const elapsedMs = windows.reduce((sum, w) => sum + w.elapsedMs, 0);
  return { ...summary, perSecond: (summary.answered * 1000) / elapsedMs };
}

/**
 * `rounds` turns of `turnMs` at each server, alternating which goes first, so that a busy neighbour on a
 * shared host slows both alike; each server's windows merged.
 */
export async function takeTurns(
  window: (kind: ServerKind, durationMs: number) => Promise<ClosedLoopWindow>,
  rounds: number,
  turnMs: number,
): Promise<Record<ServerKind, ClosedLoopResult>> {
  const windows: Record<ServerKind, ClosedLoopWindow[]> = { accord: [], bare: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of round % 2 === 0 ? (['accord', 'bare'] as const) : (['bare', 'accord'] as const)) {
      windows[kind].push(await window(kind, turnMs));
    }
  }
  return { accord: mergeWindows(windows.accord), bare: mergeWindows(windows.bare) };
}

/**
 * Sends `rate` requests a second for `durationMs`, each at its scheduled moment, and times each from that
 * moment (so a server that falls behind is charged for the queue, not just the service time).
 */
export async function openLoopStep(
  port: number,
  path: string,
  beats: readonly Beat[],
  options: { rate: number; durationMs: number; drainMs: number; p99LimitMs: number; maxSockets: number },
): Promise<OpenLoopStep> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const interval = 1000 / options.rate;
  let sent = 0;
  let settled = 0;
  let onAllSettled: () => void = () => undefined;
  const allSettled = new Promise<void>((resolve) => {
    onAllSettled = resolve;
  });
  const start = performance.now() + 5;
  const fire = (scheduled: number) => {
    void post(agent, port, path, beats[sent % beats.length]!).then((status) => {
      if (status === 204) latencies.push(performance.now() - scheduled);
      else countFailure(failures, status);
      if (++settled === total) onAllSettled();
    });
  };
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        fire(start + sent * interval);
        sent += 1;
      }
      if (sent === total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  let timeout: NodeJS.Timeout | undefined;
  await Promise.race([
    allSettled,
    new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, options.drainMs);
    }),
  ]);
  clearTimeout(timeout);
  const unanswered = total - settled;
  agent.destroy();
  const summary = summarize(latencies, { ...failures, ...(unanswered > 0 ? { unanswered } : {}) });
  const failed = Object.values(summary.failures).reduce((sum, n) => sum + n, 0);
  return {
    ...summary,
    rate: options.rate,
    sent,
    unanswered,
    passed: failed === 0 && summary.p99 < options.p99LimitMs,
  };
}
