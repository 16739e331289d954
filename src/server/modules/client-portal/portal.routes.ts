// HTTP routes of the client portal: only a client's person reaches them, and sees only their company's
// things. A user sees the tickets they raised; the company's admin all its tickets, and its agreements,
// statements, invoices, approvals and vendors.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  portalAgreementSchema,
  portalChangeRequestSchema,
  portalDecisionSchema,
  portalInvoiceDetailSchema,
  portalInvoiceSchema,
  portalOverviewSchema,
  portalReplyInputSchema,
  portalScorecardSchema,
  portalTicketDetailSchema,
  portalTicketInputSchema,
  portalTicketListQuerySchema,
  portalTicketSchema,
} from '../../../shared/api/client-portal.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  slaStatementSchema,
  statementListSchema,
  statementParamsSchema,
} from '../../../shared/api/sla-statements.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import {
  createRouter,
  errorResponses,
  jsonBody,
  jsonContent,
  requireClientAdmin,
  requireClientUser,
} from '../../http/router.ts';
import type { SlaStatementService } from '../sla-statements/index.ts';
import type { ClientPortalService } from './portal.service.ts';
import type { PortalTicketService } from './portal-tickets.service.ts';

const tags = ['Client portal'];
const middleware = [requireClientUser];
/** The company's agreements, money, statements, approvals and vendors: its admin's, not every user's. */
const adminOnly = [requireClientAdmin];
const items = <T extends z.ZodType>(schema: T, description: string) =>
  jsonContent(z.object({ items: z.array(schema) }), description);
const pdf = { description: 'The PDF', content: { 'application/pdf': { schema: z.any() } } };

export function createClientPortalRoutes(services: {
  portal: ClientPortalService;
  tickets: PortalTicketService;
  statements: SlaStatementService;
}) {
  const { portal, tickets, statements } = services;
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal',
        tags,
        summary: 'Who you are for which company, and what waits for you',
        middleware,
        responses: { 200: jsonContent(portalOverviewSchema, 'The overview'), ...errorResponses },
      }),
      async (c) => c.json(await portal.overview(scopeOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/tickets',
        tags,
        summary: 'Your company’s tickets (a user’s own), newest first',
        middleware,
        request: { query: portalTicketListQuerySchema },
        responses: {
          200: jsonContent(
            z.object({ items: z.array(portalTicketSchema), total: z.number().int() }),
            'A page of tickets',
          ),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await tickets.list(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/portal/tickets',
        tags,
        summary: 'Raise a ticket in your name',
        middleware,
        request: { body: jsonBody(portalTicketInputSchema) },
        responses: { 201: jsonContent(portalTicketDetailSchema, 'The ticket'), ...errorResponses },
      }),
      async (c) => c.json(await tickets.raise(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/tickets/{id}',
        tags,
        summary: 'A ticket with its public conversation and its targets',
        middleware,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(portalTicketDetailSchema, 'The ticket'), ...errorResponses },
      }),
      async (c) => c.json(await tickets.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/portal/tickets/{id}/replies',
        tags,
        summary: 'Reply on a ticket',
        description:
          'A reply to a ticket waiting on you sets it going again; one to a resolved ticket reopens it (after ' +
          'the reopen window, a new linked ticket holds the reply, and is the one answered).',
        middleware,
        request: { params: idParamSchema, body: jsonBody(portalReplyInputSchema) },
        responses: { 201: jsonContent(portalTicketDetailSchema, 'The ticket'), ...errorResponses },
      }),
      async (c) =>
        c.json(await tickets.reply(actorOf(c), c.req.valid('param').id, c.req.valid('json').body), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/agreements',
        tags,
        summary: 'Your company’s agreements in plain words: what is covered, billable, promised',
        middleware: adminOnly,
        responses: { 200: items(portalAgreementSchema, 'Agreements'), ...errorResponses },
      }),
      async (c) => c.json({ items: await portal.agreements(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/agreements/{id}/sla-statements',
        tags,
        summary: 'The agreement’s monthly SLA statements: the same figures the MSP sees',
        middleware: adminOnly,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(statementListSchema, 'The statements'), ...errorResponses },
      }),
      async (c) => c.json(await statements.list(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/agreements/{id}/sla-statements/{month}',
        tags,
        summary: 'A month’s SLA statement, with the breaches, their explanations and any credits',
        middleware: adminOnly,
        request: { params: statementParamsSchema },
        responses: { 200: jsonContent(slaStatementSchema, 'The statement'), ...errorResponses },
      }),
      async (c) => {
        const { id, month } = c.req.valid('param');
        return c.json(await statements.get(scopeOf(c), id, month), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/agreements/{id}/sla-statements/{month}/pdf',
        tags,
        summary: 'A month’s SLA statement as a PDF report',
        middleware: adminOnly,
        request: { params: statementParamsSchema },
        responses: { 200: pdf, ...errorResponses },
      }),
      async (c) => {
        const { id, month } = c.req.valid('param');
        const report = await statements.report(scopeOf(c), id, month);
        return sendDownload(c, { ...report, contentType: 'application/pdf' }) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/invoices',
        tags,
        summary: 'Your company’s issued invoices, newest first',
        middleware: adminOnly,
        responses: { 200: items(portalInvoiceSchema, 'Invoices'), ...errorResponses },
      }),
      async (c) => c.json({ items: await portal.invoices(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/invoices/{id}',
        tags,
        summary: 'An issued invoice with its lines (covered work shows at $0 with its value)',
        middleware: adminOnly,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(portalInvoiceDetailSchema, 'The invoice'), ...errorResponses },
      }),
      async (c) => c.json(await portal.invoice(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/invoices/{id}/pdf',
        tags,
        summary: 'An issued invoice as a PDF',
        middleware: adminOnly,
        request: { params: idParamSchema },
        responses: { 200: pdf, ...errorResponses },
      }),
      async (c) => sendDownload(c, await portal.invoicePdf(scopeOf(c), c.req.valid('param').id)) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/change-requests',
        tags,
        summary: 'Vendors’ changes that ask your company’s approval: those waiting first',
        middleware: adminOnly,
        responses: { 200: items(portalChangeRequestSchema, 'Change requests'), ...errorResponses },
      }),
      async (c) => c.json({ items: await portal.changeRequests(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/portal/change-requests/{id}/decision',
        tags,
        summary: 'Approve or reject a vendor’s change for your company, in your name',
        description:
          'A reason is required to reject. 409 change_request.invalid_transition once the company has ' +
          'decided or the request is no longer waiting; 409 change_request.window_passed after its window.',
        middleware: adminOnly,
        request: { params: idParamSchema, body: jsonBody(portalDecisionSchema) },
        responses: { 200: jsonContent(portalChangeRequestSchema, 'The request'), ...errorResponses },
      }),
      async (c) => c.json(await portal.decide(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/vendors',
        tags,
        summary: 'Your vendors’ scorecards at your company over six months',
        middleware: adminOnly,
        responses: { 200: items(portalScorecardSchema, 'Scorecards'), ...errorResponses },
      }),
      async (c) => c.json({ items: await portal.vendors(scopeOf(c)) }, 200),
    );
}
