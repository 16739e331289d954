// HTTP routes for a vendor's reply to an attribution: staff make a one-time link for a vendor incident;
// the two routes behind the link need no sign-in (the token is the credential).
import { createRoute } from '@hono/zod-openapi';
import { idParamSchema, oneTimeLinkSchema, tokenParamSchema } from '../../../shared/api/common.ts';
import { publicAttributionSchema, vendorReplyInputSchema } from '../../../shared/api/vendor-replies.ts';
import { actorOf, originOf, requestMetaOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { VendorReplyService } from './vendor-replies.service.ts';

const tags = ['Detected changes'];

/** The web page a vendor opens to read the attribution and reply. */
export const vendorReplyUrl = (origin: string, token: string) => `${origin}/vendor-reply/${token}`;

export function createVendorReplyRoutes(replies: VendorReplyService, options: { publicUrl?: string } = {}) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/tickets/{id}/vendor-reply-links',
        tags,
        summary: 'A one-time link for the vendor to reply to its incident without an account (shown once)',
        description: '409 ticket.not_vendor_incident for a ticket with no vendor.',
        middleware: [requirePermission('vendors.manage')],
        request: { params: idParamSchema },
        responses: { 201: jsonContent(oneTimeLinkSchema, 'The link'), ...errorResponses },
      }),
      async (c) => {
        const { token, expiresAt } = await replies.createLink(actorOf(c), c.req.valid('param').id);
        return c.json({ url: vendorReplyUrl(originOf(c, options.publicUrl), token), expiresAt }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/public/vendor-replies/{token}',
        tags,
        summary: 'Behind a vendor link: the changes tied to the vendor and the evidence (no sign-in)',
        request: { params: tokenParamSchema },
        responses: { 200: jsonContent(publicAttributionSchema, 'The attribution'), ...errorResponses },
      }),
      async (c) => c.json(await replies.publicView(c.req.valid('param').token), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/public/vendor-replies/{token}',
        tags,
        summary: 'Behind a vendor link: reply, on the incident for the MSP and the client (once)',
        request: { params: tokenParamSchema, body: jsonBody(vendorReplyInputSchema) },
        responses: { 204: { description: 'Replied' }, ...errorResponses },
      }),
      async (c) => {
        await replies.reply(c.req.valid('param').token, c.req.valid('json'), requestMetaOf(c));
        return c.body(null, 204);
      },
    );
}
