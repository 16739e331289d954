import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/http.ts';

let now = 0;
const t = await startTestApp({ app: { anonymousRateLimit: { perMinute: 3, now: () => now } } });
const { owner } = await t.newTenant();
now += 60_000; // signing the owner in was itself an anonymous request; start with a full bucket

// In-process requests have no socket, so the app sees no IP and every anonymous caller shares one bucket.
const anonymousGet = (path: string) => t.app.request(`/api/v1${path}`);

describe('rate limit on unauthenticated requests', () => {
  it('answers 429 request.rate_limited with Retry-After once an IP spends its burst, then refills', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await anonymousGet('/auth/session')).status);
    expect(statuses).toEqual([401, 401, 401]);

    const limited = await anonymousGet('/openapi.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect((await limited.json()).error).toMatchObject({
      code: 'request.rate_limited',
      details: { retryAfterSeconds: 20 },
    });
    const login = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.test', password: 'x' }),
    });
    expect(login.status).toBe(429);

    now += 20_000; // one token back
    expect((await anonymousGet('/auth/session')).status).toBe(401);
    expect((await anonymousGet('/auth/session')).status).toBe(429);
  });

  it('does not count signed-in requests', async () => {
    for (let i = 0; i < 10; i++) expect((await owner.get('/auth/session')).status).toBe(200);
  });
});
