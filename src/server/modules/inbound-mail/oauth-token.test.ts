import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { OAuthTokenError, refreshAccessToken } from './oauth-token.ts';

type Answer = { status: number; body: string } | 'never';

/** A token endpoint on loopback that answers each request with what `answer` says, and keeps the requests. */
async function startProvider(answer: (form: Record<string, string>) => Answer) {
  const requests: { headers: IncomingHttpHeaders; form: Record<string, string> }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      requests.push({ headers: req.headers, form });
      const reply = answer(form);
      if (reply === 'never') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  providers.push(server);
  return { url: `http://127.0.0.1:${port}/oauth2/v2.0/token`, requests };
}

const providers: ReturnType<typeof createServer>[] = [];
afterAll(async () => {
  for (const server of providers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const secret = {
  clientId: 'accord-client',
  clientSecret: 'client s3cret&=',
  refreshToken: 'refresh-1',
  scope: 'https://outlook.office365.com/IMAP.AccessAsUser.All offline_access',
};
const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });

describe('refreshAccessToken', () => {
  it('trades the refresh token for an access token with a form-encoded POST carrying the client’s id and secret', async () => {
    const provider = await startProvider(() =>
      json(200, { access_token: 'access-1', token_type: 'Bearer', expires_in: 3599 }),
    );
    const before = Date.now();

    const token = await refreshAccessToken({ ...secret, tokenUrl: provider.url });

    expect(token.accessToken).toBe('access-1');
    expect(token.refreshToken).toBeNull();
    expect(token.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3599_000);
    expect(token.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 3599_000);
    expect(provider.requests).toEqual([
      {
        headers: expect.objectContaining({ 'content-type': 'application/x-www-form-urlencoded' }),
        form: {
          grant_type: 'refresh_token',
          refresh_token: 'refresh-1',
          client_id: 'accord-client',
          client_secret: 'client s3cret&=',
          scope: secret.scope,
        },
      },
    ]);
  });

  it('answers the rotated refresh token when the provider sends one (Microsoft does)', async () => {
    const provider = await startProvider(() =>
      json(200, { access_token: 'access-2', expires_in: '3600', refresh_token: 'refresh-2' }),
    );

    const token = await refreshAccessToken({ ...secret, scope: null, tokenUrl: provider.url });

    expect(token).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect(token.expiresAt).toBeInstanceOf(Date);
    expect(provider.requests[0]!.form).not.toHaveProperty('scope');
  });

  it('has no expiry when the provider gives none', async () => {
    const provider = await startProvider(() => json(200, { access_token: 'access-3' }));
    expect(await refreshAccessToken({ ...secret, tokenUrl: provider.url })).toEqual({
      accessToken: 'access-3',
      expiresAt: null,
      refreshToken: null,
    });
  });

  it('passes on the provider’s error and description for a revoked refresh token, as permanent', async () => {
    const provider = await startProvider(() =>
      json(400, {
        error: 'invalid_grant',
        error_description: 'AADSTS70008: The provided authorization code or refresh token has expired.',
      }),
    );

    const error = await refreshAccessToken({ ...secret, tokenUrl: provider.url }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OAuthTokenError);
    expect(error).toMatchObject({
      message: `token refresh refused by ${provider.url}: invalid_grant: AADSTS70008: The provided authorization code or refresh token has expired.`,
      errorCode: 'invalid_grant',
      errorDescription: 'AADSTS70008: The provided authorization code or refresh token has expired.',
      isPermanent: true,
    });
  });

  it('calls a provider that is briefly unavailable passing, to be tried again', async () => {
    const provider = await startProvider(() => ({ status: 503, body: '<html>Service Unavailable</html>' }));
    const error = await refreshAccessToken({ ...secret, tokenUrl: provider.url }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: `token endpoint ${provider.url} answered HTTP 503`,
      errorCode: null,
      isPermanent: false,
    });
  });

  it('gives up on a provider that does not answer in time', async () => {
    const provider = await startProvider(() => 'never');
    const error = await refreshAccessToken({ ...secret, tokenUrl: provider.url }, fetch, 200).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect(error).toMatchObject({
      message: `token endpoint ${provider.url} did not answer within 0.2 s`,
      isPermanent: false,
    });
  });

  it('says so when the token endpoint cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const tokenUrl = `http://127.0.0.1:${port}/token`;
    const error = await refreshAccessToken({ ...secret, tokenUrl }).catch((e: unknown) => e);

    expect(error).toMatchObject({
      message: `could not reach token endpoint ${tokenUrl}: ECONNREFUSED`,
      isPermanent: false,
    });
  });

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ access_token: 'from-fake' }), { status: 200 });
    };
    const token = await refreshAccessToken({ ...secret, tokenUrl: 'https://login.example/token' }, fakeFetch);
    expect(token.accessToken).toBe('from-fake');
    expect(calls).toEqual(['https://login.example/token']);
  });
});
