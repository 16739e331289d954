// HTTP routes for the client's approval of a vendor's change request: staff record the client's decision
// or make a one-time link for it; the two routes behind a link need no sign-in (the token is the credential).
import { createRoute } from '@hono/zod-openapi';
import {
  changeRequestSchema,
  clientDecisionSchema,
  publicChangeRequestSchema,
  publicClientDecisionSchema,
} from '../../../shared/api/change-requests.ts';
import { idParamSchema, oneTimeLinkSchema, tokenParamSchema } from '../../../shared/api/common.ts';
import { actorOf, originOf, requestMetaOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { ClientApprovalService } from './client-approval.service.ts';

const tags = ['Change requests'];
const decide = [requirePermission('changes.approve')];

/** The web page a client opens to approve or reject a vendor's change. */
export const approvalUrl = (origin: string, token: string) => `${origin}/approve-change/${token}`;

export function createClientApprovalRoutes(
  approvals: ClientApprovalService,
  options: { publicUrl?: string } = {},
) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/change-requests/{id}/client-decision',
        tags,
        summary: 'Record the client’s decision on a vendor’s change, given by phone or mail',
        description:
          'Only while the client’s agreement asks it to approve and it has not decided. Approving after ' +
          'the MSP has approved approves the request; rejecting rejects it (reason required).',
        middleware: decide,
        request: { params: idParamSchema, body: jsonBody(clientDecisionSchema) },
        responses: { 200: jsonContent(changeRequestSchema, 'The request'), ...errorResponses },
      }),
      async (c) =>
        c.json(await approvals.decide(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/change-requests/{id}/approval-links',
        tags,
        summary: 'A one-time link for the client to approve or reject without an account (shown once)',
        middleware: decide,
        request: { params: idParamSchema },
        responses: { 201: jsonContent(oneTimeLinkSchema, 'The link'), ...errorResponses },
      }),
      async (c) => {
        const { token, expiresAt } = await approvals.createLink(actorOf(c), c.req.valid('param').id);
        return c.json({ url: approvalUrl(originOf(c, options.publicUrl), token), expiresAt }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/public/change-approvals/{token}',
        tags,
        summary: 'Behind a client link: the change to decide (no sign-in)',
        request: { params: tokenParamSchema },
        responses: { 200: jsonContent(publicChangeRequestSchema, 'The change'), ...errorResponses },
      }),
      async (c) => c.json(await approvals.publicView(c.req.valid('param').token), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/public/change-approvals/{token}',
        tags,
        summary: 'Behind a client link: approve or reject the change (once; the link is spent)',
        request: { params: tokenParamSchema, body: jsonBody(publicClientDecisionSchema) },
        responses: { 204: { description: 'Decided' }, ...errorResponses },
      }),
      async (c) => {
        await approvals.decideByLink(c.req.valid('param').token, c.req.valid('json'), requestMetaOf(c));
        return c.body(null, 204);
      },
    );
}
