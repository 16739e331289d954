// The app's background job queue: pg-boss on PostgreSQL, and on embedded PGlite through a small adapter.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import { createLogger } from '../observability/logger.ts';
import { createPgliteDb, type PgBossDb } from './pglite-db.ts';

export interface SendOptions {
  /** Not run before this instant. */
  startAfter?: Date;
  /** At most one job with this key waits in the queue at a time; a duplicate send returns null. */
  singletonKey?: string;
  /** Attempts after the first; the default is 5, with exponential backoff. */
  retryLimit?: number;
}

export interface WorkOptions {
  /** Jobs fetched per poll and run concurrently; default 1. */
  batchSize?: number;
  /** Wait between polls when the queue is empty; default 2, at least 0.5. */
  pollingIntervalSeconds?: number;
}

export interface JobQueue {
  start(): Promise<void>;
  /** True between start() and stop(): workers are polling (readiness reports it). */
  isRunning(): boolean;
  /** Stops polling, then waits for running handlers (up to `stopTimeoutSeconds`). */
  stop(): Promise<void>;
  /** Returns the job id, or null when a job with the same singletonKey is already queued. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  work<T extends object>(
    name: string,
    handler: (job: { id: string; data: T }) => Promise<void>,
    options?: WorkOptions,
  ): Promise<void>;
  /** Recurring job from a five-field cron expression, evaluated in UTC; re-scheduling replaces it. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
}

export type JobQueueOptions = (
  | { engine: 'pglite'; pglite: PGlite }
  | { engine: 'postgres'; pool: pg.Pool }
) & {
  /** First retry delay; each further retry doubles it (with jitter). Default 15 s: 5 retries span ~8–16 min. */
  retryDelaySeconds?: number;
  /** How often due cron schedules are checked and delivered; default 30 (tests use 1). */
  cronCheckSeconds?: number;
  /** How long stop() waits for running handlers; default 30. */
  stopTimeoutSeconds?: number;
  log?: (message: string, error: unknown) => void;
  /** Called after each job's handler settles (metrics count jobs by name and outcome here). */
  onJobSettled?: (job: { name: string; outcome: 'completed' | 'failed'; seconds: number }) => void;
};

// Job data goes in as JSON text: pg would turn a top-level array into a PostgreSQL array literal
// (rejected by the jsonb column) while PGlite would not, so both engines get the same text.
const asJson = (data: object): object => JSON.stringify(data) as unknown as object;

