// HTTP routes for business calendars and their due-time arithmetic.
import { createRoute, z } from '@hono/zod-openapi';
import {
  businessMinutesQuerySchema,
  businessMinutesResultSchema,
  calendarInputSchema,
  calendarSchema,
  calendarVersionSchema,
  dueQuerySchema,
  dueResultSchema,
} from '../../../shared/api/calendars.ts';
import { errorBodySchema, idParamSchema } from '../../../shared/api/common.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { CalendarService } from './calendars.service.ts';

const tags = ['Calendars'];
const read = [requirePermission('calendars.read')];
const manage = [requirePermission('calendars.manage')];
const noBusinessTime = { 422: jsonContent(errorBodySchema, 'No business time within 366 days') };

export function createCalendarRoutes(calendars: CalendarService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/calendars',
        tags,
        summary: 'List business calendars (current versions)',
        middleware: read,
        responses: {
          200: jsonContent(z.object({ items: z.array(calendarSchema) }), 'Calendars'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await calendars.list(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/calendars',
        tags,
        summary: 'Create a business calendar: IANA zone, weekly local hours, holidays',
        middleware: manage,
        request: { body: jsonBody(calendarInputSchema) },
        responses: { 201: jsonContent(calendarSchema, 'The calendar, version 1'), ...errorResponses },
      }),
      async (c) => c.json(await calendars.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/calendars/{id}',
        tags,
        summary: 'Get a calendar (current version)',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(calendarSchema, 'The calendar'), ...errorResponses },
      }),
      async (c) => c.json(await calendars.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/calendars/{id}',
        tags,
        summary: 'Replace a calendar; a changed definition becomes a new version, past figures keep theirs',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(calendarInputSchema) },
        responses: { 200: jsonContent(calendarSchema, 'The calendar'), ...errorResponses },
      }),
      async (c) =>
        c.json(await calendars.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/calendars/{id}/versions',
        tags,
        summary: 'Every version of a calendar, newest first',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(calendarVersionSchema) }), 'Versions'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await calendars.versions(scopeOf(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/calendars/{id}/due',
        tags,
        summary: 'The instant when `minutes` business minutes have elapsed from `from`',
        description:
          'Outside hours the count starts at the next opening; a count that ends exactly at a closing returns ' +
          'that closing. Instants are truncated to the minute. Pass `version` to use a past version.',
        middleware: read,
        request: { params: idParamSchema, query: dueQuerySchema },
        responses: {
          200: jsonContent(dueResultSchema, 'The due instant (UTC)'),
          ...noBusinessTime,
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(await calendars.dueAt(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/calendars/{id}/business-minutes',
        tags,
        summary: 'Business minutes between two instants',
        middleware: read,
        request: { params: idParamSchema, query: businessMinutesQuerySchema },
        responses: { 200: jsonContent(businessMinutesResultSchema, 'Business minutes'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await calendars.businessMinutes(scopeOf(c), c.req.valid('param').id, c.req.valid('query')),
          200,
        ),
    );
}
