import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiClient, captureLogs, startTestApp, TEST_PASSWORD } from '../../../../test/http.ts';
import { startTestIssuer } from '../../../../test/oidc-issuer.ts';
import { ssoLinks, ssoLoginAttempts } from './sso.table.ts';

/** Moves the app's clock (not the provider's) to expire sign-ins in flight. */
let clockOffsetMs = 0;
const logs = captureLogs();
const t = await startTestApp({
  clock: { now: () => new Date(Date.now() + clockOffsetMs) },
  app: { logger: logs.logger },
});
/** Why the last refused sign-in was refused, as the operator's log says. */
const lastRefusal = () => logs.lines.filter((line) => line.msg === 'single sign-on refused').at(-1);

const CALLBACK = 'http://localhost/api/v1/auth/sso/callback';
const client = { clientId: 'accord', clientSecret: `secret-${randomBytes(12).toString('hex')}` };
const idp = await startTestIssuer([{ ...client, redirectUris: [CALLBACK] }]);

const newDomain = () => `corp-${randomBytes(5).toString('hex')}.test`;
const newSubject = () => `sub-${randomBytes(6).toString('hex')}`;

async function addProvider(owner: ApiClient, domains: string[], overrides: Record<string, unknown> = {}) {
  const response = await owner.post('/sso-providers', {
    kind: 'oidc',
    name: 'Test IdP',
    issuer: idp.issuer,
    ...client,
    emailDomains: domains,
    ...overrides,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** A tenant with an OIDC provider for a fresh domain, and a technician whose email is in it. */
async function organization() {
  const tenant = await t.newTenant();
  const domain = newDomain();
  const provider = await addProvider(tenant.owner, [domain]);
  const email = `alice@${domain}`;
  const created = await tenant.owner.post('/users', {
    name: 'Alice Tech',
    email,
    password: TEST_PASSWORD,
    role: 'technician',
    allClients: true,
    clientIds: [],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { ...tenant, domain, provider, email, alice: created.body };
}

const cookieOf = (headers: Headers, name: string) =>
  headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`) && pair.length > name.length + 1);

interface Flow {
  /** The callback URL the provider sent the browser back to. */
  back: URL;
  stateCookie: string;
}

/** The browser's trip: start at Accord, sign in at the provider as `accountId`, come back to the callback. */
async function leaveAndReturn(email: string, accountId: string | null): Promise<Flow> {
  const start = await t.anonymous.post('/auth/sso/start', { email });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  idp.signInAs(accountId);
  const back = await idp.follow(start.body.redirectUrl);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return { back, stateCookie: cookieOf(start.headers, 'accord_sso_state')! };
}

async function callback(flow: Flow, cookie: string | null = flow.stateCookie) {
  const response = await t.app.request(flow.back.href, { headers: cookie ? { cookie } : {} });
  const session = cookieOf(response.headers, 'accord_session');
  return { status: response.status, location: response.headers.get('location'), session };
}

async function signIn(email: string, accountId: string | null) {
  return callback(await leaveAndReturn(email, accountId));
}

const linksOf = (providerId: string) =>
  t.handle.db.select().from(ssoLinks).where(eq(ssoLinks.providerId, providerId));

describe('signing in with single sign-on', () => {
  it('signs a member in to the provider’s organization, linking the account by email', async () => {
    const org = await organization();
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: true, name: 'Alice' });

    const start = await t.anonymous.post('/auth/sso/start', { email: org.email.toUpperCase() });
    expect(start.status).toBe(200);
    const url = new URL(start.body.redirectUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: client.clientId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      login_hint: org.email,
    });
    for (const param of ['state', 'nonce', 'code_challenge'])
      expect(url.searchParams.get(param)).toBeTruthy();

    const result = await signIn(org.email, subject);
    expect(result).toMatchObject({ status: 302, location: '/' });
    const session = await t.client(result.session).get('/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      method: 'sso',
      mfaPending: null,
      identity: { email: org.email },
      membership: { tenantId: org.tenantId, role: 'technician' },
    });
    expect(await linksOf(org.provider.id)).toMatchObject([{ subject, identityId: org.alice.identityId }]);
  });

  it('finds the person by the link on later sign-ins, even after the email changed at the provider', async () => {
    const org = await organization();
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: true });
    expect((await signIn(org.email, subject)).location).toBe('/');

    idp.accounts.set(subject, { email: 'alice.renamed@elsewhere.test', email_verified: true });
    const again = await signIn(org.email, subject);
    expect(again.location).toBe('/');
    const session = await t.client(again.session).get('/auth/session');
    expect(session.body.identity.id).toBe(org.alice.identityId);
    const links = await linksOf(org.provider.id);
    expect(links).toHaveLength(1);
    expect(links[0]!.lastSignInAt).not.toBeNull();
  });

  it('creates nobody for an email no member has, and links nothing', async () => {
    const org = await organization();
    const stranger = newSubject();
    idp.accounts.set(stranger, { email: `mallory@${org.domain}`, email_verified: true });
    const result = await signIn(`mallory@${org.domain}`, stranger);
    expect(result).toEqual({ status: 302, location: '/login?sso_error=unknown_account', session: undefined });
    expect(await linksOf(org.provider.id)).toEqual([]);

    // An address outside the provider's domains is refused even when a member has it.
    const outsider = newSubject();
    idp.accounts.set(outsider, { email: org.ownerEmail, email_verified: true });
    expect((await signIn(org.email, outsider)).location).toBe('/login?sso_error=unknown_account');
    expect(await linksOf(org.provider.id)).toEqual([]);
  });

  it('refuses an email the provider says is not verified', async () => {
    const org = await organization();
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: false });
    const result = await signIn(org.email, subject);
    expect(result).toEqual({
      status: 302,
      location: '/login?sso_error=unverified_email',
      session: undefined,
    });
    expect(await linksOf(org.provider.id)).toEqual([]);
  });

  it('refuses a member whose membership was deactivated', async () => {
    const org = await organization();
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: true });
    expect((await signIn(org.email, subject)).location).toBe('/');
    expect((await org.owner.patch(`/users/${org.alice.id}`, { active: false })).status).toBe(200);
    expect((await signIn(org.email, subject)).location).toBe('/login?sso_error=no_membership');
  });

  it('reports a sign-in declined at the provider', async () => {
    const org = await organization();
    const result = await signIn(org.email, null);
    expect(result).toEqual({ status: 302, location: '/login?sso_error=denied', session: undefined });
  });

  it('uses a sign-in once, within ten minutes, in the browser that started it', async () => {
    const org = await organization();
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: true });

    const flow = await leaveAndReturn(org.email, subject);
    expect((await callback(flow)).location).toBe('/');
    const replay = await callback(flow);
    expect(replay).toEqual({ status: 302, location: '/login?sso_error=expired', session: undefined });

    const wrongState = await leaveAndReturn(org.email, subject);
    wrongState.back.searchParams.set('state', randomBytes(32).toString('base64url'));
    expect((await callback(wrongState, null)).location).toBe('/login?sso_error=expired');
    expect(
      (await callback(wrongState, `accord_sso_state=${wrongState.back.searchParams.get('state')}`)).location,
    ).toBe('/login?sso_error=expired');

    const otherBrowser = await leaveAndReturn(org.email, subject);
    expect((await callback(otherBrowser, null)).location).toBe('/login?sso_error=expired');
    // The attempt is used up by that try: the right browser cannot finish it afterwards either.
    expect((await callback(otherBrowser)).location).toBe('/login?sso_error=expired');

    const late = await leaveAndReturn(org.email, subject);
    clockOffsetMs = 11 * 60_000;
    try {
      expect((await callback(late)).location).toBe('/login?sso_error=expired');
    } finally {
      clockOffsetMs = 0;
    }
    expect(await linksOf(org.provider.id)).toHaveLength(1);
  });

  it('sends any odd callback back to the sign-in page', async () => {
    for (const query of [
      '',
      '?code=x',
      '?state=a&state=b',
      '?state[]=1',
      '?error=access_denied',
      `?state=${'x'.repeat(5000)}`,
    ]) {
      const response = await t.app.request(`${CALLBACK}${query}`);
      expect(response.status, query).toBe(302);
      expect(response.headers.get('location'), query).toMatch(/^\/login\?sso_error=(expired|failed)$/);
    }
  });

  it('refuses an ID token made for another client or with another nonce', async () => {
    const org = await organization();
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: true });
    try {
      idp.tamperIdTokens((claims) => ({ ...claims, aud: 'some-other-app' }));
      expect(await signIn(org.email, subject)).toEqual({
        status: 302,
        location: '/login?sso_error=provider',
        session: undefined,
      });
      expect(lastRefusal()).toMatchObject({ reason: 'provider', cause: expect.stringContaining('"aud"') });
      idp.tamperIdTokens((claims) => ({ ...claims, nonce: 'not-the-nonce-we-sent' }));
      expect((await signIn(org.email, subject)).location).toBe('/login?sso_error=provider');
      expect(lastRefusal()).toMatchObject({ reason: 'provider', cause: expect.stringContaining('"nonce"') });
      expect(await linksOf(org.provider.id)).toEqual([]);
      // The same alteration of nothing passes: the refusals above are about the claims, not the signature.
      idp.tamperIdTokens((claims) => claims);
      expect((await signIn(org.email, subject)).location).toBe('/');
    } finally {
      idp.tamperIdTokens(null);
    }
  });

  it('answers sso.no_provider for a domain whose provider is disabled, or that has none', async () => {
    const org = await organization();
    expect((await org.owner.patch(`/sso-providers/${org.provider.id}`, { enabled: false })).status).toBe(200);
    const response = await t.anonymous.post('/auth/sso/start', { email: org.email });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('sso.no_provider');
    expect(response.body.error.message).toContain(org.domain);
    const none = await t.anonymous.post('/auth/sso/start', { email: `bob@${newDomain()}` });
    expect(none.body.error.code).toBe('sso.no_provider');
  });

  it('refuses a sign-in whose provider was disabled while the person was away', async () => {
    const org = await organization();
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: true });
    const flow = await leaveAndReturn(org.email, subject);
    await org.owner.patch(`/sso-providers/${org.provider.id}`, { enabled: false });
    expect((await callback(flow)).location).toBe('/login?sso_error=disabled');
  });

  it('fetches an issuer’s configuration once for many sign-ins', async () => {
    const org = await organization();
    await t.anonymous.post('/auth/sso/start', { email: org.email });
    const before = idp.discoveryRequests;
    for (let i = 0; i < 3; i++)
      expect((await t.anonymous.post('/auth/sso/start', { email: org.email })).status).toBe(200);
    expect(idp.discoveryRequests).toBe(before);
  });

  it('answers 502 when the issuer cannot be reached', async () => {
    const { owner } = await t.newTenant();
    const domain = newDomain();
    await addProvider(owner, [domain], { issuer: 'http://127.0.0.1:9' });
    const response = await t.anonymous.post('/auth/sso/start', { email: `x@${domain}` });
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('sso.provider_unreachable');
  });

  it('builds the redirect URI on PUBLIC_URL when it is set', async () => {
    const proxied = await startTestApp({ app: { publicUrl: 'https://accord.example.test' } });
    const { owner } = await proxied.newTenant();
    const domain = newDomain();
    const created = await owner.post('/sso-providers', {
      kind: 'oidc',
      name: 'Test IdP',
      issuer: idp.issuer,
      ...client,
      emailDomains: [domain],
    });
    expect(created.status).toBe(201);
    const start = await proxied.anonymous.post('/auth/sso/start', { email: `x@${domain}` });
    expect(new URL(start.body.redirectUrl).searchParams.get('redirect_uri')).toBe(
      'https://accord.example.test/api/v1/auth/sso/callback',
    );
  });

  it('purges sign-ins abandoned at the provider', async () => {
    const org = await organization();
    await t.anonymous.post('/auth/sso/start', { email: org.email });
    const mine = () =>
      t.handle.db.select().from(ssoLoginAttempts).where(eq(ssoLoginAttempts.providerId, org.provider.id));
    expect(await mine()).toHaveLength(1);
    clockOffsetMs = 11 * 60_000;
    try {
      expect(await t.services.sso.purgeExpiredAttempts()).toBeGreaterThanOrEqual(1);
    } finally {
      clockOffsetMs = 0;
    }
    expect(await mine()).toEqual([]);
  });
});

describe('single sign-on providers', () => {
  it('never send the client secret back, and keep it when a change leaves it out', async () => {
    const org = await organization();
    const { owner, provider } = org;
    const responses = [
      JSON.stringify(provider),
      JSON.stringify((await owner.get('/sso-providers')).body),
      JSON.stringify((await owner.get(`/sso-providers/${provider.id}`)).body),
    ];
    const renamed = await owner.patch(`/sso-providers/${provider.id}`, {
      name: 'Contoso Entra',
      enabled: true,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Contoso Entra', clientId: client.clientId, enabled: true });
    responses.push(JSON.stringify(renamed.body));
    responses.push(JSON.stringify((await owner.get('/audit-events?limit=200')).body));
    for (const text of responses) {
      expect(text).not.toContain(client.clientSecret);
      expect(text).not.toContain('clientSecret');
    }
    // The stored secret still works, so sign-in does.
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: true });
    expect((await signIn(org.email, subject)).location).toBe('/');

    // A wrong new secret is used from then on: the provider refuses the code exchange.
    await owner.patch(`/sso-providers/${provider.id}`, { clientSecret: 'not-the-secret' });
    expect((await signIn(org.email, subject)).location).toBe('/login?sso_error=provider');
    const audit = (await owner.get(`/audit-events?limit=10&targetId=${provider.id}`)).body;
    expect(audit.items[0]).toMatchObject({ action: 'sso_provider.update' });
    expect(JSON.stringify(audit)).not.toContain('not-the-secret');
  });

  it('lower-case the domains and check each issuer against its kind', async () => {
    const { owner } = await t.newTenant();
    const domain = newDomain();
    const directory = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const entra = await owner.post('/sso-providers', {
      kind: 'entra',
      name: 'Entra',
      issuer: `https://login.microsoftonline.com/${directory.toUpperCase()}/v2.0`,
      clientId: 'app-id',
      clientSecret: 'x',
      emailDomains: [domain.toUpperCase(), domain],
      enabled: false,
    });
    expect(entra.status, JSON.stringify(entra.body)).toBe(201);
    expect(entra.body).toMatchObject({
      issuer: `https://login.microsoftonline.com/${directory}/v2.0`,
      emailDomains: [domain],
    });
    const google = await owner.post('/sso-providers', {
      kind: 'google',
      name: 'Google',
      clientId: 'id.apps.googleusercontent.com',
      clientSecret: 'x',
      emailDomains: [newDomain()],
      enabled: false,
    });
    expect(google.body.issuer).toBe('https://accounts.google.com');

    const refusals: [Record<string, unknown>, string][] = [
      [{ kind: 'entra', issuer: 'https://login.microsoftonline.com/common/v2.0' }, 'issuer'],
      [{ kind: 'google', issuer: 'https://evil.example.com' }, 'issuer'],
      [{ kind: 'oidc', issuer: 'http://idp.example.com' }, 'issuer'],
      [{ kind: 'oidc' }, 'issuer'],
      [{ kind: 'oidc', issuer: 'https://idp.example.com', emailDomains: [] }, 'emailDomains'],
      [{ kind: 'oidc', issuer: 'https://idp.example.com', emailDomains: ['not a domain'] }, 'emailDomains.0'],
    ];
    for (const [body, field] of refusals) {
      const response = await owner.post('/sso-providers', {
        name: 'Refused',
        clientId: 'id',
        clientSecret: 'x',
        emailDomains: [newDomain()],
        ...body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toContain(field);
    }
    // A change of kind is checked against the stored issuer too.
    const switched = await owner.patch(`/sso-providers/${entra.body.id}`, {
      kind: 'oidc',
      issuer: 'http://x.test',
    });
    expect(switched.status).toBe(400);
    expect((await owner.patch(`/sso-providers/${entra.body.id}`, { kind: 'google' })).body.issuer).toBe(
      'https://accounts.google.com',
    );
  });

  it('give a domain to one enabled provider on the whole install', async () => {
    const first = await t.newTenant('First MSP');
    const second = await t.newTenant('Second MSP');
    const domain = newDomain();
    await addProvider(first.owner, [domain]);

    const taken = await second.owner.post('/sso-providers', {
      kind: 'oidc',
      name: 'Mine too',
      issuer: idp.issuer,
      ...client,
      emailDomains: [newDomain(), domain],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('sso.domain_taken');
    expect(taken.body.error.message).toContain(domain);
    expect(taken.body.error.message).not.toContain('First MSP');

    // Disabled, it may share the domain; enabling it is refused while the other is enabled.
    const disabled = await addProvider(second.owner, [domain], { enabled: false });
    const enable = await second.owner.patch(`/sso-providers/${disabled.id}`, { enabled: true });
    expect(enable.status).toBe(409);
    const other = await addProvider(second.owner, [newDomain()]);
    expect((await second.owner.patch(`/sso-providers/${other.id}`, { emailDomains: [domain] })).status).toBe(
      409,
    );
    // Its own domains do not conflict with themselves.
    expect((await second.owner.patch(`/sso-providers/${other.id}`, { name: 'Renamed' })).status).toBe(200);
  });

  it('remove a provider with its links', async () => {
    const org = await organization();
    const subject = newSubject();
    idp.accounts.set(subject, { email: org.email, email_verified: true });
    expect((await signIn(org.email, subject)).location).toBe('/');
    expect(await linksOf(org.provider.id)).toHaveLength(1);
    expect((await org.owner.delete(`/sso-providers/${org.provider.id}`)).status).toBe(204);
    expect(await linksOf(org.provider.id)).toEqual([]);
    expect((await org.owner.get(`/sso-providers/${org.provider.id}`)).body.error.code).toBe(
      'sso_provider.not_found',
    );
    expect((await t.anonymous.post('/auth/sso/start', { email: org.email })).status).toBe(404);
  });

  it('are managed by owners and admins only, within their organization', async () => {
    const org = await organization();
    const technician = await org.member('technician', { allClients: true });
    const admin = await org.member('admin', { allClients: true });
    for (const [method, path, body] of [
      ['GET', '/sso-providers', undefined],
      [
        'POST',
        '/sso-providers',
        { kind: 'google', name: 'x', clientId: 'x', clientSecret: 'x', emailDomains: [newDomain()] },
      ],
      ['GET', `/sso-providers/${org.provider.id}`, undefined],
      ['PATCH', `/sso-providers/${org.provider.id}`, { enabled: false }],
      ['DELETE', `/sso-providers/${org.provider.id}`, undefined],
    ] as const) {
      const response = await technician.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await admin.get(`/sso-providers/${org.provider.id}`)).status).toBe(200);
    const elsewhere = await t.newTenant();
    expect((await elsewhere.owner.get(`/sso-providers/${org.provider.id}`)).status).toBe(404);
    expect((await elsewhere.owner.get('/sso-providers')).body.items).toEqual([]);
  });
});
