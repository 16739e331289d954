// The vendor portal's remediation plans: a vendor's person reads the MSP's plans about their vendor,
// answers one with items and marks them done. The MSP's recommendation to the client is not theirs to read.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  type RemediationPlan,
  remediationItemUpdateSchema,
  remediationPlanSchema,
  remediationResponseSchema,
} from '../../../shared/api/remediation.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requireVendorUser } from '../../http/router.ts';
import type { RemediationService } from './remediation.service.ts';

const tags = ['Vendor portal'];
const middleware = [requireVendorUser];
const plan = (description: string) => jsonContent(remediationPlanSchema, description);

/** The plan as the vendor reads it: without the MSP's advice to the client. */
const forVendor = (shown: RemediationPlan): RemediationPlan => ({ ...shown, recommendation: null });

export function createVendorRemediationRoutes(plans: RemediationService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal/remediation-plans',
        tags,
        summary: 'The MSP’s remediation plans about your vendor, open ones first',
        middleware,
        responses: {
          200: jsonContent(z.object({ items: z.array(remediationPlanSchema) }), 'Plans'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: (await plans.list(scopeOf(c), { state: 'all' })).map(forVendor) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal/remediation-plans/{id}',
        tags,
        summary: 'A remediation plan about your vendor',
        middleware,
        request: { params: idParamSchema },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) => c.json(forVendor(await plans.get(scopeOf(c), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendor-portal/remediation-plans/{id}/response',
        tags,
        summary: 'Answer the plan with items: each issue, what you will do, who owns it and by when; once',
        middleware,
        request: { params: idParamSchema, body: jsonBody(remediationResponseSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) =>
        c.json(forVendor(await plans.respond(actorOf(c), c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/vendor-portal/remediation-items/{id}',
        tags,
        summary: 'Mark one of your items done (or open again), with a note',
        middleware,
        request: { params: idParamSchema, body: jsonBody(remediationItemUpdateSchema) },
        responses: { 200: plan('The plan'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          forVendor(await plans.updateItem(actorOf(c), c.req.valid('param').id, c.req.valid('json'))),
          200,
        ),
    );
}
