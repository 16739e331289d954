// The client portal's remediation plans: the company's admin files the company's concern about its MSP,
// answers a plan addressed to it, decides the plans that are the company's to decide, and downloads the
// letter and the company's data.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  portalRemediationInputSchema,
  remediationDecisionSchema,
  remediationItemUpdateSchema,
  remediationPlanSchema,
  remediationResponseSchema,
} from '../../../shared/api/remediation.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import {
  createRouter,
  errorResponses,
  jsonBody,
  jsonContent,
  requireClientAdmin,
} from '../../http/router.ts';
import type { RemediationService } from './remediation.service.ts';

const tags = ['Client portal'];
const middleware = [requireClientAdmin];
const plan = (description: string) => jsonContent(remediationPlanSchema, description);
const file = (type: string) => ({ description: 'The file', content: { [type]: { schema: z.any() } } });

/** The company a client's admin speaks for (the guard lets no one else through). */
const clientIdOf = (scope: ReturnType<typeof scopeOf>) => scope.clientContact!.clientId;

export function createPortalRemediationRoutes(plans: RemediationService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/remediation-plans',
        tags,
        summary: 'Your company’s remediation plans, open ones first',
        middleware,
        responses: {
          200: jsonContent(z.object({ items: z.array(remediationPlanSchema) }), 'Plans'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const scope = scopeOf(c);
        return c.json({ items: await plans.list(scope, { clientId: clientIdOf(scope), state: 'all' }) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/portal/remediation-plans',
        tags,
        summary: 'Raise a concern about your IT provider, with evidence: it answers with items',
        middleware,
        request: { body: jsonBody(portalRemediationInputSchema) },
        responses: { 201: plan('The plan'), ...errorResponses },
      }),
      async (c) => {
        const actor = actorOf(c);
        const input = { ...c.req.valid('json'), clientId: clientIdOf(actor.scope) };
        return c.json(await plans.file(actor, { ...input, direction: 'client_to_msp', vendorId: null }), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/remediation-plans/{id}',
        tags,
        summary: 'A remediation plan with its items, notices and decisions',
        middleware,
        request: { params: idParamSchema },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) => c.json(await plans.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/portal/remediation-plans/{id}/response',
        tags,
        summary: 'Answer a plan addressed to your company with items; once',
        middleware,
        request: { params: idParamSchema, body: jsonBody(remediationResponseSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) => c.json(await plans.respond(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/portal/remediation-items/{id}',
        tags,
        summary: 'Mark one of your company’s items done (or open again), with a note',
        middleware,
        request: { params: idParamSchema, body: jsonBody(remediationItemUpdateSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) =>
        c.json(await plans.updateItem(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/portal/remediation-plans/{id}/decision',
        tags,
        summary: 'Decide a plan that is your company’s to decide: continue, extend or terminate',
        middleware,
        request: { params: idParamSchema, body: jsonBody(remediationDecisionSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) => c.json(await plans.decide(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/remediation-plans/{id}/letter.pdf',
        tags,
        summary: 'The plan as a PDF letter',
        middleware,
        request: { params: idParamSchema },
        responses: { 200: file('application/pdf'), ...errorResponses },
      }),
      async (c) => sendDownload(c, await plans.letter(scopeOf(c), c.req.valid('param').id)) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portal/export',
        tags,
        summary: 'All your company’s data as one JSON file',
        middleware,
        responses: { 200: file('application/json'), ...errorResponses },
      }),
      async (c) => {
        const scope = scopeOf(c);
        return sendDownload(c, await plans.export(scope, clientIdOf(scope))) as never;
      },
    );
}
