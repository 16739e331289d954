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

  it('counts wrong, revoked and malformed bearer tokens against the same budget; a valid token is never held up', async () => {
    const valid = (await owner.post('/api-tokens', { name: 'CI' })).body;
    const revoked = (await owner.post('/api-tokens', { name: 'Old CI' })).body;
    expect((await owner.delete(`/api-tokens/${revoked.id}`)).status).toBeLessThan(300);
    now += 60_000; // a full bucket

    const bearer = (authorization: string) =>
      t.app.request('/api/v1/clients', { headers: { authorization } });
    const guesses = [`Bearer ${valid.token}x`, `Bearer ${revoked.token}`, 'Basic b3duZXI6cGFzc3dvcmQ='];
    const statuses: number[] = [];
    for (const guess of guesses) statuses.push((await bearer(guess)).status);
    expect(statuses).toEqual([401, 401, 401]);

    const limited = await bearer(`Bearer ${valid.token.slice(0, -1)}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect((await limited.json()).error.code).toBe('request.rate_limited');
    // The same per-IP bucket as every other unauthenticated request.
    expect((await anonymousGet('/auth/session')).status).toBe(429);

    for (let i = 0; i < 5; i++) expect((await bearer(`Bearer ${valid.token}`)).status).toBe(200);
    now += 20_000; // one token back, and valid requests spent none of it
    expect((await bearer(`Bearer ${valid.token}x`)).status).toBe(401);
    expect((await bearer(`Bearer ${valid.token}x`)).status).toBe(429);
  });

  it('does not count signed-in requests', async () => {
    for (let i = 0; i < 10; i++) expect((await owner.get('/auth/session')).status).toBe(200);
  });
});
