// HTTP routes for two-factor sign-in, password changes and the organization's sign-in rules.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  mfaStatusSchema,
  mfaVerifyInputSchema,
  passwordChangeInputSchema,
  passwordConfirmInputSchema,
  recoveryCodesSchema,
  securitySettingsSchema,
  securitySettingsUpdateSchema,
  sessionSchema,
  totpCodeInputSchema,
  totpConfirmedSchema,
  totpSetupSchema,
} from '../../../shared/api/identity.ts';
import { AppError } from '../../http/app-error.ts';
import { type AppEnv, actorOf, scopeOf } from '../../http/context.ts';
import {
  createRouter,
  errorResponses,
  jsonBody,
  jsonContent,
  requirePermission,
  requireSignedIn,
} from '../../http/router.ts';
import { type CookiePolicy, requestMeta, setSessionCookie } from './identity.routes.ts';
import type { MfaService } from './mfa.service.ts';

/**
 * The only routes a session waiting on MFA may reach (app.ts answers 403 auth.mfa_required to the rest):
 * enough to see where it stands, finish, give up, or sign in another way.
 */
export const mfaPendingRoutes: ReadonlySet<string> = new Set([
  'GET /api/v1/auth/session',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/mfa',
  'POST /api/v1/auth/mfa/verify',
  'POST /api/v1/auth/mfa/totp/setup',
  'POST /api/v1/auth/mfa/totp/confirm',
  // Single sign-on proves who this is on its own, and replaces the session.
  'POST /api/v1/auth/sso/start',
  'GET /api/v1/auth/sso/callback',
]);

/** These act on a person's own sign-in, so they need the browser session, not an API token. */
function browserSession(c: Context<AppEnv>) {
  const auth = c.get('auth');
  if (auth?.kind !== 'session') {
    throw new AppError('auth.unauthenticated', 'Sign in with the browser to change how you sign in.');
  }
  return auth;
}

const tooMany = { 429: { ...errorResponses[400], description: 'Too many wrong codes; see Retry-After' } };
const conflict = { 409: errorResponses[400], 422: errorResponses[400] };

export function createMfaRoutes(mfa: MfaService, cookies: CookiePolicy) {
  const tags = ['Authentication'];
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/mfa',
        tags,
        summary: 'Your second factor: whether an authenticator is set up, recovery codes left',
        middleware: [requireSignedIn],
        responses: { 200: jsonContent(mfaStatusSchema, 'Your second factor'), ...errorResponses },
      }),
      async (c) => c.json(await mfa.status(c.get('auth')!.identityId), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/totp/setup',
        tags,
        summary: 'Start setting up an authenticator app: a new secret and its QR code',
        description:
          'Not in force until confirmed with a code. Each call replaces the secret not yet confirmed.',
        middleware: [requireSignedIn],
        responses: { 200: jsonContent(totpSetupSchema, 'Scan this'), ...conflict, ...errorResponses },
      }),
      async (c) => c.json(await mfa.setup(browserSession(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/totp/confirm',
        tags,
        summary: 'Turn the authenticator on with its first code; answers the recovery codes once',
        description: 'The session cookie is replaced (and its CSRF token, in the answered session).',
        middleware: [requireSignedIn],
        request: { body: jsonBody(totpCodeInputSchema) },
        responses: {
          200: jsonContent(totpConfirmedSchema, 'On; save the recovery codes'),
          ...conflict,
          ...tooMany,
          ...errorResponses,
        },
      }),
      async (c) => {
        const { token, session, recoveryCodes } = await mfa.confirm(
          browserSession(c),
          c.req.valid('json').code,
          requestMeta(c),
        );
        return c.json({ recoveryCodes, session: setSessionCookie(c, cookies, { token, session }) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/verify',
        tags,
        summary: 'Finish signing in with a code from the authenticator, or a recovery code',
        description: 'The session cookie is replaced. Wrong codes count as failed sign-ins (throttled).',
        middleware: [requireSignedIn],
        request: { body: jsonBody(mfaVerifyInputSchema) },
        responses: {
          200: jsonContent(sessionSchema, 'Signed in'),
          ...conflict,
          ...tooMany,
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(
          setSessionCookie(
            c,
            cookies,
            await mfa.verify(browserSession(c), c.req.valid('json'), requestMeta(c)),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/recovery-codes',
        tags,
        summary: 'New recovery codes (a current code confirms); the old ones stop working',
        middleware: [requireSignedIn],
        request: { body: jsonBody(totpCodeInputSchema) },
        responses: {
          200: jsonContent(recoveryCodesSchema, 'Save these'),
          ...conflict,
          ...tooMany,
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(
          {
            recoveryCodes: await mfa.regenerateRecoveryCodes(
              browserSession(c),
              c.req.valid('json').code,
              requestMeta(c),
            ),
          },
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/disable',
        tags,
        summary: 'Turn your authenticator off (your password confirms)',
        description:
          'Refused with 409 mfa.required_by_organization while an organization you belong to requires it.',
        middleware: [requireSignedIn],
        request: { body: jsonBody(passwordConfirmInputSchema) },
        responses: { 204: { description: 'Off' }, ...conflict, ...tooMany, ...errorResponses },
      }),
      async (c) => {
        await mfa.disable(browserSession(c), c.req.valid('json').password, requestMeta(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/password',
        tags,
        summary: 'Change your password; every other session of yours ends',
        description: 'The session cookie is replaced.',
        middleware: [requireSignedIn],
        request: { body: jsonBody(passwordChangeInputSchema) },
        responses: { 200: jsonContent(sessionSchema, 'Changed'), ...conflict, ...tooMany, ...errorResponses },
      }),
      async (c) =>
        c.json(
          setSessionCookie(
            c,
            cookies,
            await mfa.changePassword(browserSession(c), c.req.valid('json'), requestMeta(c)),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/settings/security',
        tags: ['Settings'],
        summary: "The organization's sign-in rules",
        middleware: [requirePermission('security.manage')],
        responses: { 200: jsonContent(securitySettingsSchema, 'The rules'), ...errorResponses },
      }),
      async (c) => c.json(await mfa.settings(scopeOf(c).tenantId), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/settings/security',
        tags: ['Settings'],
        summary: "Change the organization's sign-in rules",
        description:
          'Requiring MFA of staff reaches sessions already signed in: members without an authenticator ' +
          'are asked to set one up on their next request.',
        middleware: [requirePermission('security.manage')],
        request: { body: jsonBody(securitySettingsUpdateSchema) },
        responses: { 200: jsonContent(securitySettingsSchema, 'The rules'), ...errorResponses },
      }),
      async (c) => c.json(await mfa.updateSettings(actorOf(c), c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/users/{id}/mfa',
        tags: ['Users'],
        summary: "Reset a staff member's authenticator (lost phone) and end their sessions",
        middleware: [requirePermission('users.manage')],
        request: { params: idParamSchema },
        responses: { 204: { description: 'Reset' }, ...conflict, ...errorResponses },
      }),
      async (c) => {
        await mfa.resetMember(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
}
