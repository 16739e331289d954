// The job queue against a real database on each engine: delivery, retries, delays, cron, graceful stop.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createJobQueue, type JobQueue, type JobQueueOptions } from './job-queue.ts';
import { createPgliteDb } from './pglite-db.ts';

const engine = process.env.ACCORD_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

// The shared DB test helper is not there yet, so this file makes its own throwaway database.
interface TestDatabase {
  target: { engine: 'pglite'; pglite: PGlite } | { engine: 'postgres'; pool: pg.Pool };
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

async function openTestDatabase(): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const pglite = await PGlite.create();
    return {
      target: { engine, pglite },
      query: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, params)).rows,
      drop: () => pglite.close(),
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for the postgres engine');
  const name = `accord_jobs_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 5 });
  // DROP ... WITH (FORCE) can reach a connection that pool.end() is still closing.
  pool.on('error', () => {});
  return {
    target: { engine, pool },
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async drop() {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

let database: TestDatabase;
let jobs: JobQueue;
const logged: string[] = [];

function queueOptions(): JobQueueOptions {
  return {
    ...database.target,
    retryDelaySeconds: 1,
    cronCheckSeconds: 1,
    log: (message) => logged.push(message),
  };
}

const fast = { pollingIntervalSeconds: 0.5 };

async function jobState(id: string): Promise<unknown> {
  const rows = await database.query('SELECT state FROM pgboss.job WHERE id = $1', [id]);
  return rows[0]?.state;
}

beforeAll(async () => {
  database = await openTestDatabase();
  jobs = createJobQueue(queueOptions());
  await jobs.start();
});

afterAll(async () => {
  await jobs?.stop();
  await database?.drop();
});

describe.concurrent(`job queue (${engine})`, () => {
  test('a sent job is handled once, with its data', async () => {
    const seen: { id: string; data: { ticketId: string; tags: string[] } }[] = [];
    await jobs.work<{ ticketId: string; tags: string[] }>(
      'deliver-once',
      async (job) => {
        seen.push(job);
      },
      fast,
    );
    const id = await jobs.send('deliver-once', { ticketId: 't-1', tags: ['a', 'b'] });

    await waitFor(() => seen.length > 0);
    await sleep(1_200);
    expect(seen).toEqual([{ id, data: { ticketId: 't-1', tags: ['a', 'b'] } }]);
    await waitFor(async () => (await jobState(id!)) === 'completed');
  });

  test('a failing job is logged, retried with backoff, and then succeeds', async () => {
    const attempts: number[] = [];
    await jobs.work(
      'flaky',
      async () => {
        attempts.push(Date.now());
        if (attempts.length === 1) throw new Error('mail server unreachable');
      },
      fast,
    );
    const id = await jobs.send('flaky', {});

    await waitFor(() => attempts.length === 2);
    const [first = 0, second = 0] = attempts;
    expect(second - first).toBeGreaterThanOrEqual(900); // retryDelaySeconds: 1, doubled with jitter
    expect(logged.some((message) => message.includes(`flaky/${id}`))).toBe(true);
    await waitFor(async () => (await jobState(id!)) === 'completed');
  });

  test('a job sent with retryLimit 0 fails for good on its first error', async () => {
    let attempts = 0;
    await jobs.work(
      'no-retry',
      async () => {
        attempts++;
        throw new Error('invalid address');
      },
      fast,
    );
    const id = await jobs.send('no-retry', {}, { retryLimit: 0 });

    await waitFor(async () => (await jobState(id!)) === 'failed');
    await sleep(1_200);
    expect(attempts).toBe(1);
  });

  test('a job with startAfter in the future is not run early', async () => {
    const ranAt: number[] = [];
    await jobs.work(
      'later',
      async () => {
        ranAt.push(Date.now());
      },
      fast,
    );
    const startAfter = new Date(Date.now() + 2_000);
    await jobs.send('later', {}, { startAfter });

    await sleep(1_500);
    expect(ranAt).toEqual([]);
    await waitFor(() => ranAt.length === 1);
    expect(ranAt[0]).toBeGreaterThanOrEqual(startAfter.getTime());
  });

  test('schedule() registers a UTC cron that delivers its data', async () => {
    const seen: unknown[] = [];
    await jobs.work(
      'every-minute',
      async (job) => {
        seen.push(job.data);
      },
      fast,
    );
    await jobs.schedule('every-minute', '* * * * *', { report: 'sla' });

    const rows = await database.query('SELECT cron, timezone FROM pgboss.schedule WHERE name = $1', [
      'every-minute',
    ]);
    expect(rows).toEqual([{ cron: '* * * * *', timezone: 'UTC' }]);
    // A once-a-minute cron is due at once; with cronCheckSeconds 1 it is delivered within seconds.
    await waitFor(() => seen.length > 0);
    expect(seen[0]).toEqual({ report: 'sla' });
    await expect(jobs.schedule('every-minute', 'not a cron')).rejects.toThrow();
  });

  test('a singletonKey keeps a second copy out while the first waits', async () => {
    const key = 'recompute:ticket-7';
    const first = await jobs.send('singleton', { n: 1 }, { singletonKey: key });
    const second = await jobs.send('singleton', { n: 2 }, { singletonKey: key });
    const unkeyed = await Promise.all([jobs.send('singleton', {}), jobs.send('singleton', {})]);

    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(unkeyed).toEqual([expect.any(String), expect.any(String)]);
  });

  test('stop() waits for a running handler and records its completion', async () => {
    const own = createJobQueue(queueOptions());
    await own.start();
    let started = false;
    let finished = false;
    await own.work(
      'slow',
      async () => {
        started = true;
        await sleep(1_000);
        finished = true;
      },
      fast,
    );
    const id = await own.send('slow', {});
    await waitFor(() => started);

    await own.stop();
    expect(finished).toBe(true);
    expect(await jobState(id!)).toBe('completed');
    await expect(own.send('slow', {})).rejects.toThrow(/stopped/);
  });

  test.runIf(engine === 'pglite')(
    'an app transaction holding PGlite delays the queue without deadlock',
    async () => {
      if (database.target.engine !== 'pglite') return;
      const { pglite } = database.target;
      const handled: string[] = [];
      await jobs.work(
        'behind-tx',
        async (job) => {
          handled.push(job.id);
        },
        fast,
      );
      let sent: Promise<string | null> | undefined;
      await pglite.transaction(async (tx) => {
        await tx.query('SELECT 1');
        sent = jobs.send('behind-tx', {}); // queued behind this transaction, never inside it
        await sleep(700);
      });
      const id = await sent;
      await waitFor(() => handled.length === 1);
      expect(handled).toEqual([id]);
    },
  );

  test.runIf(engine === 'pglite')(
    'a failing multi-statement bundle does not leave PGlite in a transaction',
    async () => {
      if (database.target.engine !== 'pglite') return;
      const { pglite } = database.target;
      const db = createPgliteDb(pglite);

      await expect(db.executeSql('BEGIN; SELECT 1; SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
      expect((await pglite.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    },
  );
});
