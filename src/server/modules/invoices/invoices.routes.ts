// HTTP routes for invoices and the organization's billing settings.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  approveCountsInputSchema,
  billingSettingsSchema,
  billingSettingsUpdateSchema,
  invoiceExportQuerySchema,
  invoiceListQuerySchema,
  invoiceRunInputSchema,
  invoiceRunResultSchema,
  invoiceSchema,
  invoiceSummarySchema,
  voidInvoiceInputSchema,
} from '../../../shared/api/invoices.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { InvoiceService } from './invoices.service.ts';

const tags = ['Invoices'];
const read = [requirePermission('invoices.read')];
const manage = [requirePermission('billing.manage')];

const invoiceResponses = { 200: jsonContent(invoiceSchema, 'The invoice'), ...errorResponses };

function action(path: string, summary: string) {
  return createRoute({
    method: 'post',
    path,
    tags,
    summary,
    middleware: manage,
    request: { params: idParamSchema },
    responses: invoiceResponses,
  });
}

export function createInvoiceRoutes(invoices: InvoiceService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/invoices',
        tags,
        summary: 'Invoices of the clients you can see, newest month first; ?period=, ?clientId=, ?status=',
        middleware: read,
        request: { query: invoiceListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(invoiceSummarySchema) }), 'Invoices'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await invoices.list(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/invoices/runs',
        tags,
        summary:
          "Build the month's draft invoices (fees for the month, labour before it) for the named clients or all; each client commits on its own, and a finalized month is left alone",
        middleware: manage,
        request: { body: jsonBody(invoiceRunInputSchema) },
        responses: {
          200: jsonContent(invoiceRunResultSchema, 'What the run did per client'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await invoices.run(actorOf(c), c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/invoices/export',
        tags,
        summary:
          "A month's invoices as CSV: QuickBooks Online or Xero import format (finalized invoices), or plain (drafts too)",
        middleware: read,
        request: { query: invoiceExportQuerySchema },
        responses: {
          200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { period, format } = c.req.valid('query');
        return sendDownload(c, await invoices.exportCsv(scopeOf(c), period, format)) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/invoices/{id}/pdf',
        tags,
        summary: 'The invoice as a PDF, as a download; a draft is marked DRAFT, a void one VOID',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: { description: 'The PDF', content: { 'application/pdf': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => sendDownload(c, await invoices.pdf(scopeOf(c), c.req.valid('param').id)) as never,
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/invoices/{id}',
        tags,
        summary: 'One invoice with its lines, taxes and count changes',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(invoiceSchema, 'The invoice'), ...errorResponses },
      }),
      async (c) => c.json(await invoices.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/invoices/{id}',
        tags,
        summary: 'Delete a draft (a finalized invoice is voided instead)',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      }),
      async (c) => {
        await invoices.deleteDraft(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      action('/invoices/{id}/rebuild', 'Build a draft again from the current agreements and time'),
      async (c) => c.json(await invoices.rebuild(actorOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/invoices/{id}/approve-counts',
        tags,
        summary: 'Approve changed counts as shown on the draft; the draft is rebuilt with them',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(approveCountsInputSchema) },
        responses: invoiceResponses,
      }),
      async (c) =>
        c.json(await invoices.approveCounts(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      action('/invoices/{id}/finalize', 'Finalize a draft: it takes the next number, its time is locked'),
      async (c) => c.json(await invoices.finalize(actorOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/invoices/{id}/void',
        tags,
        summary:
          'Void a finalized invoice with a reason; its number stays used, its time is free to bill again',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(voidInvoiceInputSchema) },
        responses: invoiceResponses,
      }),
      async (c) =>
        c.json(await invoices.void(actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/billing/settings',
        tags,
        summary:
          'Invoice numbering, payment terms, tax-inclusive prices, the export account, the margin threshold',
        middleware: read,
        responses: { 200: jsonContent(billingSettingsSchema, 'Billing settings'), ...errorResponses },
      }),
      async (c) => c.json(await invoices.getSettings(scopeOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/billing/settings',
        tags,
        summary: 'Change billing settings; the next number cannot go back below one already used',
        middleware: manage,
        request: { body: jsonBody(billingSettingsUpdateSchema) },
        responses: { 200: jsonContent(billingSettingsSchema, 'Billing settings'), ...errorResponses },
      }),
      async (c) => c.json(await invoices.updateSettings(actorOf(c), c.req.valid('json')), 200),
    );
}
