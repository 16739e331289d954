import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiClient, membershipIdOf, startTestApp, TEST_PASSWORD } from '../../../../test/http.ts';
import { identities } from './identity.table.ts';
import { totpCode, totpStep } from './totp.ts';

// A clock the tests move: every TOTP code belongs to a 30-second step, and each step's code works once.
let now = new Date('2026-11-22T09:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });
const tick = () => {
  now = new Date(now.getTime() + 30_000);
};
const codeNow = (secret: string) => totpCode(secret, totpStep(now));

/** Sets up an authenticator through the API, as a person would; answers its secret and recovery codes. */
async function enroll(client: ApiClient) {
  const setup = await client.post('/auth/mfa/totp/setup');
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  const confirmed = await client.post('/auth/mfa/totp/confirm', { code: codeNow(setup.body.secret) });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  tick();
  return {
    secret: setup.body.secret as string,
    recoveryCodes: confirmed.body.recoveryCodes as string[],
    client: t.clientFrom(confirmed),
  };
}

async function login(email: string, password = TEST_PASSWORD) {
  return t.anonymous.post('/auth/login', { email, password });
}

describe('an organization that requires MFA', () => {
  it('sends staff without an authenticator to set one up, and lets them in once they have', async () => {
    const { ownerEmail } = await t.newTenant('Requires MFA', { mfaRequiredForStaff: true });
    const signedIn = await login(ownerEmail);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.mfaPending).toBe('enroll');
    expect(signedIn.body.membership).toBeNull();
    const pending = t.clientFrom(signedIn);

    const blocked = await pending.get('/clients');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('auth.mfa_required');
    expect((await pending.post('/api-tokens', { name: 'sneaky' })).status).toBe(403);

    const setup = await pending.post('/auth/mfa/totp/setup');
    expect(setup.body.otpauthUri).toContain(`secret=${setup.body.secret}`);
    expect(setup.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const wrong = await pending.post('/auth/mfa/totp/confirm', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('mfa.invalid_code');

    const confirmed = await pending.post('/auth/mfa/totp/confirm', { code: codeNow(setup.body.secret) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    expect(confirmed.body.session.mfaPending).toBeNull();
    expect(confirmed.body.session.membership.role).toBe('owner');
    const whole = t.clientFrom(confirmed);
    expect((await whole.get('/clients')).status).toBe(200);
    // The cookie was replaced: the one from before MFA no longer signs anyone in.
    expect((await pending.get('/auth/session')).status).toBe(401);
  });

  it('reaches sessions already signed in when an admin turns the rule on', async () => {
    const { owner, member } = await t.newTenant('Turns MFA on');
    const technician = await member('technician');
    expect((await technician.get('/tickets')).status).toBe(200);
    const turnedOn = await owner.patch('/settings/security', { mfaRequiredForStaff: true });
    expect(turnedOn.status).toBe(200);
    expect(turnedOn.body).toEqual({ mfaRequiredForStaff: true, mfaRequiredForClientUsers: false });
    const asked = await technician.get('/tickets');
    expect(asked.status).toBe(403);
    expect(asked.body.error.details).toEqual({ mfaPending: 'enroll' });
    // The owner's own session was sent to enroll too.
    expect((await owner.get('/clients')).body.error.code).toBe('auth.mfa_required');
    const { client } = await enroll(owner);
    const events = (await client.get('/audit-events')).body.items;
    const change = events.find((e: { action: string }) => e.action === 'security_settings.update');
    expect(change).toMatchObject({
      before: { mfaRequiredForStaff: false },
      after: { mfaRequiredForStaff: true },
    });
  });

  it('is an owner and admin setting', async () => {
    const { member } = await t.newTenant();
    const technician = await member('technician');
    expect((await technician.get('/settings/security')).status).toBe(403);
    expect((await technician.patch('/settings/security', { mfaRequiredForStaff: false })).status).toBe(403);
  });
});

describe('signing in with an authenticator', () => {
  it('asks for a code after the password, and accepts each code once', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const { secret } = await enroll(owner);

    const first = await login(ownerEmail);
    expect(first.body.mfaPending).toBe('verify');
    const pending = t.clientFrom(first);
    expect((await pending.get('/tickets')).body.error.details).toEqual({ mfaPending: 'verify' });
    expect((await pending.post('/auth/mfa/verify', { code: '123456' })).body.error.code).toBe(
      'mfa.invalid_code',
    );
    const code = codeNow(secret);
    const verified = await pending.post('/auth/mfa/verify', { code });
    expect(verified.status).toBe(200);
    expect(verified.body.membership.role).toBe('owner');
    expect((await t.clientFrom(verified).get('/tickets')).status).toBe(200);

    // The same code seen over a shoulder does not sign in a second session.
    const second = t.clientFrom(await login(ownerEmail));
    expect((await second.post('/auth/mfa/verify', { code })).status).toBe(422);
    tick();
    expect((await second.post('/auth/mfa/verify', { code: codeNow(secret) })).status).toBe(200);
  });

  it('takes each recovery code once, and counts what is left', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const { recoveryCodes, client } = await enroll(owner);
    const [code] = recoveryCodes;
    const first = t.clientFrom(await login(ownerEmail));
    const used = await first.post('/auth/mfa/verify', { recoveryCode: code!.toUpperCase() });
    expect(used.status).toBe(200);
    const again = t.clientFrom(await login(ownerEmail));
    expect((await again.post('/auth/mfa/verify', { recoveryCode: code })).status).toBe(422);
    expect((await client.get('/auth/mfa')).body).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 9 });
  });

  it('locks out guessing after five wrong codes', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const { secret } = await enroll(owner);
    const pending = t.clientFrom(await login(ownerEmail));
    for (let i = 0; i < 5; i++) {
      expect((await pending.post('/auth/mfa/verify', { code: '000000' })).status).toBe(422);
    }
    const locked = await pending.post('/auth/mfa/verify', { code: codeNow(secret) });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('auth.throttled');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps the secret sealed at rest and never answers it again', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const { secret, client } = await enroll(owner);
    const [row] = await t.handle.db
      .select({ sealed: identities.totpSecret })
      .from(identities)
      .where(eq(identities.email, ownerEmail));
    expect(row!.sealed).toMatch(/^v1\./);
    expect(row!.sealed).not.toContain(secret);
    expect(JSON.stringify((await client.get('/auth/mfa')).body)).not.toContain(secret);
  });

  it('regenerates recovery codes with a current code; the old ones stop working', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const { secret, recoveryCodes, client } = await enroll(owner);
    const fresh = await client.post('/auth/mfa/recovery-codes', { code: codeNow(secret) });
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    const pending = t.clientFrom(await login(ownerEmail));
    expect((await pending.post('/auth/mfa/verify', { recoveryCode: recoveryCodes[0] })).status).toBe(422);
    expect(
      (await pending.post('/auth/mfa/verify', { recoveryCode: fresh.body.recoveryCodes[0] })).status,
    ).toBe(200);
  });
});

