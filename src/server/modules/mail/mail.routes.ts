// HTTP routes for the organization's outgoing mail (mail.manage): SMTP settings and the test mail,
// email templates with a preview, and the outbound log with retry.
import { createRoute, z } from '@hono/zod-openapi';
import { errorBodySchema, idParamSchema } from '../../../shared/api/common.ts';
import {
  emailPreviewSchema,
  emailTemplateInputSchema,
  emailTemplateSchema,
  mailSettingsInputSchema,
  mailSettingsViewSchema,
  mailTestResultSchema,
  outboundEmailListQuerySchema,
  outboundEmailPageSchema,
  outboundEmailSchema,
  templateKeyParamSchema,
} from '../../../shared/api/mail.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { MailService } from './mail.service.ts';

const tags = ['Mail'];
const manage = [requirePermission('mail.manage')];

export function createMailRoutes(mail: MailService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/settings/mail',
        tags,
        summary: "The organization's SMTP server (null when mail is off); secrets are never returned",
        middleware: manage,
        responses: { 200: jsonContent(mailSettingsViewSchema, 'Mail settings'), ...errorResponses },
      }),
      async (c) => c.json(await mail.getSettings(scopeOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/settings/mail',
        tags,
        summary:
          "Set the SMTP server: 'none' security only on loopback; the secret is write-only and kept when omitted",
        middleware: manage,
        request: { body: jsonBody(mailSettingsInputSchema) },
        responses: { 200: jsonContent(mailSettingsViewSchema, 'Mail settings'), ...errorResponses },
      }),
      async (c) => c.json(await mail.saveSettings(actorOf(c), c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/settings/mail',
        tags,
        summary: 'Turn mail off (queued messages stay queued and fail with "not set up")',
        middleware: manage,
        responses: { 204: { description: 'Done' }, ...errorResponses },
      }),
      async (c) => {
        await mail.deleteSettings(actorOf(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/settings/mail/test',
        tags,
        summary: "Send a test mail to your own address now; 502 mail.send_failed carries the server's answer",
        middleware: manage,
        responses: {
          200: jsonContent(mailTestResultSchema, 'Sent'),
          ...errorResponses,
          409: jsonContent(errorBodySchema, 'Mail is not set up (mail.not_configured)'),
          502: jsonContent(errorBodySchema, 'The server refused or could not be reached (mail.send_failed)'),
        },
      }),
      async (c) => c.json(await mail.sendTestMail(actorOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/email-templates',
        tags,
        summary: 'Every email template, edited or the shipped default, with the placeholders it may use',
        middleware: manage,
        responses: {
          200: jsonContent(z.object({ items: z.array(emailTemplateSchema) }), 'Templates'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await mail.listTemplates(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/email-templates/{key}',
        tags,
        summary: 'One email template',
        middleware: manage,
        request: { params: templateKeyParamSchema },
        responses: { 200: jsonContent(emailTemplateSchema, 'The template'), ...errorResponses },
      }),
      async (c) => c.json(await mail.getTemplate(scopeOf(c), c.req.valid('param').key), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/email-templates/{key}',
        tags,
        summary: 'Save an edited template; an unknown placeholder is 422 email_template.invalid',
        middleware: manage,
        request: { params: templateKeyParamSchema, body: jsonBody(emailTemplateInputSchema) },
        responses: { 200: jsonContent(emailTemplateSchema, 'The template'), ...errorResponses },
      }),
      async (c) =>
        c.json(await mail.saveTemplate(actorOf(c), c.req.valid('param').key, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/email-templates/{key}',
        tags,
        summary: 'Go back to the shipped default',
        middleware: manage,
        request: { params: templateKeyParamSchema },
        responses: { 200: jsonContent(emailTemplateSchema, 'The default template'), ...errorResponses },
      }),
      async (c) => c.json(await mail.resetTemplate(actorOf(c), c.req.valid('param').key), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/email-templates/{key}/preview',
        tags,
        summary: 'Render a draft of the template with sample data (values HTML-escaped in the HTML part)',
        middleware: manage,
        request: { params: templateKeyParamSchema, body: jsonBody(emailTemplateInputSchema) },
        responses: { 200: jsonContent(emailPreviewSchema, 'The rendered draft'), ...errorResponses },
      }),
      async (c) =>
        c.json(await mail.previewTemplate(scopeOf(c), c.req.valid('param').key, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/outbound-emails',
        tags,
        summary: 'Every message queued, sent or failed, newest first; filter by status, recipient, ticket',
        middleware: manage,
        request: { query: outboundEmailListQuerySchema },
        responses: { 200: jsonContent(outboundEmailPageSchema, 'A page of the log'), ...errorResponses },
      }),
      async (c) => c.json(await mail.listOutbound(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/outbound-emails/{id}/retry',
        tags,
        summary: 'Queue a failed message again, with a fresh retry schedule',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(outboundEmailSchema, 'The queued message'), ...errorResponses },
      }),
      async (c) => c.json(await mail.retry(actorOf(c), c.req.valid('param').id), 200),
    );
}
