// HTTP routes for inbound mail: the mailboxes Accord reads (mail.manage), and received mail with its
// triage actions (mail.triage).
import { createRoute, z } from '@hono/zod-openapi';
import { errorBodySchema, idParamSchema } from '../../../shared/api/common.ts';
import {
  inboundEmailDetailSchema,
  inboundEmailListQuerySchema,
  inboundEmailPageSchema,
  mailboxCheckSchema,
  mailboxInputSchema,
  mailboxPollResultSchema,
  mailboxSchema,
  triageAttachSchema,
  triageCreateTicketSchema,
  triageDismissSchema,
  triageResultSchema,
} from '../../../shared/api/inbound-mail.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { sendDownload } from '../../http/download.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { InboundMailService } from './inbound-mail.service.ts';
import type { MailboxService } from './mailboxes.service.ts';

const mailboxTags = ['Mailboxes'];
const inboundTags = ['Received mail'];
const manage = [requirePermission('mail.manage')];
const triage = [requirePermission('mail.triage')];
const conflict = { 409: jsonContent(errorBodySchema, 'Not in a state that allows this') };
const serverFailed = {
  502: jsonContent(errorBodySchema, 'The IMAP server refused or could not be reached (mailbox.check_failed)'),
};

export function createInboundMailRoutes(mailboxes: MailboxService, inbound: InboundMailService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/mailboxes',
        tags: mailboxTags,
        summary: 'The mailboxes the organization receives mail at',
        middleware: manage,
        responses: {
          200: jsonContent(z.object({ items: z.array(mailboxSchema) }), 'Mailboxes'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await mailboxes.listMailboxes(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/mailboxes',
        tags: mailboxTags,
        summary: 'Add a mailbox: an IMAP mailbox to read, or an address the SMTP listener accepts',
        middleware: manage,
        request: { body: jsonBody(mailboxInputSchema) },
        responses: {
          201: jsonContent(mailboxSchema, 'Created'),
          ...errorResponses,
          409: jsonContent(
            errorBodySchema,
            'Another mailbox receives at that address (mailbox.address_taken)',
          ),
        },
      }),
      async (c) => c.json(await mailboxes.createMailbox(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/mailboxes/{id}',
        tags: mailboxTags,
        summary: 'One mailbox; its secret is never returned',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(mailboxSchema, 'Mailbox'), ...errorResponses },
      }),
      async (c) => c.json(await mailboxes.getMailbox(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/mailboxes/{id}',
        tags: mailboxTags,
        summary: 'Change a mailbox; an omitted secret keeps the stored one',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(mailboxInputSchema) },
        responses: {
          200: jsonContent(mailboxSchema, 'Mailbox'),
          ...errorResponses,
          409: jsonContent(
            errorBodySchema,
            'Another mailbox receives at that address (mailbox.address_taken)',
          ),
        },
      }),
      async (c) =>
        c.json(await mailboxes.updateMailbox(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/mailboxes/{id}',
        tags: mailboxTags,
        summary: 'Remove a mailbox; the mail it received stays in the log',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 204: { description: 'Removed' }, ...errorResponses },
      }),
      async (c) => {
        await mailboxes.deleteMailbox(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/mailboxes/{id}/test',
        tags: mailboxTags,
        summary: 'Sign in to the IMAP server and open the folder; 502 carries what the server answered',
        middleware: manage,
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(mailboxCheckSchema, 'Connected'),
          ...errorResponses,
          ...conflict,
          ...serverFailed,
        },
      }),
      async (c) => c.json(await mailboxes.checkMailbox(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/mailboxes/{id}/poll',
        tags: mailboxTags,
        summary: 'Read the mailbox now (the poll job does so every minute)',
        middleware: manage,
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(mailboxPollResultSchema, 'Read'),
          ...errorResponses,
          ...conflict,
          ...serverFailed,
        },
      }),
      async (c) => c.json(await mailboxes.pollMailbox(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/inbound-emails',
        tags: inboundTags,
        summary: 'Received mail, newest first: the open triage list (view=triage) or everything (view=all)',
        middleware: triage,
        request: { query: inboundEmailListQuerySchema },
        responses: { 200: jsonContent(inboundEmailPageSchema, 'Received mail'), ...errorResponses },
      }),
      async (c) => c.json(await inbound.listInbound(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/inbound-emails/{id}',
        tags: inboundTags,
        summary: 'One received mail: its text (never HTML), attachments and what became of it',
        middleware: triage,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(inboundEmailDetailSchema, 'Received mail'), ...errorResponses },
      }),
      async (c) => c.json(await inbound.getInbound(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/inbound-emails/{id}/raw',
        tags: inboundTags,
        summary: 'The message as received, as a .eml download',
        middleware: triage,
        request: { params: idParamSchema },
        responses: {
          200: { description: 'The message', content: { 'message/rfc822': { schema: z.any() } } },
          ...errorResponses,
        },
      }),
      async (c) => sendDownload(c, await inbound.rawMessage(scopeOf(c), c.req.valid('param').id)) as never,
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/inbound-emails/{id}/create-ticket',
        tags: inboundTags,
        summary: 'Open a ticket from a mail in triage, for a client you choose',
        middleware: triage,
        request: { params: idParamSchema, body: jsonBody(triageCreateTicketSchema) },
        responses: { 200: jsonContent(triageResultSchema, 'Placed'), ...errorResponses, ...conflict },
      }),
      async (c) =>
        c.json(await inbound.createTicket(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/inbound-emails/{id}/attach',
        tags: inboundTags,
        summary: "Add a mail in triage to a ticket as the sender's public reply",
        middleware: triage,
        request: { params: idParamSchema, body: jsonBody(triageAttachSchema) },
        responses: { 200: jsonContent(triageResultSchema, 'Placed'), ...errorResponses, ...conflict },
      }),
      async (c) =>
        c.json(await inbound.attachToTicket(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/inbound-emails/{id}/dismiss',
        tags: inboundTags,
        summary: 'Dismiss a mail in triage (spam, noise), or every open one from its sender',
        middleware: triage,
        request: { params: idParamSchema, body: jsonBody(triageDismissSchema) },
        responses: { 200: jsonContent(triageResultSchema, 'Dismissed'), ...errorResponses, ...conflict },
      }),
      async (c) =>
        c.json(await inbound.dismiss(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    );
}
