// Per-request observation: one JSON log line and the HTTP metrics, labelled by route pattern.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { AppEnv } from './context.ts';
import { OPERATIONS_PATHS } from './operations-routes.ts';

/**
 * Runs first, so it sees every response, errors included. Logs no URL, query, header or body: the
 * route pattern says what was called without ids or tokens that a query string may carry.
 */
export function observeRequests(deps: { logger: Logger; metrics: Metrics }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const startedAt = performance.now();
    await next();
    const seconds = (performance.now() - startedAt) / 1000;
    // After next(), the route index points at the handler that answered (or the middleware that threw).
    const route = routePath(c) || 'unmatched';
    const status = c.res.status;
    deps.metrics.observeRequest({ method: c.req.method, route, status, seconds });
    const auth = c.get('auth');
    const line = {
      requestId: c.get('requestId'),
      method: c.req.method,
      route,
      status,
      durationMs: Math.round(seconds * 100_000) / 100,
      ip: c.get('ip'),
      ...(auth?.scope ? { tenantId: auth.scope.tenantId } : {}),
    };
    // Probes and scrapes arrive every few seconds; they would drown the useful lines at info.
    if (OPERATIONS_PATHS.has(c.req.path)) deps.logger.debug(line, 'request');
    else deps.logger.info(line, 'request');
  };
}
