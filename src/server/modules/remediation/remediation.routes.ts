// HTTP routes of remediation plans for the MSP's staff, and the full export of a client's data.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  handoverParamsSchema,
  handoverUpdateSchema,
  remediationDecisionSchema,
  remediationInputSchema,
  remediationItemUpdateSchema,
  remediationListQuerySchema,
  remediationPlanSchema,
  remediationRecommendationSchema,
  remediationResponseSchema,
} from '../../../shared/api/remediation.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { RemediationService } from './remediation.service.ts';

const tags = ['Remediation plans'];
const read = [requirePermission('clients.read')];
const manage = [requirePermission('remediation.manage')];
const plan = (description: string) => jsonContent(remediationPlanSchema, description);
const file = (type: string) => ({ description: 'The file', content: { [type]: { schema: z.any() } } });

export function createRemediationRoutes(plans: RemediationService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/remediation-plans',
        tags,
        summary: 'Remediation plans: open ones first, soonest end first',
        middleware: read,
        request: { query: remediationListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(remediationPlanSchema) }), 'Plans'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await plans.list(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/remediation-plans',
        tags,
        summary:
          'File a plan: the client’s concern about you (on its behalf), or yours about a vendor or to the client',
        description:
          'A plan to the client (msp_to_client) also records a vendor notice, with the effect a notice has on ' +
          'a graduated vendor clause. Evidence must be the client’s (400 otherwise).',
        middleware: manage,
        request: { body: jsonBody(remediationInputSchema) },
        responses: { 201: plan('The plan'), ...errorResponses },
      }),
      async (c) => c.json(await plans.file(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/remediation-plans/{id}',
        tags,
        summary: 'A remediation plan with its items, notices and decisions',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) => c.json(await plans.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/remediation-plans/{id}/response',
        tags,
        summary: 'Answer a plan with items (yours, or the vendor’s as it sent them); once',
        description:
          '409 remediation.not_your_side when the client answers this plan; 409 remediation.responded.',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(remediationResponseSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) => c.json(await plans.respond(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/remediation-items/{id}',
        tags,
        summary: 'Mark an item done (or open again), with a note on progress',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(remediationItemUpdateSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) =>
        c.json(await plans.updateItem(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/remediation-plans/{id}/recommendation',
        tags,
        summary: 'Recommend to the client what to decide about a vendor',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(remediationRecommendationSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) =>
        c.json(await plans.recommend(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/remediation-plans/{id}/decision',
        tags,
        summary: 'Decide: continue, extend (to a new end) or terminate, with a reason',
        description:
          'Yours to decide on a plan to the client; on the others, you record the client’s decision. 409 ' +
          'remediation.decision_not_due until the time box ends, the notices reach the limit, or every item is done.',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(remediationDecisionSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) => c.json(await plans.decide(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/remediation-plans/{id}/handover/{key}',
        tags,
        summary: 'Tick (or untick) a step of the handover a termination opened',
        middleware: manage,
        request: { params: handoverParamsSchema, body: jsonBody(handoverUpdateSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) => {
        const { id, key } = c.req.valid('param');
        return c.json(await plans.setHandover(actorOf(c), id, key, c.req.valid('json').done), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/remediation-plans/{id}/letter.pdf',
        tags,
        summary: 'The plan as a PDF letter',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: file('application/pdf'), ...errorResponses },
      }),
      async (c) => sendDownload(c, await plans.letter(scopeOf(c), c.req.valid('param').id)) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/clients/{id}/export',
        tags: ['Clients'],
        summary: 'Everything of the client’s, as one JSON file, for a handover',
        description:
          'Sites, contacts, assets, agreements, tickets with their public conversation, issued invoices and ' +
          'change requests; never internal notes, time or costs.',
        middleware: [requirePermission('clients.manage')],
        request: { params: idParamSchema },
        responses: { 200: file('application/json'), ...errorResponses },
      }),
      async (c) => sendDownload(c, await plans.export(scopeOf(c), c.req.valid('param').id)) as never,
    );
}
