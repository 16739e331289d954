// Health, readiness, metrics and request logs through the real app on each engine.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDatabase } from '../../../test/database.ts';
import { captureLogs, startTestApp, TEST_COOKIES, TEST_PASSWORD } from '../../../test/http.ts';
import { createApp } from '../app.ts';
import { queryRows } from '../db/client.ts';
import { parseTrustedProxies } from '../http/client-ip.ts';
import { createJobQueue, type JobQueue } from '../jobs/index.ts';
import { createServices } from '../main.ts';
import { createMetrics } from './metrics.ts';
import { createReadinessCheck, type ReadinessCheck } from './readiness.ts';

const TICKET_ID = '0190f5e2-7b7c-7cc1-8a2e-5f0d1c2b3a41';
const METRICS_TOKEN = 'scrape-me-with-this-long-token';

/** The Node adapter's bindings as a real socket would give them. */
const fromPeer = (remoteAddress: string) => ({
  incoming: {
    socket: {
      remoteAddress,
      remotePort: 50_000,
      remoteFamily: remoteAddress.includes(':') ? 'IPv6' : 'IPv4',
    },
  },
});

const logs = captureLogs();
const metrics = createMetrics();
let readiness: ReadinessCheck = async () => {
  throw new Error('not set up');
};
const harness = await startTestApp({
  app: {
    logger: logs.logger,
    metrics,
    readiness: () => readiness(),
    trustedProxies: parseTrustedProxies('10.0.0.0/8, loopback'),
  },
});
const { app } = harness;

let jobs: JobQueue;
beforeAll(async () => {
  jobs = createJobQueue({
    ...harness.handle,
    cronCheckSeconds: 1,
    retryDelaySeconds: 1,
    stopTimeoutSeconds: 5,
    log: () => {},
    onJobSettled: (job) => metrics.observeJob(job),
  });
  await jobs.start();
  readiness = createReadinessCheck({ handle: harness.handle, jobs });
});
afterAll(() => jobs.stop());

