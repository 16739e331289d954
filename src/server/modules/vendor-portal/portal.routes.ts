// HTTP routes of the vendor portal: only a vendor's person reaches them, and sees only its vendor's things.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  changeRequestListQuerySchema,
  vendorChangeRequestInputSchema,
} from '../../../shared/api/change-requests.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  portalAssetSchema,
  portalAttributedChangeSchema,
  portalChangeRequestSchema,
  portalOverviewSchema,
  portalReplySchema,
  portalRulesSchema,
  portalWithdrawSchema,
} from '../../../shared/api/vendor-portal.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requireVendorUser } from '../../http/router.ts';
import type { VendorPortalService } from './portal.service.ts';

const tags = ['Vendor portal'];
const middleware = [requireVendorUser];
const items = <T extends z.ZodType>(schema: T, description: string) =>
  jsonContent(z.object({ items: z.array(schema) }), description);

export function createVendorPortalRoutes(portal: VendorPortalService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal',
        tags,
        summary: 'The vendor’s engagements, their paperwork, and what needs attention',
        middleware,
        responses: { 200: jsonContent(portalOverviewSchema, 'The overview'), ...errorResponses },
      }),
      async (c) => c.json(await portal.overview(scopeOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal/engagements/{id}/rules',
        tags,
        summary:
          'The rules of engagement in force at the engagement’s client, and the vendor’s acknowledgement',
        middleware,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(portalRulesSchema, 'The rules'), ...errorResponses },
      }),
      async (c) => c.json(await portal.rules(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendor-portal/engagements/{id}/acknowledgement',
        tags,
        summary: 'Acknowledge the rules in force, in your own name',
        description: '409 engagement_rules.none when the MSP has published no rules.',
        middleware,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(portalRulesSchema, 'The rules, acknowledged'), ...errorResponses },
      }),
      async (c) => c.json(await portal.acknowledge(actorOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal/loas/{id}/signed-copy',
        tags,
        summary: 'Download the signed copy of one of your Letters of Agency (always as an attachment)',
        middleware,
        request: { params: idParamSchema },
        responses: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => sendDownload(c, await portal.signedCopy(scopeOf(c), c.req.valid('param').id)) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal/assets',
        tags,
        summary: 'A client’s current assets, to name in a change request',
        middleware,
        request: { query: z.object({ clientId: z.uuid() }) },
        responses: { 200: items(portalAssetSchema, 'Assets'), ...errorResponses },
      }),
      async (c) => c.json({ items: await portal.assets(scopeOf(c), c.req.valid('query').clientId) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal/change-requests',
        tags,
        summary: 'The vendor’s change requests, soonest window first',
        middleware,
        request: { query: changeRequestListQuerySchema.omit({ vendorId: true }) },
        responses: {
          200: jsonContent(
            z.object({ items: z.array(portalChangeRequestSchema), total: z.number().int() }),
            'A page of requests',
          ),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await portal.listRequests(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal/change-requests/{id}',
        tags,
        summary: 'One of the vendor’s change requests',
        middleware,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(portalChangeRequestSchema, 'The request'), ...errorResponses },
      }),
      async (c) => c.json(await portal.getRequest(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendor-portal/change-requests',
        tags,
        summary: 'Ask for a change window at one of your clients (or declare an emergency after the fact)',
        description:
          '422 change_request.rules_not_acknowledged until the rules in force are acknowledged; ' +
          '422 change_request.loa_required where the client’s agreement asks for a signed Letter of Agency.',
        middleware,
        request: { body: jsonBody(vendorChangeRequestInputSchema) },
        responses: { 201: jsonContent(portalChangeRequestSchema, 'The request'), ...errorResponses },
      }),
      async (c) => c.json(await portal.raise(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendor-portal/change-requests/{id}/withdraw',
        tags,
        summary: 'Withdraw a request not yet started (it is cancelled, with your reason)',
        middleware,
        request: { params: idParamSchema, body: jsonBody(portalWithdrawSchema) },
        responses: { 200: jsonContent(portalChangeRequestSchema, 'The request'), ...errorResponses },
      }),
      async (c) => {
        const { reason } = c.req.valid('json');
        return c.json(await portal.withdraw(actorOf(c), c.req.valid('param').id, reason), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-portal/changes',
        tags,
        summary:
          'Changes outside an approved window attributed to the vendor, with the evidence (newest 500)',
        middleware,
        responses: { 200: items(portalAttributedChangeSchema, 'Changes'), ...errorResponses },
      }),
      async (c) => c.json({ items: await portal.attributedChanges(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendor-portal/incidents/{id}/reply',
        tags,
        summary: 'Reply on an incident the vendor’s changes opened; the MSP and the client see it',
        middleware,
        request: { params: idParamSchema, body: jsonBody(portalReplySchema) },
        responses: { 204: { description: 'Replied' }, ...errorResponses },
      }),
      async (c) => {
        await portal.reply(actorOf(c), c.req.valid('param').id, c.req.valid('json').text);
        return c.body(null, 204);
      },
    );
}
