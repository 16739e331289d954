// HTTP routes for vendor notices: give one, list, withdraw with a reason, and the letter as a PDF.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  reasonSchema,
  vendorNoticeInputSchema,
  vendorNoticeListQuerySchema,
  vendorNoticeSchema,
} from '../../../shared/api/vendor-terms.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { NoticeService } from './notices.service.ts';

const tags = ['Vendor notices'];
const read = [requirePermission('vendors.read')];
const manage = [requirePermission('vendors.manage')];

export function createNoticeRoutes(notices: NoticeService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-notices',
        tags,
        summary: 'List vendor notices, newest first',
        middleware: read,
        request: { query: vendorNoticeListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(vendorNoticeSchema) }), 'Notices'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await notices.list(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendor-notices',
        tags,
        summary: "Give a client notice about a vendor's changes",
        description:
          "From now on, under an agreement whose vendor clause is graduated, time on the client's tickets " +
          'attributed to this vendor with the cause vendor-caused is billable. Time already worked is not.',
        middleware: manage,
        request: { body: jsonBody(vendorNoticeInputSchema) },
        responses: { 201: jsonContent(vendorNoticeSchema, 'The notice'), ...errorResponses },
      }),
      async (c) => c.json(await notices.give(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-notices/{id}',
        tags,
        summary: 'Get a vendor notice',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(vendorNoticeSchema, 'The notice'), ...errorResponses },
      }),
      async (c) => c.json(await notices.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendor-notices/{id}/withdraw',
        tags,
        summary: 'Withdraw a notice given by mistake, with a reason',
        description:
          'It then counts for no work not yet invoiced: under a graduated clause that work is absorbed again, ' +
          'unless another notice about the vendor stands.',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(reasonSchema) },
        responses: { 200: jsonContent(vendorNoticeSchema, 'The notice'), ...errorResponses },
      }),
      async (c) =>
        c.json(await notices.withdraw(actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendor-notices/{id}/letter.pdf',
        tags,
        summary: 'The notice as a letter to the client (PDF)',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: { description: 'The letter', content: { 'application/pdf': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        const letter = await notices.letter(scopeOf(c), c.req.valid('param').id);
        return sendDownload(c, { ...letter, contentType: 'application/pdf' }) as never;
      },
    );
}