const fallbackLogger = createLogger('info');
const defaultLog = (message: string, error: unknown) =>
  fallbackLogger.error({ err: error }, `[jobs] ${message}`);

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const log = options.log ?? defaultLog;
  const inner: PgBossDb =
    options.engine === 'pglite'
      ? createPgliteDb(options.pglite, (message) => log(message, undefined))
      : { executeSql: (text, values) => options.pool.query(text, values) };

  // Every statement pg-boss issues is tracked, because pg-boss fires some of them without awaiting
  // (its internal cron worker completes jobs that way): stop() must not return while one is still
  // headed for a database the caller is about to close.
  const inFlight = new Set<Promise<unknown>>();
  const db: PgBossDb = {
    executeSql(text, values) {
      const query = inner.executeSql(text, values);
      inFlight.add(query);
      const forget = () => inFlight.delete(query);
      query.then(forget, forget);
      return query;
    },
  };

  const cronCheckSeconds = options.cronCheckSeconds ?? 30;
  const boss = new PgBoss({
    db,
    retryLimit: 5,
    retryBackoff: true,
    retryDelay: options.retryDelaySeconds ?? 15,
    cronMonitorIntervalSeconds: cronCheckSeconds,
    cronWorkerIntervalSeconds: Math.min(cronCheckSeconds, 5),
  });
  // An 'error' event without a listener would throw and take the process down.
  boss.on('error', (error) => log('pg-boss error', error));

  const queues = new Map<string, Promise<void>>();
  const workers = new Set<Promise<void>>();
  const wake = new AbortController();
  setMaxListeners(0, wake.signal); // one listener per sleeping worker, however many queues there are
  let state: 'new' | 'started' | 'stopping' | 'stopped' = 'new';

  function assertStarted(): void {
    if (state !== 'started') throw new Error(`Job queue is ${state}; call start() first`);
  }

  // pg-boss 10 needs a queue row before send/work/schedule. Every queue uses the 'short' policy, whose
  // unique index is what makes singletonKey mean "one queued job per key" (on the 'standard' policy
  // pg-boss ignores a bare singletonKey).
  function ensureQueue(name: string): Promise<void> {
    let created = queues.get(name);
    if (!created) {
      created = queueCreations.then(() => createQueue(name));
      queueCreations = created.catch(() => {});
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  }

  // Each pg-boss queue is a new partition of one job table, and two creations at once deadlock on
  // PostgreSQL (measured: `Promise.all` of four work() calls). This process creates them one at a
  // time; a race with another node loses to PostgreSQL's deadlock detector and is simply retried.
  let queueCreations = Promise.resolve();
  async function createQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await boss.getQueue(name)) return;
        await boss.createQueue(name, { name, policy: 'short' });
        return;
      } catch (error) {
        const isDeadlock = (error as { code?: unknown }).code === '40P01';
        if (!isDeadlock || attempt === 10) throw error;
        await sleep(50 * attempt + Math.random() * 100);
      }
    }
  }

  async function runJob<T>(
    name: string,
    job: PgBoss.Job<T>,
    handler: (job: { id: string; data: T }) => Promise<void>,
  ): Promise<void> {
    const startedAt = performance.now();
    const settled = (outcome: 'completed' | 'failed') =>
      options.onJobSettled?.({ name, outcome, seconds: (performance.now() - startedAt) / 1000 });
    try {
      await handler({ id: job.id, data: job.data });
      settled('completed');
    } catch (error) {
      settled('failed');
      log(`job ${name}/${job.id} failed; it is retried while attempts remain`, error);
      try {
        await boss.fail(name, job.id, error instanceof Error ? error : { value: String(error) });
      } catch (failError) {
        log(
          `could not record the failure of job ${name}/${job.id}; it is retried when it expires`,
          failError,
        );
      }
      return;
    }
    try {
      await boss.complete(name, job.id);
    } catch (error) {
      log(`could not mark job ${name}/${job.id} complete; it may run again`, error);
    }
  }

  // Our own poll loop instead of pg-boss's work(): pg-boss waits a full interval even after a full
  // batch, fails a whole batch when one job throws, and does not await its complete/fail writes (an
  // unhandled rejection when the database drops). Here each job settles on its own and a full batch
  // fetches again at once.
  async function poll<T>(
    name: string,
    handler: (job: { id: string; data: T }) => Promise<void>,
    batchSize: number,
    intervalMs: number,
  ): Promise<void> {
    while (state === 'started') {
      let jobs: PgBoss.Job<T>[] = [];
      try {
        jobs = await boss.fetch<T>(name, { batchSize });
      } catch (error) {
        log(`fetching from ${name} failed`, error);
      }
      await Promise.all(jobs.map((job) => runJob(name, job, handler)));
      if (jobs.length < batchSize && state === 'started') {
        await sleep(intervalMs, undefined, { signal: wake.signal }).catch(() => {});
      }
    }
  }

  return {
    async start() {
      if (state !== 'new') throw new Error(`Job queue is ${state}; it cannot start again`);
      await boss.start();
      state = 'started';
    },

    isRunning: () => state === 'started',

    async stop() {
      if (state !== 'started') return;
      state = 'stopping';
      wake.abort();
      const timeoutMs = (options.stopTimeoutSeconds ?? 30) * 1000;
      const settled = Promise.all(workers).then(() => true);
      const timedOut = sleep(timeoutMs, false, { ref: false });
      if (!(await Promise.race([settled, timedOut]))) {
        log(
          `stop() gave up waiting for running jobs after ${timeoutMs / 1000}s; they retry after expiry`,
          null,
        );
      }
      await boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
      // Let pg-boss's internal worker finish the query it had in hand, and any write it fired after it.
      while (inFlight.size > 0) {
        await Promise.allSettled([...inFlight]);
        await new Promise((resolve) => setImmediate(resolve));
      }
      state = 'stopped';
    },

    async send(name, data, sendOptions = {}) {
      assertStarted();
      await ensureQueue(name);
      return await boss.send(name, asJson(data), {
        // Key-less jobs get a unique key so the 'short' policy never merges them.
        singletonKey: sendOptions.singletonKey ?? randomUUID(),
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.retryLimit !== undefined ? { retryLimit: sendOptions.retryLimit } : {}),
      });
    },

    async work(name, handler, workOptions = {}) {
      assertStarted();
      const batchSize = workOptions.batchSize ?? 1;
      const intervalSeconds = workOptions.pollingIntervalSeconds ?? 2;
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new Error('batchSize must be a positive integer');
      if (!(intervalSeconds >= 0.5)) throw new Error('pollingIntervalSeconds must be at least 0.5');
      await ensureQueue(name);
      const worker = poll(name, handler, batchSize, intervalSeconds * 1000);
      workers.add(worker);
    },

    async schedule(name, cron, data = {}) {
      assertStarted();
      await ensureQueue(name);
      // A fixed key: a cron tick is dropped while the previous one still waits, instead of piling up.
      await boss.schedule(name, cron, asJson(data), { tz: 'UTC', singletonKey: `cron:${name}` });
    },
  };
}
