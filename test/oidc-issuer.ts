// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the single sign-on tests: accounts the
// test edits, a login that needs no form (the test says who signs in next), a browser that follows its
// redirects, and a way to hand back an ID token altered after signing (re-signed with the provider's key).
import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll } from 'vitest';

export interface TestAccount {
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  /** Google Workspace's hosted domain. */
  hd?: string;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

type Claims = Record<string, unknown>;

const KEY_ID = 'test-signing-key';

function base64url(value: string | Buffer) {
  return Buffer.from(value).toString('base64url');
}

/** The JWT with its payload changed, signed again with the provider's own key: only the claims are wrong. */
function resign(jwt: string, change: (claims: Claims) => Claims, key: KeyObject): string {
  const [header, payload] = jwt.split('.') as [string, string];
  const claims = change(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  const body = `${header}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${base64url(sign('sha256', Buffer.from(body), key))}`;
}

export async function startTestIssuer(clients: TestClient[]) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  const signingKey = createPrivateKey({ key: jwk, format: 'jwk' });

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const accounts = new Map<string, TestAccount>();
  /** Who the next login is; null declines it (access_denied). */
  let nextAccount: string | null = null;
  let tamper: ((claims: Claims) => Claims) | null = null;
  let discoveryRequests = 0;

  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-issuer-cookie-key'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified', 'hd'],
      profile: ['name'],
    },
    // Put the scope's claims in the ID token itself, as Entra and Google do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: {
      Interaction: 600,
      Grant: 600,
      Session: 600,
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
    },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
  });

  provider.use(async (ctx, next) => {
    if (ctx.path === '/.well-known/openid-configuration') discoveryRequests++;
    if (ctx.path.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      const accountId = nextAccount;
      let result: Record<string, unknown>;
      if (accountId === null) {
        result = { error: 'access_denied', error_description: 'The person declined.' };
      } else {
        const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        result = { login: { accountId }, consent: { grantId: await grant.save() } };
      }
      ctx.redirect(
        await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }),
      );
      return;
    }
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && tamper && typeof body?.id_token === 'string') {
      ctx.body = { ...body, id_token: resign(body.id_token, tamper, signingKey) };
    }
  });
  server.on('request', provider.callback());

  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  afterAll(close);

  return {
    issuer,
    accounts,
    get discoveryRequests() {
      return discoveryRequests;
    },
    /** The account the next login at the provider signs in as; null makes the person decline. */
    signInAs(accountId: string | null) {
      nextAccount = accountId;
    },
    /** Changes the claims of every ID token the provider issues from now on (null: stop). */
    tamperIdTokens(change: ((claims: Claims) => Claims) | null) {
      tamper = change;
    },
    /**
     * A browser with its own cookies at the provider: follows the authorization URL through the login
     * and answers the URL the provider sends it back to (off the provider's origin).
     */
    async follow(authorizationUrl: string): Promise<URL> {
      const jar = new Map<string, string>();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop++) {
        const response = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
        });
        for (const cookie of response.headers.getSetCookie()) {
          const pair = cookie.split(';')[0]!;
          const split = pair.indexOf('=');
          jar.set(pair.slice(0, split), pair.slice(split + 1));
        }
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) {
          throw new Error(
            `the provider answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
          );
        }
        url = new URL(location, url);
        if (url.origin !== issuer) return url;
      }
      throw new Error('the provider redirected too often');
    },
    close,
  };
}
