// Unauthenticated operations endpoints outside /api/v1: liveness, readiness and Prometheus metrics.
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { sha256 } from '../crypto.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { ReadinessCheck } from '../observability/readiness.ts';
import { errorBody } from './app-error.ts';
import { isLoopback, peerAddress } from './client-ip.ts';
import type { AppEnv } from './context.ts';

export const OPERATIONS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

const NO_STORE = 'no-store';

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
  return timingSafeEqual(Buffer.from(sha256(given)), Buffer.from(sha256(expected)));
}

export function createOperationsRoutes(deps: {
  metrics: Metrics;
  /** Absent: /readyz answers 503 (an app built without a database, as some tests do). */
  readiness?: ReadinessCheck;
  /** Set: /metrics needs `Authorization: Bearer <token>`. Unset: only direct requests from loopback. */
  metricsToken?: string;
  logger: Logger;
}) {
  const routes = new Hono<AppEnv>();

  routes.use('*', async (c, next) => {
    await next();
    c.header('cache-control', NO_STORE);
  });

  // Liveness: the process answers. Touches nothing else, so a slow database never gets it restarted.
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));

  routes.get('/readyz', async (c) => {
    if (!deps.readiness) {
      return c.json({ status: 'unavailable', checks: { app: 'no readiness check configured' } }, 503);
    }
    const report = await deps.readiness();
    if (!report.isReady) {
      deps.logger.warn({ checks: report.checks, errors: report.errors }, 'not ready');
      return c.json({ status: 'unavailable', checks: report.checks }, 503);
    }
    return c.json({ status: 'ok', checks: report.checks });
  });

  routes.get('/metrics', async (c) => {
    if (deps.metricsToken) {
      const token = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (!token || !sameSecret(token, deps.metricsToken)) {
        c.header('www-authenticate', 'Bearer realm="metrics"');
        return c.json(errorBody('auth.unauthenticated', 'Send the metrics token as a Bearer token.'), 401);
      }
    } else {
      // Without a token only this machine may scrape; a proxied request (even one from loopback) is
      // someone else's, so a forwarding header refuses it too.
      const peer = peerAddress(c);
      const isProxied =
        c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined;
      if (!peer || !isLoopback(peer) || isProxied) {
        return c.json(
          errorBody('auth.forbidden', 'Metrics are served only to localhost unless METRICS_TOKEN is set.'),
          403,
        );
      }
    }
    return c.body(await deps.metrics.render(), 200, { 'content-type': deps.metrics.contentType });
  });

  return routes;
}
