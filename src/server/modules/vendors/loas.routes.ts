// HTTP routes for Letters of Agency: parse, call the service, shape the answer. The signed copy arrives
// as multipart/form-data; files go out only as downloads.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  LOA_FILE_MAX_BYTES,
  loaInputSchema,
  loaListQuerySchema,
  loaSchema,
  loaSendSchema,
  loaSignedFieldsSchema,
  loaUpdateSchema,
  reasonSchema,
} from '../../../shared/api/vendor-terms.ts';
import { AppError } from '../../http/app-error.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import {
  createRouter,
  errorResponses,
  formatIssues,
  jsonBody,
  jsonContent,
  requirePermission,
} from '../../http/router.ts';
import type { LoaService } from './loas.service.ts';

const tags = ['Letters of Agency'];
const read = [requirePermission('vendors.read')];
const manage = [requirePermission('vendors.manage')];
const pdf = {
  200: { description: 'The file', content: { 'application/pdf': { schema: z.any() } } },
} as const;

/** Where the signed copy is uploaded: the one API route with a body larger than the usual limit. */
export const LOA_UPLOAD_PATH = /^\/api\/v1\/loas\/[^/]+\/signed$/;
/** The largest signed copy and room for the form around it. */
export const LOA_UPLOAD_MAX_BODY_BYTES = LOA_FILE_MAX_BYTES + 64 * 1024;

const signedFormSchema = z.object({
  file: z.any().optional().openapi({
    type: 'string',
    format: 'binary',
    description: 'The signed copy: PDF, PNG or JPEG, ≤ 10 MiB',
  }),
  signerName: z.string(),
  signerTitle: z.string().optional(),
  signedOn: z.string().openapi({ format: 'date' }),
  expiresOn: z.string().openapi({ format: 'date' }),
});

export function createLoaRoutes(loas: LoaService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/loas',
        tags,
        summary: 'List Letters of Agency, newest first',
        description:
          'status=expired finds signed letters past their end date; status=signed those still in force.',
        middleware: read,
        request: { query: loaListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(loaSchema) }), 'Letters'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await loas.list(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/engagements/{id}/loas',
        tags,
        summary: 'Draft a Letter of Agency for an engagement (the scope defaults to the standard wording)',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(loaInputSchema) },
        responses: { 201: jsonContent(loaSchema, 'The draft'), ...errorResponses },
      }),
      async (c) => c.json(await loas.create(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/loas/{id}',
        tags,
        summary: 'Get a Letter of Agency',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(loaSchema, 'The letter'), ...errorResponses },
      }),
      async (c) => c.json(await loas.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/loas/{id}',
        tags,
        summary: 'Change a draft or a letter out for signature',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(loaUpdateSchema) },
        responses: { 200: jsonContent(loaSchema, 'The letter'), ...errorResponses },
      }),
      async (c) => c.json(await loas.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/loas/{id}/send',
        tags,
        summary: 'Record that the letter went to the client for signature',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(loaSendSchema) },
        responses: { 200: jsonContent(loaSchema, 'The letter'), ...errorResponses },
      }),
      async (c) =>
        c.json(await loas.send(actorOf(c), c.req.valid('param').id, c.req.valid('json').sentTo), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/loas/{id}/signed',
        tags,
        summary: 'Upload the signed copy: the letter is in force until expiresOn',
        description:
          'multipart/form-data. The file is checked by its content (PDF, PNG or JPEG) and kept as uploaded.',
        middleware: manage,
        request: {
          params: idParamSchema,
          body: { required: true, content: { 'multipart/form-data': { schema: signedFormSchema } } },
        },
        responses: { 200: jsonContent(loaSchema, 'The signed letter'), ...errorResponses },
      }),
      async (c) => {
        const { file, ...fields } = c.req.valid('form') as Record<string, unknown>;
        const parsed = loaSignedFieldsSchema.safeParse(fields);
        if (!parsed.success) {
          throw new AppError(
            'request.invalid',
            'Check the signer and the dates.',
            formatIssues(parsed.error.issues),
          );
        }
        if (!(file instanceof File)) {
          throw new AppError('loa.file_invalid', 'Attach the signed copy.', [
            { path: ['file'], message: 'Required' },
          ]);
        }
        const copy = { fileName: file.name, content: Buffer.from(await file.arrayBuffer()) };
        return c.json(await loas.sign(actorOf(c), c.req.valid('param').id, parsed.data, copy), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/loas/{id}/revoke',
        tags,
        summary: 'Revoke a letter, with a reason',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(reasonSchema) },
        responses: { 200: jsonContent(loaSchema, 'The letter'), ...errorResponses },
      }),
      async (c) =>
        c.json(await loas.revoke(actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/loas/{id}/letter.pdf',
        tags,
        summary: 'The letter for the client to sign, generated as a PDF',
        middleware: read,
        request: { params: idParamSchema },
        responses: { ...pdf, ...errorResponses },
      }),
      async (c) => {
        const letter = await loas.letter(scopeOf(c), c.req.valid('param').id);
        return sendDownload(c, { ...letter, contentType: 'application/pdf' }) as never;
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/loas/{id}/signed-copy',
        tags,
        summary: 'Download the signed copy (always as an attachment)',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => sendDownload(c, await loas.signedCopy(scopeOf(c), c.req.valid('param').id)) as never,
    );
}
