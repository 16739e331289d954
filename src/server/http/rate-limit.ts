// Per-IP token bucket for unauthenticated API requests (setup, sign-in, the session probe, the API
// document, anonymous calls to anything, and wrong API tokens): a cheap brake on scripted guessing and
// scraping, per process.
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from './app-error.ts';
import type { AppEnv } from './context.ts';

export interface RateLimitOptions {
  /** Sustained requests per minute per IP; also the burst a quiet IP may send at once. */
  perMinute: number;
  /** Milliseconds from a monotonic clock; tests pass their own. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Above this many IPs, buckets that have refilled (idle IPs) are dropped, bounding memory. */
const SWEEP_ABOVE = 10_000;
/** Sweep at most this often (ms), so a crowd of IPs does not make every request walk every bucket. */
const SWEEP_EVERY_MS = 60_000;

/** Token buckets by key: `take` answers null when allowed, else the whole seconds until the next token. */
export function createRateLimiter({ perMinute, now = () => performance.now() }: RateLimitOptions) {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  let lastSweep = Number.NEGATIVE_INFINITY;

  function refill(bucket: Bucket, at: number) {
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.updatedAt) * perMs);
    bucket.updatedAt = at;
  }

  /** Takes one token; null when allowed, else the whole seconds until the next token. */
  function take(key: string): number | null {
    const at = now();
    if (buckets.size > SWEEP_ABOVE && at - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = at;
      for (const [other, bucket] of buckets) {
        refill(bucket, at);
        if (bucket.tokens >= perMinute) buckets.delete(other);
      }
    }
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tokens: perMinute, updatedAt: at };
      buckets.set(key, bucket);
    }
    refill(bucket, at);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  return { take };
}

export type AnonymousLimit = MiddlewareHandler<AppEnv> & {
  /**
   * Spends one token of the caller's IP now, throwing 429 request.rate_limited once the budget is spent:
   * for requests the authentication step refuses before the middleware runs (a wrong bearer token).
   */
  charge(c: Context<AppEnv>): void;
};

/** Runs after authentication: only requests that signed in as nobody spend tokens. */
export function limitAnonymousRequests(options: RateLimitOptions): AnonymousLimit {
  const limiter = createRateLimiter(options);
  function charge(c: Context<AppEnv>) {
    // Without a socket (in-process requests) every caller shares one bucket.
    const retryAfter = limiter.take(c.get('ip') ?? 'unknown');
    if (retryAfter !== null) {
      // app.ts's error handler sends Retry-After from retryAfterSeconds.
      throw new AppError('request.rate_limited', 'Too many requests; try again shortly.', {
        retryAfterSeconds: retryAfter,
      });
    }
  }
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!c.get('auth')) charge(c);
    await next();
  };
  return Object.assign(middleware, { charge });
}