describe('turning the authenticator off', () => {
  it('asks for the password, and is refused while the organization requires MFA', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const { client } = await enroll(owner);
    const wrong = await client.post('/auth/mfa/disable', { password: 'not my password' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('auth.wrong_password');

    expect((await client.patch('/settings/security', { mfaRequiredForStaff: true })).status).toBe(200);
    const required = await client.post('/auth/mfa/disable', { password: TEST_PASSWORD });
    expect(required.status).toBe(409);
    expect(required.body.error.code).toBe('mfa.required_by_organization');
    expect((await client.get('/auth/mfa')).body.requiredByOrganization).toBe(true);

    await client.patch('/settings/security', { mfaRequiredForStaff: false });
    expect((await client.post('/auth/mfa/disable', { password: TEST_PASSWORD })).status).toBe(204);
    expect((await login(ownerEmail)).body.mfaPending).toBeNull();
  });

  it('lets an admin reset a member who lost their phone, ending their sessions', async () => {
    const { owner, member } = await t.newTenant();
    const dispatcher = await member('dispatcher');
    const { email } = (await dispatcher.get('/auth/session')).body.identity;
    const { client } = await enroll(dispatcher);
    const id = await membershipIdOf(client);
    expect((await owner.get(`/users/${id}`)).body.mfaEnabled).toBe(true);

    expect((await client.delete(`/users/${id}/mfa`)).status).toBe(403);
    expect((await owner.delete(`/users/${id}/mfa`)).status).toBe(204);
    expect((await client.get('/auth/session')).status).toBe(401);
    expect((await owner.get(`/users/${id}`)).body.mfaEnabled).toBe(false);
    expect((await login(email)).body.mfaPending).toBeNull();
  });

  it('does not let one organization reset what another shares', async () => {
    const first = await t.newTenant('First');
    const second = await t.newTenant('Second');
    // The first owner is also a member of the second organization.
    const { ownerEmail } = first;
    const added = await second.owner.post('/users', {
      name: 'Shared person',
      email: ownerEmail,
      password: TEST_PASSWORD,
      role: 'technician',
      allClients: true,
      clientIds: [],
    });
    expect(added.status).toBe(201);
    const reset = await second.owner.delete(`/users/${added.body.id}/mfa`);
    expect(reset.status).toBe(409);
    expect(reset.body.error.code).toBe('user.shared_identity');
  });
});

describe('changing the password', () => {
  it('needs the current one, ends every other session, and keeps this one under a new cookie', async () => {
    const { owner, ownerEmail } = await t.newTenant();
    const laptop = await t.signIn(ownerEmail);
    const wrong = await owner.post('/auth/password', {
      currentPassword: 'nope',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(422);
    const weak = await owner.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);

    const changed = await owner.post('/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(200);
    expect((await laptop.get('/auth/session')).status).toBe(401);
    expect((await owner.get('/auth/session')).status).toBe(401);
    expect((await t.clientFrom(changed).get('/auth/session')).status).toBe(200);
    expect((await login(ownerEmail)).status).toBe(401);
    expect((await login(ownerEmail, 'a brand new passphrase')).status).toBe(200);
  });

  it('is refused to an API token', async () => {
    const { owner } = await t.newTenant();
    const token = (await owner.post('/api-tokens', { name: 'Script', scope: 'full' })).body.token;
    const viaToken = t.client(undefined, undefined, token);
    const refused = await viaToken.post('/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(refused.status).toBe(401);
  });
});
