// HTTP routes for first-run setup, sign-in, sessions, API tokens and staff members.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  accountSessionSchema,
  apiTokenInputSchema,
  apiTokenSchema,
  createdApiTokenSchema,
  loginInputSchema,
  selectTenantInputSchema,
  sessionSchema,
  sessionsRevokedSchema,
  setupInputSchema,
  setupStatusSchema,
  userInputSchema,
  userSchema,
  userUpdateSchema,
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
import type { AuthService, NewSession } from './auth.service.ts';
import type { ApiTokenRow } from './identity.repository.ts';
import type { UserService } from './users.service.ts';

export const SESSION_COOKIE = 'accord_session';

export interface CookiePolicy {
  secure: 'auto' | 'true' | 'false';
  maxAgeSeconds: number;
}

function toApiToken(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function requestMeta(c: Context<AppEnv>) {
  return { ip: c.get('ip'), userAgent: c.req.header('user-agent') ?? null, requestId: c.get('requestId') };
}

function signedIn(c: Context<AppEnv>) {
  const auth = c.get('auth');
  if (!auth) throw new AppError('auth.unauthenticated', 'Sign in first.');
  return auth;
}

function sessionAuth(c: Context<AppEnv>) {
  const auth = c.get('auth');
  if (auth?.kind !== 'session') throw new AppError('auth.unauthenticated', 'Sign in with a session first.');
  return auth;
}

/** Sets the session cookie for a new (or rotated) session and gives back what to answer. */
export function setSessionCookie(c: Context<AppEnv>, cookies: CookiePolicy, created: NewSession) {
  const secure =
    cookies.secure === 'auto' ? new URL(c.req.url).protocol === 'https:' : cookies.secure === 'true';
  setCookie(c, SESSION_COOKIE, created.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: cookies.maxAgeSeconds,
  });
  return created.session;
}

