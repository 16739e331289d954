// HTTP routes for single sign-on: the organization's providers (security.manage), and the sign-in's start
// (JSON) and callback (a browser redirect from the provider back to the web app).
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  ssoErrorCodes,
  ssoProviderInputSchema,
  ssoProviderSchema,
  ssoProviderUpdateSchema,
  ssoStartInputSchema,
  ssoStartSchema,
} from '../../../shared/api/sso.ts';
import { AppError } from '../../http/app-error.ts';
import { type AppEnv, actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { Logger } from '../../observability/logger.ts';
import { type CookiePolicy, setSessionCookie } from '../identity/index.ts';
import type { SsoService } from './sso.service.ts';

/** Binds a sign-in to the browser that started it (against signing someone in as someone else). */
const STATE_COOKIE = 'accord_sso_state';
const CALLBACK_PATH = '/api/v1/auth/sso/callback';

const tags = ['Single sign-on'];
const manage = [requirePermission('security.manage')];

export interface SsoRouteOptions {
  cookies: CookiePolicy;
  /**
   * PUBLIC_URL: the origin people reach Accord at. Without it the callback URL is built from the request
   * (its Host header and scheme), which behind a TLS-terminating proxy would say http.
   */
  publicUrl?: string;
  logger: Logger;
}

const callbackQuerySchema = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

export function createSsoRoutes(sso: SsoService, options: SsoRouteOptions) {
  const origin = (c: Context<AppEnv>) =>
    options.publicUrl ? new URL(options.publicUrl).origin : new URL(c.req.url).origin;
  const secure = (c: Context<AppEnv>) =>
    options.cookies.secure === 'auto'
      ? new URL(c.req.url).protocol === 'https:'
      : options.cookies.secure === 'true';
  const meta = (c: Context<AppEnv>) => ({
    ip: c.get('ip'),
    userAgent: c.req.header('user-agent') ?? null,
    requestId: c.get('requestId'),
  });

  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/sso-providers',
        tags,
        summary: "The organization's single sign-on providers (client secrets are never sent)",
        middleware: manage,
        responses: {
          200: jsonContent(z.object({ items: z.array(ssoProviderSchema) }), 'Providers, by name'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await sso.list(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/sso-providers',
        tags,
        summary: 'Add a single sign-on provider',
        description:
          'Issuer per kind — entra: https://login.microsoftonline.com/<directory (tenant) ID>/v2.0; google: ' +
          'https://accounts.google.com (the default); oidc: the provider’s https:// issuer. Register ' +
          '<Accord URL>/api/v1/auth/sso/callback as the redirect URI there. An email domain may belong to ' +
          'one enabled provider on the whole install (409 sso.domain_taken).',
        middleware: manage,
        request: { body: jsonBody(ssoProviderInputSchema) },
        responses: {
          201: jsonContent(ssoProviderSchema, 'The provider'),
          409: errorResponses[400],
          ...errorResponses,
        },
      }),
      async (c) => c.json(await sso.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/sso-providers/{id}',
        tags,
        summary: 'A single sign-on provider',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(ssoProviderSchema, 'The provider'), ...errorResponses },
      }),
      async (c) => c.json(await sso.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/sso-providers/{id}',
        tags,
        summary: 'Change a provider, enable or disable it; leave clientSecret out to keep the stored one',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(ssoProviderUpdateSchema) },
        responses: {
          200: jsonContent(ssoProviderSchema, 'The provider'),
          409: errorResponses[400],
          ...errorResponses,
        },
      }),
      async (c) => c.json(await sso.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/sso-providers/{id}',
        tags,
        summary: 'Remove a provider and its links to members (they sign in with passwords again)',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 204: { description: 'Removed' }, ...errorResponses },
      }),
      async (c) => {
        await sso.remove(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/sso/start',
        tags,
        summary: 'Start signing in with single sign-on: where to send the browser for this work email',
        description:
          "Answers the provider's authorization URL (authorization code flow with PKCE) for the enabled " +
          "provider of the email's domain, and sets a short-lived cookie that the callback checks.",
        security: [],
        request: { body: jsonBody(ssoStartInputSchema) },
        responses: {
          200: jsonContent(ssoStartSchema, 'Send the browser to redirectUrl'),
          502: errorResponses[400],
          ...errorResponses,
        },
      }),
      async (c) => {
        const redirectUri = `${origin(c)}${CALLBACK_PATH}`;
        const { redirectUrl, state } = await sso.startSignIn(c.req.valid('json').email, redirectUri);
        setCookie(c, STATE_COOKIE, state, {
          httpOnly: true,
          // Lax: sent on the provider's top-level redirect back to the callback.
          sameSite: 'Lax',
          secure: secure(c),
          path: '/api/v1/auth/sso',
          maxAge: 600,
        });
        return c.json({ redirectUrl }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/sso/callback',
        tags,
        summary: "The provider's redirect back after sign-in (a browser navigation, not an API call)",
        description:
          'Signs the member in and redirects to / with the session cookie; on any failure redirects to ' +
          `/login?sso_error=<code> (${ssoErrorCodes.join(', ')}) and signs nobody in.`,
        security: [],
        request: { query: callbackQuerySchema },
        responses: { 302: { description: 'To / when signed in, else to /login?sso_error=<code>' } },
      }),
      async (c) => {
        const callbackUrl = new URL(`${origin(c)}${CALLBACK_PATH}`);
        callbackUrl.search = new URL(c.req.url).search;
        const browserState = getCookie(c, STATE_COOKIE);
        deleteCookie(c, STATE_COOKIE, { path: '/api/v1/auth/sso', secure: secure(c) });
        try {
          const created = await sso.finishSignIn(callbackUrl, browserState, meta(c));
          setSessionCookie(c, options.cookies, created);
          return c.redirect('/', 302);
        } catch (error) {
          const details =
            error instanceof AppError ? (error.details as { reason?: string; cause?: string }) : {};
          const reason = details?.reason ?? 'failed';
          // The browser learns only the short code; operators see why in the log.
          const log = { requestId: c.get('requestId'), reason, cause: details?.cause };
          if (reason === 'failed') options.logger.error({ ...log, err: error }, 'single sign-on failed');
          else options.logger.warn({ ...log, message: (error as Error).message }, 'single sign-on refused');
          return c.redirect(`/login?sso_error=${encodeURIComponent(reason)}`, 302);
        }
      },
      // A browser lands here: even a malformed answer (a parameter twice) goes back to the sign-in page.
      (result, c) => {
        if (!result.success) return c.redirect('/login?sso_error=failed', 302);
      },
    );
}
