// HTTP routes for credit notes: issued against a finalized invoice, listed, printed and exported.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  creditNoteExportQuerySchema,
  creditNoteInputSchema,
  creditNoteListQuerySchema,
  creditNoteSchema,
  creditNoteSummarySchema,
} from '../../../shared/api/credit-notes.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { CreditNoteService } from './credit-notes.service.ts';

const tags = ['Invoices'];
const read = [requirePermission('invoices.read')];

export function createCreditNoteRoutes(creditNotes: CreditNoteService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/invoices/{id}/credit-notes',
        tags,
        summary:
          "Credit a finalized invoice's lines (each at most what is left of it, with its tax code); takes the next credit note number",
        middleware: [requirePermission('billing.manage')],
        request: { params: idParamSchema, body: jsonBody(creditNoteInputSchema) },
        responses: { 201: jsonContent(creditNoteSchema, 'The credit note'), ...errorResponses },
      }),
      async (c) =>
        c.json(await creditNotes.issue(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/credit-notes',
        tags,
        summary:
          'Credit notes of the clients you can see, newest first; ?period= (issued in), ?invoiceId=, ?clientId=',
        middleware: read,
        request: { query: creditNoteListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(creditNoteSummarySchema) }), 'Credit notes'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await creditNotes.list(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/credit-notes/export',
        tags,
        summary: "A month's credit notes as CSV: Xero's credit note import format, or plain",
        middleware: read,
        request: { query: creditNoteExportQuerySchema },
        responses: {
          200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { period, format } = c.req.valid('query');
        return sendDownload(c, await creditNotes.exportCsv(scopeOf(c), period, format)) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/credit-notes/{id}/pdf',
        tags,
        summary: 'The credit note as a PDF, as a download',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: { description: 'The PDF', content: { 'application/pdf': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => sendDownload(c, await creditNotes.pdf(scopeOf(c), c.req.valid('param').id)) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/credit-notes/{id}',
        tags,
        summary: 'One credit note with its lines and taxes',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(creditNoteSchema, 'The credit note'), ...errorResponses },
      }),
      async (c) => c.json(await creditNotes.get(scopeOf(c), c.req.valid('param').id), 200),
    );
}
