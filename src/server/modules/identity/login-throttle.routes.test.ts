import { describe, expect, it, vi } from 'vitest';
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_IP, LOGIN_WINDOW_MINUTES } from './login-throttle.ts';

// Counts password checks, to prove a throttled attempt never reaches one. The database tier shares modules
// between files (not isolated), so the app is imported afresh below, after the mock is in place.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('./secrets.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./secrets.ts')>();
  return {
    ...original,
    verifyPassword: async (hash: string, password: string) => {
      checks.count += 1;
      return original.verifyPassword(hash, password);
    },
  };
});

let now = new Date('2026-11-22T09:00:00Z');
const advanceMinutes = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};
vi.resetModules();
const { startTestApp, TEST_PASSWORD, uniqueEmail } = await import('../../../../test/http.ts');
const t = await startTestApp({ clock: { now: () => now } });

const login = (email: string, password: string) => t.anonymous.post('/auth/login', { email, password });

async function failTimes(email: string, times: number) {
  for (let i = 0; i < times; i++) expect((await login(email, 'not the password')).status).toBe(401);
}

describe('login throttling per account', () => {
  it('refuses further attempts with 429 and Retry-After, without checking the password, until the window passes', async () => {
    const { ownerEmail } = await t.newTenant();
    await failTimes(ownerEmail, LOGIN_FAILURES_PER_ACCOUNT);

    const before = checks.count;
    expect(before).toBeGreaterThan(0); // the counter sees real checks
    const locked = await login(ownerEmail, TEST_PASSWORD);
    expect(checks.count).toBe(before);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('auth.throttled');
    expect(locked.body.error.message).toMatch(/Try again in 15 minutes/);
    expect(locked.headers.get('retry-after')).toBe(String(LOGIN_WINDOW_MINUTES * 60));
    expect(locked.headers.get('set-cookie')).toBeNull();

    advanceMinutes(LOGIN_WINDOW_MINUTES - 1);
    expect((await login(ownerEmail, TEST_PASSWORD)).headers.get('retry-after')).toBe('60');
    advanceMinutes(1);
    expect((await login(ownerEmail, TEST_PASSWORD)).status).toBe(200);
  });

  it('locks an unknown address the same way, so a lock does not tell that an account exists', async () => {
    const { ownerEmail } = await t.newTenant();
    const unknown = uniqueEmail('nobody');
    await failTimes(ownerEmail, LOGIN_FAILURES_PER_ACCOUNT);
    await failTimes(unknown, LOGIN_FAILURES_PER_ACCOUNT);
    const known = await login(ownerEmail, 'another guess');
    const missing = await login(unknown, 'another guess');
    expect(missing.status).toBe(429);
    expect(missing.body).toEqual(known.body);
  });

  it('starts the count again after a successful sign-in', async () => {
    const { ownerEmail } = await t.newTenant();
    await failTimes(ownerEmail, LOGIN_FAILURES_PER_ACCOUNT - 1);
    expect((await login(ownerEmail, TEST_PASSWORD)).status).toBe(200);
    await failTimes(ownerEmail, LOGIN_FAILURES_PER_ACCOUNT - 1);
    expect((await login(ownerEmail, TEST_PASSWORD)).status).toBe(200);
  });

  it('counts addresses case-insensitively', async () => {
    const { ownerEmail } = await t.newTenant();
    await failTimes(ownerEmail.toUpperCase(), LOGIN_FAILURES_PER_ACCOUNT);
    expect((await login(ownerEmail, TEST_PASSWORD)).status).toBe(429);
  });
});

describe('login throttling per IP', () => {
  it('locks an address guessing many accounts, for every account, but not other addresses', async () => {
    const { ownerEmail } = await t.newTenant();
    const attacker = { ip: '203.0.113.7', userAgent: 'guesser' };
    for (let i = 0; i < LOGIN_FAILURES_PER_IP; i++) {
      await expect(
        t.services.auth.login({ email: uniqueEmail('guess'), password: 'guess' }, attacker),
      ).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    }
    await expect(
      t.services.auth.login({ email: ownerEmail, password: TEST_PASSWORD }, attacker),
    ).rejects.toMatchObject({ code: 'auth.throttled', details: { retryAfterSeconds: 900 } });
    const elsewhere = { ip: '198.51.100.4', userAgent: 'office' };
    await expect(
      t.services.auth.login({ email: ownerEmail, password: TEST_PASSWORD }, elsewhere),
    ).resolves.toMatchObject({ session: { identity: { email: ownerEmail } } });
    // The account's success does not reset the attacker's IP.
    await expect(
      t.services.auth.login({ email: ownerEmail, password: TEST_PASSWORD }, attacker),
    ).rejects.toMatchObject({ code: 'auth.throttled' });
    advanceMinutes(LOGIN_WINDOW_MINUTES);
    await expect(
      t.services.auth.login({ email: ownerEmail, password: TEST_PASSWORD }, attacker),
    ).resolves.toBeDefined();
  });
});

describe('purging failed sign-ins', () => {
  it('removes failures that left the window and keeps recent ones', async () => {
    const { ownerEmail } = await t.newTenant();
    await failTimes(ownerEmail, 2);
    advanceMinutes(LOGIN_WINDOW_MINUTES + 1);
    const recent = uniqueEmail('recent');
    await failTimes(recent, 1);
    expect(await t.services.auth.purgeLoginFailures()).toBeGreaterThanOrEqual(2);
    expect(await t.services.auth.purgeLoginFailures()).toBe(0);
    // The recent failure still counts.
    await failTimes(recent, LOGIN_FAILURES_PER_ACCOUNT - 1);
    expect((await login(recent, 'again')).status).toBe(429);
  });
});
