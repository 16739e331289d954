// HTTP routes for change requests and clients' change calendars; and the public, token-only iCal feed.
import { createRoute, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import {
  type ChangeRequestAction,
  changeRequestDecisionSchema,
  changeRequestInputSchema,
  changeRequestListQuerySchema,
  changeRequestSchema,
} from '../../../shared/api/change-requests.ts';
import { idParamSchema, pageSchema } from '../../../shared/api/common.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { type AppEnv, actorOf, originOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { ChangeRequestService } from './change-requests.service.ts';

const tags = ['Change requests'];
const read = [requirePermission('assets.read')];

const calendarStatusSchema = z.object({ active: z.boolean(), createdAt: z.iso.datetime().nullable() });
const createdCalendarSchema = z.object({
  /** The secret feed URL; shown this once (only a hash of its token is kept). */
  url: z.string(),
  createdAt: z.iso.datetime(),
});

const actionRoutes: { action: ChangeRequestAction; permission: Permission; summary: string }[] = [
  { action: 'approve', permission: 'changes.approve', summary: 'Approve a requested change' },
  { action: 'reject', permission: 'changes.approve', summary: 'Reject a requested change (reason required)' },
  { action: 'start', permission: 'changes.request', summary: 'Mark an approved change as started' },
  { action: 'complete', permission: 'changes.request', summary: 'Mark a started change as completed' },
  {
    action: 'cancel',
    permission: 'changes.request',
    summary: 'Call off a requested or approved change (reason required)',
  },
];

export const feedUrl = (origin: string, token: string) => `${origin}/calendar/changes/${token}.ics`;

export function createChangeRequestRoutes(
  changes: ChangeRequestService,
  options: { publicUrl?: string } = {},
) {
  let router = createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/change-requests',
        tags,
        summary: 'List change requests of the clients you can see, latest window first',
        description:
          'status takes a comma-separated list. overlaps names other requested, approved or started ' +
          'requests whose windows overlap on a shared asset (empty for closed requests).',
        middleware: read,
        request: { query: changeRequestListQuerySchema },
        responses: {
          200: jsonContent(pageSchema(changeRequestSchema), 'A page of change requests'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await changes.list(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/change-requests',
        tags,
        summary: 'Raise a change request for some of a client’s assets',
        description:
          'The window is at most 72 hours and may not have begun more than 15 minutes ago. An emergency ' +
          'change is declared after the fact: its window began in the last 24 hours. Either starts as ' +
          'requested, for approval.',
        middleware: [requirePermission('changes.request')],
        request: { body: jsonBody(changeRequestInputSchema) },
        responses: { 201: jsonContent(changeRequestSchema, 'The new request'), ...errorResponses },
      }),
      async (c) => c.json(await changes.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/change-requests/{id}',
        tags,
        summary: 'Get a change request',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(changeRequestSchema, 'The request'), ...errorResponses },
      }),
      async (c) => c.json(await changes.get(scopeOf(c), c.req.valid('param').id), 200),
    );
  for (const { action, permission, summary } of actionRoutes) {
    router = router.openapi(
      createRoute({
        method: 'post',
        path: `/change-requests/{id}/${action}`,
        tags,
        summary,
        description: '409 change_request.invalid_transition when the request’s status does not allow it.',
        middleware: [requirePermission(permission)],
        request: { params: idParamSchema, body: jsonBody(changeRequestDecisionSchema) },
        responses: { 200: jsonContent(changeRequestSchema, 'The request'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await changes.act(actorOf(c), c.req.valid('param').id, action, c.req.valid('json').reason),
          200,
        ),
    );
  }
  return router
    .openapi(
      createRoute({
        method: 'get',
        path: '/clients/{id}/change-calendar',
        tags,
        summary: 'Whether the client has a change calendar feed (never its URL)',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(calendarStatusSchema, 'The feed’s state'), ...errorResponses },
      }),
      async (c) => c.json(await changes.calendarStatus(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/clients/{id}/change-calendar',
        tags,
        summary: 'Create or rotate the client’s secret iCal feed of approved windows; the URL is shown once',
        middleware: [requirePermission('changes.approve')],
        request: { params: idParamSchema },
        responses: { 201: jsonContent(createdCalendarSchema, 'The feed URL'), ...errorResponses },
      }),
      async (c) => {
        const { token, createdAt } = await changes.rotateCalendar(actorOf(c), c.req.valid('param').id);
        return c.json({ url: feedUrl(originOf(c, options.publicUrl), token), createdAt }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/clients/{id}/change-calendar',
        tags,
        summary: 'Turn the client’s change calendar feed off (its URL stops working)',
        middleware: [requirePermission('changes.approve')],
        request: { params: idParamSchema },
        responses: { 204: { description: 'Turned off' }, ...errorResponses },
      }),
      async (c) => {
        await changes.deleteCalendar(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
}

/** GET /calendar/changes/{token}.ics: no session, the token is the credential; anything unknown is a bare 404. */
export function createChangeCalendarFeedRoutes(
  changes: ChangeRequestService,
  options: { publicUrl?: string } = {},
) {
  return new Hono<AppEnv>().get('/changes/:file', async (c) => {
    const token = c.req.param('file').match(/^([A-Za-z0-9_-]{20,100})\.ics$/)?.[1];
    const body = token
      ? await changes.calendarFeed(token, new URL(originOf(c, options.publicUrl)).hostname)
      : null;
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
    if (body === null) return c.body(null, 404);
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Content-Disposition', 'inline; filename="change-windows.ics"');
    return c.body(body, 200);
  });
}