describe('GET /healthz', () => {
  test('answers 200 ok without authentication and is never cached', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('GET /readyz', () => {
  test('answers 200 when the database answers, migrations are applied and jobs run', async () => {
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', migrations: 'ok', jobs: 'ok' },
    });
  });

  test('answers 503 naming the database when it is closed, while /healthz stays 200', async () => {
    const handle = await openTestDatabase();
    const lonely = createApp(createServices({ db: handle.db }), {
      cookies: TEST_COOKIES,
      readiness: createReadinessCheck({ handle, jobs: { isRunning: () => true } }),
    });
    expect((await lonely.request('/readyz')).status).toBe(200);
    await handle.close();
    const response = await lonely.request('/readyz');
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe('unavailable');
    expect(body.checks.database).toBe('unreachable');
    expect(body.checks.jobs).toBe('ok');
    expect((await lonely.request('/healthz')).status).toBe(200);
  });

  test('answers 503 when a migration is not applied or the job worker is stopped', async () => {
    const handle = await openTestDatabase();
    try {
      let isRunning = true;
      const check = createReadinessCheck({ handle, jobs: { isRunning: () => isRunning } });
      const lonely = createApp(createServices({ db: handle.db }), {
        cookies: TEST_COOKIES,
        readiness: check,
      });
      await queryRows(
        handle,
        'delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)',
      );
      let body = await (await lonely.request('/readyz')).json();
      expect(body.checks).toEqual({ database: 'ok', migrations: '1 migration(s) not applied', jobs: 'ok' });
      isRunning = false;
      const response = await lonely.request('/readyz');
      expect(response.status).toBe(503);
      body = await response.json();
      expect(body.checks.jobs).toBe('the job worker is not running');
    } finally {
      await handle.close();
    }
  });

  test('reports the job queue as stopped after stop()', async () => {
    const queue = createJobQueue({ ...harness.handle, log: () => {} });
    expect(queue.isRunning()).toBe(false);
    await queue.start();
    expect(queue.isRunning()).toBe(true);
    await queue.stop();
    expect(queue.isRunning()).toBe(false);
  });
});

describe('GET /metrics', () => {
  test('counts requests by route pattern, never by raw id', async () => {
    const { owner } = await harness.newTenant();
    expect((await owner.get(`/tickets/${TICKET_ID}`)).status).toBe(404);
    const response = await app.request('/metrics', {}, fromPeer('127.0.0.1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toMatch(
      /accord_http_requests_total\{method="GET",route="\/api\/v1\/tickets\/:id",status="404"\} 1/,
    );
    expect(text).toMatch(
      /accord_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/v1\/tickets\/:id"/,
    );
    expect(text).toContain('route="/api/v1/auth/login",status="200"');
    expect(text).not.toContain(TICKET_ID);
    expect(text).toContain('accord_process_resident_memory_bytes');
    expect(text).toContain('accord_nodejs_eventloop_lag_seconds');
  });

  test('counts jobs processed and failed by name', async () => {
    let attempts = 0;
    await jobs.work(
      'ops.flaky',
      async () => {
        attempts++;
        if (attempts === 1) throw new Error('first attempt fails');
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await jobs.send('ops.flaky', {}, { retryLimit: 1 });
    for (let i = 0; i < 100 && attempts < 2; i++) await sleep(100);
    await sleep(50);
    const text = await (await app.request('/metrics', {}, fromPeer('::1'))).text();
    expect(text).toContain('accord_jobs_processed_total{name="ops.flaky",outcome="failed"} 1');
    expect(text).toContain('accord_jobs_processed_total{name="ops.flaky",outcome="completed"} 1');
    expect(text).toContain('accord_jobs_failed_total{name="ops.flaky"} 1');
  });

  test('without METRICS_TOKEN answers only direct requests from loopback', async () => {
    expect((await app.request('/metrics')).status).toBe(403); // in-process: no socket, no address
    expect((await app.request('/metrics', {}, fromPeer('192.0.2.10'))).status).toBe(403);
    expect((await app.request('/metrics', {}, fromPeer('::ffff:127.0.0.1'))).status).toBe(200);
    const proxied = await app.request(
      '/metrics',
      { headers: { 'x-forwarded-for': '198.51.100.4' } },
      fromPeer('127.0.0.1'),
    );
    expect(proxied.status).toBe(403);
    expect((await proxied.json()).error.code).toBe('auth.forbidden');
  });

  test('with METRICS_TOKEN needs the bearer token, from anywhere', async () => {
    const guarded = createApp(harness.services, {
      cookies: TEST_COOKIES,
      metricsToken: METRICS_TOKEN,
    });
    const missing = await guarded.request('/metrics', {}, fromPeer('127.0.0.1'));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await guarded.request('/metrics', { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await guarded.request(
      '/metrics',
      { headers: { authorization: `Bearer ${METRICS_TOKEN}` } },
      fromPeer('203.0.113.50'),
    );
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('accord_http_requests_total');
  });
});

describe('request logs', () => {
  test('one JSON line per request with id, method, route, status, duration and tenant, and no secrets', async () => {
    const { owner, tenantId } = await harness.newTenant();
    const before = logs.lines.length;
    const response = await owner.request('GET', `/tickets/${TICKET_ID}?token=secret-in-query`, undefined, {
      'x-request-id': 'req-log-test-1',
    });
    expect(response.status).toBe(404);
    const written = logs.lines.slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      level: 30,
      msg: 'request',
      requestId: 'req-log-test-1',
      method: 'GET',
      route: '/api/v1/tickets/:id',
      status: 404,
      tenantId,
    });
    expect(typeof written[0]?.durationMs).toBe('number');
    const raw = JSON.stringify(written);
    expect(raw).not.toContain('secret-in-query');
    expect(raw).not.toContain('accord_session');
    expect(raw).not.toContain(TICKET_ID);
  });

  test('an unexpected error is logged with its stack', async () => {
    const broken = createApp(
      {
        ...harness.services,
        clients: {
          ...harness.services.clients,
          list: async () => {
            throw new Error('boom from the service');
          },
        },
      } as typeof harness.services,
      { cookies: TEST_COOKIES, logger: logs.logger },
    );
    const { ownerEmail } = await harness.newTenant();
    // The owner's session cookie works on the broken app too: both share one database.
    const login = await harness.anonymous.post('/auth/login', { email: ownerEmail, password: TEST_PASSWORD });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const before = logs.lines.length;
    const response = await broken.request('/api/v1/clients', { headers: { cookie } });
    expect(response.status).toBe(500);
    const failure = logs.lines.slice(before).find((line) => line.msg === 'request failed');
    expect(failure).toMatchObject({ level: 50, route: '/api/v1/clients' });
    expect((failure?.err as { stack?: string } | undefined)?.stack).toContain('boom from the service');
  });
});

describe('client address behind a reverse proxy', () => {
  async function loggedIp(peer: string, forwardedFor?: string) {
    const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
    await app.request('/api/v1/nothing-here', { headers }, fromPeer(peer));
    return logs.lines.at(-1)?.ip;
  }

  test('believes X-Forwarded-For only from a configured proxy', async () => {
    expect(await loggedIp('10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    expect(await loggedIp('127.0.0.1', '203.0.113.9, 10.9.9.9')).toBe('203.0.113.9');
    expect(await loggedIp('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
    expect(await loggedIp('198.51.100.7')).toBe('198.51.100.7');
  });

  test('a client cannot spoof its address by prepending to the header', async () => {
    expect(await loggedIp('10.1.2.3', '1.1.1.1, 203.0.113.9')).toBe('203.0.113.9');
  });
});
