import { describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD } from '../../../../test/http.ts';

// This file owns its database: setup is install-wide and must see an empty install.
const t = await startTestApp();

describe('first-run setup', () => {
  it('is open on an empty install, creates the first tenant with its owner signed in, then disappears', async () => {
    expect((await t.anonymous.get('/setup')).status).toBe(200);

    const created = await t.anonymous.post('/setup', {
      organizationName: 'Contoso Managed Services',
      name: 'Ada Owner',
      email: 'Ada@Contoso.test',
      password: TEST_PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body.identity).toMatchObject({ name: 'Ada Owner', email: 'ada@contoso.test' });
    // A new organization requires MFA of its staff: the owner sets up an authenticator first.
    expect(created.body.mfaPending).toBe('enroll');
    expect(created.body.membership).toBeNull();
    expect(created.body.memberships).toEqual([
      expect.objectContaining({ tenantName: 'Contoso Managed Services', role: 'owner' }),
    ]);
    expect(created.headers.get('set-cookie')).toMatch(/accord_session=.+HttpOnly/i);

    const again = await t.anonymous.post('/setup', {
      organizationName: 'Mallory Corp',
      name: 'Mallory',
      email: 'mallory@evil.test',
      password: TEST_PASSWORD,
    });
    const status = await t.anonymous.get('/setup');
    expect(again.status).toBe(404);
    expect(status.status).toBe(404);
    expect(again.body).toEqual(status.body);
    expect(
      (await t.anonymous.post('/auth/login', { email: 'mallory@evil.test', password: TEST_PASSWORD })).status,
    ).toBe(401);
  });

  it('lets the owner sign in afterwards, still asked to set up MFA before anything else', async () => {
    const owner = await t.signIn('ada@contoso.test');
    const session = await owner.get('/auth/session');
    expect(session.body).toMatchObject({ mfaPending: 'enroll', membership: null, method: 'password' });
    expect((await owner.get('/users')).body.error.code).toBe('auth.mfa_required');
  });
});
