// HTTP routes for attachments: a ticket's list, and the download (always as an attachment).
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import { attachmentSchema } from '../../../shared/api/inbound-mail.ts';
import { scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonContent, requirePermission } from '../../http/router.ts';
import type { FileService } from './files.service.ts';

const tags = ['Attachments'];

export function createFileRoutes(files: FileService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/tickets/{id}/attachments',
        tags,
        summary: "A ticket's attachments (from mail replies and triage)",
        middleware: [requirePermission('tickets.read')],
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(attachmentSchema) }), 'Attachments'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await files.listForTicket(scopeOf(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/attachments/{id}',
        tags,
        summary:
          'Download an attachment: sent as a download (never inline), active content types as application/octet-stream',
        middleware: [requirePermission('tickets.read')],
        request: { params: idParamSchema },
        responses: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => sendDownload(c, await files.download(scopeOf(c), c.req.valid('param').id)) as never,
    );
}
