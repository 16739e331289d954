// HTTP routes for saved queue views, assignees and the help desk's settings.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  assigneeSchema,
  ticketSettingsSchema,
  ticketSettingsUpdateSchema,
  ticketViewInputSchema,
  ticketViewSchema,
} from '../../../shared/api/tickets.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { HelpDeskService } from './help-desk.service.ts';

const tags = ['Tickets'];
const read = [requirePermission('tickets.read')];
const noContent = { 204: { description: 'Done' } };

export function createHelpDeskRoutes(helpDesk: HelpDeskService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/ticket-views',
        tags,
        summary: 'Saved queue views: your own and every shared one, by name',
        middleware: read,
        responses: {
          200: jsonContent(z.object({ items: z.array(ticketViewSchema) }), 'Saved views'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await helpDesk.listViews(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/ticket-views',
        tags,
        summary: 'Save the queue’s current filters as a view, private or shared with the organization',
        middleware: read,
        request: { body: jsonBody(ticketViewInputSchema) },
        responses: { 201: jsonContent(ticketViewSchema, 'The saved view'), ...errorResponses },
      }),
      async (c) => c.json(await helpDesk.createView(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/ticket-views/{id}',
        tags,
        summary: 'Delete a saved view: your own, or a shared one with tickets.settings',
        middleware: read,
        request: { params: idParamSchema },
        responses: { ...noContent, ...errorResponses },
      }),
      async (c) => {
        await helpDesk.deleteView(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/assignees',
        tags,
        summary: 'Active staff who work tickets, by name, with the clients each can see',
        middleware: read,
        responses: {
          200: jsonContent(z.object({ items: z.array(assigneeSchema) }), 'Staff who can be assigned'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await helpDesk.listAssignees(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/settings/tickets',
        tags,
        summary: "The help desk's settings",
        middleware: read,
        responses: { 200: jsonContent(ticketSettingsSchema, 'Settings'), ...errorResponses },
      }),
      async (c) => c.json(await helpDesk.getSettings(scopeOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/settings/tickets',
        tags,
        summary: "Change the help desk's settings (reopen window in days, 0–90)",
        middleware: [requirePermission('tickets.settings')],
        request: { body: jsonBody(ticketSettingsUpdateSchema) },
        responses: { 200: jsonContent(ticketSettingsSchema, 'Settings'), ...errorResponses },
      }),
      async (c) => c.json(await helpDesk.updateSettings(actorOf(c), c.req.valid('json')), 200),
    );
}
