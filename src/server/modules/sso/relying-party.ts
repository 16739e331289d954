// Accord as an OpenID Connect relying party (openid-client): each issuer's discovered metadata and keys
// cached for a few minutes, the authorization URL with PKCE, and the code exchange with its ID token checks.
import * as oidc from 'openid-client';
import type { Clock } from '../../clock.ts';

/** How long an issuer's metadata and signing keys are reused before they are fetched again. */
const DISCOVERY_TTL_MS = 5 * 60_000;
/** Per request to the provider (discovery, token endpoint, keys), in seconds. */
const HTTP_TIMEOUT_SECONDS = 10;

export const SSO_SCOPE = 'openid email profile';

export interface ProviderClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The ID token's claims, as openid-client checked them (issuer, audience, expiry, signature, nonce). */
export type IdTokenClaims = oidc.IDToken;

interface Discovered {
  metadata: oidc.ServerMetadata;
  /** Filled by the first code exchange, so later ones do not fetch the keys again. */
  jwks?: oidc.ExportedJWKSCache;
}

/** Issuers validated by issuerProblem() are https, or http on a loopback host (tests, development). */
const isInsecure = (issuer: string) => issuer.startsWith('http:');

export function createRelyingParty(deps: { clock: Clock }) {
  const cache = new Map<string, { expiresAt: number; discovered: Promise<Discovered> }>();

  function discover(issuer: string): Promise<Discovered> {
    const now = deps.clock.now().getTime();
    const hit = cache.get(issuer);
    if (hit && hit.expiresAt > now) return hit.discovered;
    const discovered = oidc
      .discovery(new URL(issuer), 'accord', undefined, undefined, {
        execute: isInsecure(issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: HTTP_TIMEOUT_SECONDS,
      })
      .then((config): Discovered => ({ metadata: { ...config.serverMetadata() } }));
    cache.set(issuer, { expiresAt: now + DISCOVERY_TTL_MS, discovered });
    // A failure is not remembered: the next sign-in tries again.
    discovered.catch(() => {
      if (cache.get(issuer)?.discovered === discovered) cache.delete(issuer);
    });
    return discovered;
  }

  async function configure(client: ProviderClient) {
    const discovered = await discover(client.issuer);
    // Client secret post: what Entra, Google and most providers accept for a web application.
    const config = new oidc.Configuration(discovered.metadata, client.clientId, client.clientSecret);
    if (isInsecure(client.issuer)) oidc.allowInsecureRequests(config);
    config.timeout = HTTP_TIMEOUT_SECONDS;
    if (discovered.jwks) oidc.setJwksCache(config, discovered.jwks);
    return { config, discovered };
  }

  return {
    /** Fetches (or reuses) the issuer's metadata; throws when the provider cannot be reached or is not one. */
    async authorizationUrl(
      client: ProviderClient,
      request: { redirectUri: string; state: string; nonce: string; codeVerifier: string; loginHint: string },
    ): Promise<string> {
      const { config } = await configure(client);
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: request.redirectUri,
        response_type: 'code',
        scope: SSO_SCOPE,
        state: request.state,
        nonce: request.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
        code_challenge_method: 'S256',
        login_hint: request.loginHint,
      });
      return url.href;
    },

    /**
     * Checks the provider's answer at `callbackUrl` (its state and issuer), exchanges the code with the
     * PKCE verifier, and checks the ID token (signature, issuer, audience, expiry, nonce). `callbackUrl`
     * without its query must be the redirect URI the authorization request named.
     */
    async exchangeCode(
      client: ProviderClient,
      callbackUrl: URL,
      checks: { state: string; nonce: string; codeVerifier: string },
    ): Promise<IdTokenClaims> {
      const { config, discovered } = await configure(client);
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      discovered.jwks ??= oidc.getJwksCache(config);
      const claims = tokens.claims();
      if (!claims) throw new Error('The provider answered without an ID token.');
      return claims;
    },
  };
}

export type RelyingParty = ReturnType<typeof createRelyingParty>;

/** The provider answered the authorization request with an error (the person cancelled, or was refused). */
export const isAuthorizationRefusal = (error: unknown) => error instanceof oidc.AuthorizationResponseError;