export function createIdentityRoutes(auth: AuthService, users: UserService, cookies: CookiePolicy) {
  const startCookieSession = (c: Context<AppEnv>, created: NewSession) =>
    setSessionCookie(c, cookies, created);

  const setupTags = ['Setup'];
  const authTags = ['Authentication'];
  const userTags = ['Users'];

  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/setup',
        tags: setupTags,
        summary: 'Whether first-run setup is still open (404 once done)',
        responses: { 200: jsonContent(setupStatusSchema, 'Setup is open'), ...errorResponses },
      }),
      async (c) => {
        if (!(await auth.isSetupRequired())) throw new AppError('setup.already_done', 'Not found.');
        return c.json({ required: true as const }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/setup',
        tags: setupTags,
        summary: 'Create the first organization and its owner, and sign the owner in (once per install)',
        request: { body: jsonBody(setupInputSchema) },
        responses: { 201: jsonContent(sessionSchema, 'The owner is signed in'), ...errorResponses },
      }),
      async (c) => c.json(startCookieSession(c, await auth.setup(c.req.valid('json'), requestMeta(c))), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/login',
        tags: authTags,
        summary: 'Sign in with email and password; sets the session cookie',
        request: { body: jsonBody(loginInputSchema) },
        responses: {
          200: jsonContent(sessionSchema, 'Signed in'),
          429: { ...errorResponses[400], description: 'Too many failed attempts; see Retry-After' },
          ...errorResponses,
        },
      }),
      async (c) => c.json(startCookieSession(c, await auth.login(c.req.valid('json'), requestMeta(c))), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/logout',
        tags: authTags,
        summary: 'Sign out and end the session',
        middleware: [requireSignedIn],
        responses: { 204: { description: 'Signed out' }, ...errorResponses },
      }),
      async (c) => {
        await auth.logout(sessionAuth(c).sessionTokenHash, requestMeta(c));
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/session',
        tags: authTags,
        summary: 'Who is signed in, in which organization, with which permissions',
        middleware: [requireSignedIn],
        responses: { 200: jsonContent(sessionSchema, 'The session'), ...errorResponses },
      }),
      async (c) => c.json(await auth.describeSession(sessionAuth(c).sessionTokenHash), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/select-tenant',
        tags: authTags,
        summary: 'Choose the organization this session acts in',
        middleware: [requireSignedIn],
        request: { body: jsonBody(selectTenantInputSchema) },
        responses: { 200: jsonContent(sessionSchema, 'The session'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          startCookieSession(
            c,
            await auth.selectTenant(sessionAuth(c), c.req.valid('json').tenantId, requestMeta(c)),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/sessions',
        tags: authTags,
        summary: 'Your signed-in sessions, in every organization; `current` marks this one',
        middleware: [requireSignedIn],
        responses: {
          200: jsonContent(z.object({ items: z.array(accountSessionSchema) }), 'Your sessions'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await auth.listOwnSessions(signedIn(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/auth/sessions',
        tags: authTags,
        summary: 'Sign out everywhere else: end all your sessions but this one',
        middleware: [requireSignedIn],
        responses: { 200: jsonContent(sessionsRevokedSchema, 'How many ended'), ...errorResponses },
      }),
      async (c) => c.json({ revoked: await auth.revokeOtherOwnSessions(actorOf(c), signedIn(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/auth/sessions/{id}',
        tags: authTags,
        summary: 'End one of your sessions (another device); the next request there answers 401',
        middleware: [requireSignedIn],
        request: { params: idParamSchema },
        responses: { 204: { description: 'Ended' }, ...errorResponses },
      }),
      async (c) => {
        await auth.revokeOwnSession(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api-tokens',
        tags: authTags,
        summary: 'Your API tokens',
        middleware: [requireSignedIn],
        responses: {
          200: jsonContent(z.object({ items: z.array(apiTokenSchema) }), 'Your tokens'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: (await auth.listApiTokens(actorOf(c))).map(toApiToken) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api-tokens',
        tags: authTags,
        summary: 'Create an API token that acts as you; the token is shown once',
        middleware: [requireSignedIn],
        request: { body: jsonBody(apiTokenInputSchema) },
        responses: { 201: jsonContent(createdApiTokenSchema, 'The token'), ...errorResponses },
      }),
      async (c) => {
        const { row, token } = await auth.createApiToken(actorOf(c), c.req.valid('json'));
        return c.json({ ...toApiToken(row), token }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/api-tokens/{id}',
        tags: authTags,
        summary: 'Revoke one of your API tokens',
        middleware: [requireSignedIn],
        request: { params: idParamSchema },
        responses: { 204: { description: 'Revoked' }, ...errorResponses },
      }),
      async (c) => {
        await auth.revokeApiToken(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/users',
        tags: userTags,
        summary: 'Staff members with their roles and client scopes',
        middleware: [requirePermission('users.read')],
        responses: { 200: jsonContent(z.object({ items: z.array(userSchema) }), 'Staff'), ...errorResponses },
      }),
      async (c) => c.json({ items: await users.list(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/users',
        tags: userTags,
        summary: 'Add a staff member',
        middleware: [requirePermission('users.manage')],
        request: { body: jsonBody(userInputSchema) },
        responses: {
          201: jsonContent(userSchema, 'The new member'),
          409: errorResponses[400],
          ...errorResponses,
        },
      }),
      async (c) => c.json(await users.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/users/{id}',
        tags: userTags,
        summary: 'A staff member',
        middleware: [requirePermission('users.read')],
        request: { params: idParamSchema },
        responses: { 200: jsonContent(userSchema, 'The member'), ...errorResponses },
      }),
      async (c) => c.json(await users.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/users/{id}',
        tags: userTags,
        summary: "Change a staff member's role, client scope or active state",
        middleware: [requirePermission('users.manage')],
        request: { params: idParamSchema, body: jsonBody(userUpdateSchema) },
        responses: {
          200: jsonContent(userSchema, 'The member'),
          409: errorResponses[400],
          ...errorResponses,
        },
      }),
      async (c) => c.json(await users.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/users/{id}/sessions',
        tags: userTags,
        summary: "A staff member's sessions in this organization",
        middleware: [requirePermission('users.manage')],
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(accountSessionSchema) }), 'The sessions'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await users.listSessions(scopeOf(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/users/{id}/sessions',
        tags: userTags,
        summary: 'Sign a staff member out everywhere: end all their sessions in this organization',
        middleware: [requirePermission('users.manage')],
        request: { params: idParamSchema },
        responses: { 200: jsonContent(sessionsRevokedSchema, 'How many ended'), ...errorResponses },
      }),
      async (c) => c.json({ revoked: await users.revokeSessions(actorOf(c), c.req.valid('param').id) }, 200),
    );
}
