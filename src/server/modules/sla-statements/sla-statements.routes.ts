// HTTP routes for SLA statements: per agreement and month, live or closed; closing a month; the MSP's
// explanation of a breach; the recompute check; the monthly report as a PDF.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import { creditDisputeInputSchema, serviceCreditSchema } from '../../../shared/api/service-credits.ts';
import {
  explanationInputSchema,
  explanationParamsSchema,
  slaClocks,
  slaStatementSchema,
  statementCheckSchema,
  statementListSchema,
  statementParamsSchema,
} from '../../../shared/api/sla-statements.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { ServiceCreditService } from './service-credits.ts';
import type { SlaStatementService } from './sla-statements.service.ts';

const tags = ['SLA statements'];
const read = [requirePermission('tickets.read')];
const manage = [requirePermission('sla.manage')];

export function createSlaStatementRoutes(statements: SlaStatementService, credits: ServiceCreditService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/agreements/{id}/sla-statements',
        tags,
        summary: "The agreement's statements, newest first: every closed month and the open ones since",
        description: 'With no month closed yet, the open months of the last twelve.',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(statementListSchema, 'Statements'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await statements.list(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/agreements/{id}/sla-statements/check',
        tags,
        summary: 'Recompute every closed statement as of its close and compare it with what was stored',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(statementCheckSchema) }), 'One check per closed month'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await statements.check(scopeOf(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/agreements/{id}/sla-statements/{month}',
        tags,
        summary: "A month's statement: frozen once closed, computed live until then",
        description:
          'A clock counts in the month its target fell due, read in the time zone of the calendar the ' +
          "agreement's SLA policy runs on. Compliance counts guaranteed targets only.",
        middleware: read,
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
        path: '/agreements/{id}/sla-statements/{month}/pdf',
        tags,
        summary: "A month's statement as a PDF report",
        middleware: read,
        request: { params: statementParamsSchema },
        responses: {
          200: { description: 'The report', content: { 'application/pdf': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { id, month } = c.req.valid('param');
        const report = await statements.report(scopeOf(c), id, month);
        return sendDownload(c, { ...report, contentType: 'application/pdf' }) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/agreements/{id}/sla-statements/{month}/close',
        tags,
        summary: 'Close a month: freeze its statement, and those of any ended months before it still open',
        description:
          'Statements close in order. Closing a closed month answers it unchanged; later corrections to it ' +
          'appear in the next open month.',
        middleware: manage,
        request: { params: statementParamsSchema },
        responses: { 200: jsonContent(slaStatementSchema, 'The closed statement'), ...errorResponses },
      }),
      async (c) => {
        const { id, month } = c.req.valid('param');
        return c.json(await statements.close(actorOf(c), id, month), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/service-credits/{id}/dispute',
        tags,
        summary:
          'Dispute a proposed service credit within its window, citing an exclusion; the client sees why',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(creditDisputeInputSchema) },
        responses: { 200: jsonContent(serviceCreditSchema, 'The disputed credit'), ...errorResponses },
      }),
      async (c) =>
        c.json(await credits.dispute(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/tickets/{id}/sla-explanations/{clock}',
        tags,
        summary: "Explain a missed target to the client; shown on the month's statement",
        middleware: manage,
        request: { params: explanationParamsSchema, body: jsonBody(explanationInputSchema) },
        responses: {
          200: jsonContent(
            z.object({ ticketId: z.uuid(), clock: z.enum(slaClocks), text: z.string() }),
            'The explanation',
          ),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { id, clock } = c.req.valid('param');
        return c.json(await statements.explain(actorOf(c), id, clock, c.req.valid('json').text), 200);
      },
    );
}
