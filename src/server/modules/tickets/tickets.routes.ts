// HTTP routes for tickets: the queue, detail, actions and imports.
import { createRoute, z } from '@hono/zod-openapi';
import { errorBodySchema, idParamSchema } from '../../../shared/api/common.ts';
import {
  assignInputSchema,
  bulkActionSchema,
  bulkResultSchema,
  callInputSchema,
  priorityInputSchema,
  replyInputSchema,
  statusInputSchema,
  ticketDetailSchema,
  ticketImportSchema,
  ticketInputSchema,
  ticketListQuerySchema,
  ticketPageSchema,
  ticketSchema,
  ticketUpdateSchema,
} from '../../../shared/api/tickets.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { TicketService } from './tickets.service.ts';

const tags = ['Tickets'];
const read = [requirePermission('tickets.read')];
const work = [requirePermission('tickets.work')];

/** One POST /tickets/{id}/<action> route: a body in, the changed ticket out. */
function actionRoute<T extends z.ZodType>(action: string, summary: string, body: T) {
  return createRoute({
    method: 'post',
    path: `/tickets/{id}/${action}`,
    tags,
    summary,
    middleware: work,
    request: { params: idParamSchema, body: jsonBody(body) },
    responses: { 200: jsonContent(ticketSchema, 'The ticket'), ...errorResponses },
  });
}

export function createTicketRoutes(tickets: TicketService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/boards',
        tags,
        summary: 'Ticket boards (queues)',
        middleware: read,
        responses: {
          200: jsonContent(
            z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
            'Boards',
          ),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await tickets.listBoards(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tickets',
        tags,
        summary:
          'The ticket queue: filter by board, status, client, assignee, priority, SLA state; sorted by next SLA due',
        middleware: read,
        request: { query: ticketListQuerySchema },
        responses: { 200: jsonContent(ticketPageSchema, 'A page of tickets'), ...errorResponses },
      }),
      async (c) => c.json(await tickets.list(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tickets',
        tags,
        summary: "Open a ticket; it is measured under the client's SLA policy as it stands now",
        middleware: work,
        request: { body: jsonBody(ticketInputSchema) },
        responses: { 201: jsonContent(ticketSchema, 'The new ticket'), ...errorResponses },
      }),
      async (c) => c.json(await tickets.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tickets/import',
        tags,
        summary: 'Import a ticket with its history from another PSA; idempotent by externalId',
        description:
          'Events: created, public_reply (author staff|contact), internal_note, call_logged, status, priority. ' +
          'The SLA block is computed from the history exactly as for a ticket worked in Accord.',
        middleware: [requirePermission('tickets.import')],
        request: { body: jsonBody(ticketImportSchema) },
        responses: {
          200: jsonContent(ticketSchema, 'Already imported: the ticket as it stands'),
          201: jsonContent(ticketSchema, 'The imported ticket'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { ticket, created } = await tickets.importTicket(actorOf(c), c.req.valid('json'));
        return created ? c.json(ticket, 201) : c.json(ticket, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tickets/bulk',
        tags,
        summary: 'Assign or change the status of up to 200 tickets at once: all change, or none does',
        description:
          'Each ticket goes through the same rules as the single-ticket action. If any ticket cannot change ' +
          '(not found or not visible, pending_client without a message, an assignee who cannot see its client, …) ' +
          'the answer is 422 ticket.bulk_failed with details [{id, number, code, message}] for every failing ' +
          'ticket (number is null when the ticket is not visible), and nothing is changed.',
        middleware: work,
        request: { body: jsonBody(bulkActionSchema) },
        responses: {
          200: jsonContent(bulkResultSchema, 'The tickets after the change, in the order asked'),
          422: jsonContent(errorBodySchema, 'Some tickets cannot change; nothing was changed'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await tickets.bulk(actorOf(c), c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tickets/{id}',
        tags,
        summary: 'A ticket with its SLA block and timeline',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(ticketDetailSchema, 'The ticket'), ...errorResponses },
      }),
      async (c) => c.json(await tickets.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/tickets/{id}',
        tags,
        summary: 'Change title, type, board or contact',
        middleware: work,
        request: { params: idParamSchema, body: jsonBody(ticketUpdateSchema) },
        responses: { 200: jsonContent(ticketSchema, 'The ticket'), ...errorResponses },
      }),
      async (c) =>
        c.json(await tickets.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(actionRoute('replies', 'Reply to the requester (public)', replyInputSchema), async (c) =>
      c.json(await tickets.reply(actorOf(c), c.req.valid('param').id, c.req.valid('json'), 'public'), 200),
    )
    .openapi(
      actionRoute('notes', 'Add an internal note (never shown to the client)', replyInputSchema),
      async (c) =>
        c.json(
          await tickets.reply(actorOf(c), c.req.valid('param').id, c.req.valid('json'), 'internal'),
          200,
        ),
    )
    .openapi(actionRoute('calls', 'Log a call or chat with the requester', callInputSchema), async (c) =>
      c.json(await tickets.logCall(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      actionRoute('assign', 'Assign to a staff member, or unassign with null', assignInputSchema),
      async (c) =>
        c.json(
          await tickets.assign(actorOf(c), c.req.valid('param').id, c.req.valid('json').assigneeId),
          200,
        ),
    )
    .openapi(
      actionRoute(
        'status',
        'Change status; pending_client needs the public message, reopening after the window opens a new ticket',
        statusInputSchema,
      ),
      async (c) =>
        c.json(await tickets.setStatus(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      actionRoute(
        'priority',
        'Change priority; a downgrade needs a reason the client sees',
        priorityInputSchema,
      ),
      async (c) =>
        c.json(await tickets.setPriority(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    );
}
