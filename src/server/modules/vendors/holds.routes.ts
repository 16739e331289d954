// HTTP routes for coverage holds: place one, list, lift with a reason, and the letter as a PDF.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  coverageHoldInputSchema,
  coverageHoldListQuerySchema,
  coverageHoldSchema,
  reasonSchema,
} from '../../../shared/api/vendor-terms.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { HoldService } from './holds.service.ts';

const tags = ['Coverage holds'];
const read = [requirePermission('vendors.read')];
const manage = [requirePermission('vendors.manage')];

export function createHoldRoutes(holds: HoldService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/coverage-holds',
        tags,
        summary: 'List coverage holds, newest first, with how far each has come towards lifting',
        middleware: read,
        request: { query: coverageHoldListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(coverageHoldSchema) }), 'Holds'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await holds.list(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/coverage-holds',
        tags,
        summary: 'Take an asset off managed service because of a vendor',
        description:
          'While the hold lasts, time on tickets naming the asset is billable and cites the hold. It lifts ' +
          'itself when all its conditions are met (checked hourly), or by hand with a reason.',
        middleware: manage,
        request: { body: jsonBody(coverageHoldInputSchema) },
        responses: { 201: jsonContent(coverageHoldSchema, 'The hold'), ...errorResponses },
      }),
      async (c) => c.json(await holds.place(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/coverage-holds/{id}',
        tags,
        summary: 'Get a coverage hold',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(coverageHoldSchema, 'The hold'), ...errorResponses },
      }),
      async (c) => c.json(await holds.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/coverage-holds/{id}/lift',
        tags,
        summary: 'Lift a hold by hand, with a reason',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(reasonSchema) },
        responses: { 200: jsonContent(coverageHoldSchema, 'The hold'), ...errorResponses },
      }),
      async (c) =>
        c.json(await holds.lift(actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/coverage-holds/{id}/letter.pdf',
        tags,
        summary: 'The letter telling the client about the hold (PDF)',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: { description: 'The letter', content: { 'application/pdf': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        const letter = await holds.letter(scopeOf(c), c.req.valid('param').id);
        return sendDownload(c, { ...letter, contentType: 'application/pdf' }) as never;
      },
    );
}
