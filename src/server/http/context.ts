// Hono environment for every route: request id, client address and the resolved authentication.
import type { Context } from 'hono';
import type { MfaPending } from '../../shared/api/identity.ts';
import { AppError } from './app-error.ts';
import type { Actor, Scope } from './scope.ts';

export type RequestAuth =
  | {
      kind: 'session';
      identityId: string;
      sessionTokenHash: string;
      csrfToken: string;
      /** While set the scope is null and app.ts lets the request reach only the MFA routes. */
      mfaPending: MfaPending | null;
      scope: Scope | null;
    }
  | {
      kind: 'token';
      identityId: string;
      tokenId: string;
      /** 'read' tokens may only GET/HEAD (app.ts refuses the rest). */
      access: 'read' | 'full';
      scope: Scope;
    };

export interface AppEnv {
  Variables: {
    requestId: string;
    ip: string | null;
    auth: RequestAuth | null;
  };
}

export function scopeOf(c: Context<AppEnv>): Scope {
  const auth = c.get('auth');
  if (!auth) throw new AppError('auth.unauthenticated', 'Sign in first.');
  if (!auth.scope) throw new AppError('auth.no_membership', 'Choose an organization first.');
  return auth.scope;
}

export function actorOf(c: Context<AppEnv>): Actor {
  const auth = c.get('auth');
  return {
    apiTokenId: auth?.kind === 'token' ? auth.tokenId : null,
    scope: scopeOf(c),
    requestId: c.get('requestId'),
    ip: c.get('ip'),
    userAgent: c.req.header('user-agent') ?? null,
  };
}

/** Where a request came from, for security events of requests no member makes (links, agents). */
export function requestMetaOf(c: Context<AppEnv>) {
  return { ip: c.get('ip'), userAgent: c.req.header('user-agent') ?? null, requestId: c.get('requestId') };
}

/** PUBLIC_URL's origin when set (behind a proxy the request's own may not be reachable), else the request's. */
export const originOf = (c: Context, publicUrl?: string) =>
  publicUrl ? new URL(publicUrl).origin : new URL(c.req.url).origin;
