import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';

let now = new Date('2026-11-22T09:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });

describe('session lifetime', () => {
  it('refuses an expired session and purges it', async () => {
    const { owner } = await t.newTenant();
    expect((await owner.get('/auth/session')).status).toBe(200);
    now = new Date(now.getTime() + 15 * 86_400_000); // past the 14-day default
    const expired = await owner.get('/clients');
    expect(expired.status).toBe(401);
    expect(await t.services.auth.purgeExpiredSessions()).toBeGreaterThanOrEqual(1);
  });
});
