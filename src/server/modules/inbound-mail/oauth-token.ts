// Trading an OAuth2 refresh token for an access token (RFC 6749 §6), the way Microsoft 365 and Google expect
// it for IMAP XOAUTH2: a form-encoded POST with the client's id and secret in the body.

export interface OAuthRefreshSecret {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token, https://oauth2.googleapis.com/token, … */
  tokenUrl: string;
  scope?: string | null;
}

export interface RefreshedToken {
  accessToken: string;
  /** From the provider's expires_in; null when it did not say. */
  expiresAt: Date | null;
  /** A rotated refresh token, if the provider sent one (Microsoft does); keep it in place of the old one. */
  refreshToken: string | null;
}

/** Why no access token came back, with the provider's own `error` and `error_description` when it sent them. */
export class OAuthTokenError extends Error {
  constructor(
    message: string,
    /** The provider's `error`, e.g. invalid_grant (the refresh token was revoked or expired). */
    readonly errorCode: string | null,
    readonly errorDescription: string | null,
    /** Trying again later cannot help: the grant or the client was refused; someone must sign in again. */
    readonly isPermanent: boolean,
  ) {
    super(message);
    this.name = 'OAuthTokenError';
  }
}

/** The provider's errors that a retry can get past (RFC 6749 lists no others as passing). */
const passingErrors = new Set(['temporarily_unavailable', 'server_error']);

export async function refreshAccessToken(
  secret: OAuthRefreshSecret,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 15_000,
): Promise<RefreshedToken> {
  const endpoint = describeEndpoint(secret.tokenUrl);
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: secret.refreshToken,
    client_id: secret.clientId,
    client_secret: secret.clientSecret,
  });
  if (secret.scope) form.set('scope', secret.scope);
  let status: number;
  let text: string;
  try {
    const response = await fetchImpl(secret.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new OAuthTokenError(
        `token endpoint ${endpoint} did not answer within ${timeoutMs / 1000} s`,
        null,
        null,
        false,
      );
    }
    const reason = e.cause?.code ?? e.cause?.message ?? e.message;
    throw new OAuthTokenError(`could not reach token endpoint ${endpoint}: ${reason}`, null, null, false);
  }

  const body = parseJsonObject(text);
  const errorCode = typeof body?.error === 'string' ? body.error : null;
  if (status < 200 || status >= 300 || errorCode) {
    const description = typeof body?.error_description === 'string' ? body.error_description : null;
    if (errorCode) {
      const words = description ? `${errorCode}: ${description}` : errorCode;
      throw new OAuthTokenError(
        `token refresh refused by ${endpoint}: ${words.slice(0, 1000)}`,
        errorCode,
        description,
        !passingErrors.has(errorCode),
      );
    }
    throw new OAuthTokenError(`token endpoint ${endpoint} answered HTTP ${status}`, null, null, status < 500);
  }
  const accessToken = body?.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new OAuthTokenError(
      `token endpoint ${endpoint} answered without an access token`,
      null,
      null,
      false,
    );
  }
  // Some providers send expires_in as a string.
  const expiresIn = Number(body?.expires_in);
  return {
    accessToken,
    expiresAt:
      body?.expires_in !== undefined && Number.isFinite(expiresIn)
        ? new Date(Date.now() + expiresIn * 1000)
        : null,
    refreshToken:
      typeof body?.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : null,
  };
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The endpoint as an admin recognises it, without any query string. */
function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}
