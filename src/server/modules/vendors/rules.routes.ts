// HTTP routes for the rules of engagement: the MSP's versions, a client's addendum, where an engagement
// stands, acknowledgements recorded by staff, one-time links — and the two routes behind a link, which
// need no sign-in because the token is the credential.
import { createRoute } from '@hono/zod-openapi';
import { idParamSchema, oneTimeLinkSchema, tokenParamSchema } from '../../../shared/api/common.ts';
import {
  acknowledgementInputSchema,
  engagementRulesSchema,
  publicAcknowledgeSchema,
  publicRulesSchema,
  rulesHistorySchema,
  rulesInputSchema,
  rulesVersionSchema,
} from '../../../shared/api/vendor-terms.ts';
import { actorOf, originOf, requestMetaOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { RulesService } from './rules.service.ts';

const tags = ['Rules of engagement'];
const read = [requirePermission('vendors.read')];
const manage = [requirePermission('vendors.manage')];

/** The web page a vendor opens to read and acknowledge the rules. */
export const acknowledgementUrl = (origin: string, token: string) => `${origin}/acknowledge/${token}`;

export function createRulesRoutes(rules: RulesService, options: { publicUrl?: string } = {}) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/engagement-rules',
        tags,
        summary: "The MSP's rules of engagement: the version in force and every earlier one",
        middleware: read,
        responses: { 200: jsonContent(rulesHistorySchema, 'The versions'), ...errorResponses },
      }),
      async (c) => c.json(await rules.history(scopeOf(c), null), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/engagement-rules',
        tags,
        summary: 'Publish a new version: every vendor must acknowledge it before new change requests',
        middleware: manage,
        request: { body: jsonBody(rulesInputSchema) },
        responses: { 201: jsonContent(rulesVersionSchema, 'The new version'), ...errorResponses },
      }),
      async (c) => c.json(await rules.publish(actorOf(c), null, c.req.valid('json').text), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/clients/{id}/engagement-rules',
        tags,
        summary: "A client's addendum to the rules: the version in force and every earlier one",
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(rulesHistorySchema, 'The versions'), ...errorResponses },
      }),
      async (c) => c.json(await rules.history(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/clients/{id}/engagement-rules',
        tags,
        summary: "Publish a new version of a client's addendum (empty text withdraws it)",
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(rulesInputSchema) },
        responses: { 201: jsonContent(rulesVersionSchema, 'The new version'), ...errorResponses },
      }),
      async (c) =>
        c.json(await rules.publish(actorOf(c), c.req.valid('param').id, c.req.valid('json').text), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/engagements/{id}/rules',
        tags,
        summary: 'Where an engagement stands with the rules in force, with its acknowledgements',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(engagementRulesSchema, 'The standing'), ...errorResponses },
      }),
      async (c) => c.json(await rules.standing(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/engagements/{id}/acknowledgements',
        tags,
        summary: 'Record that the vendor acknowledged the rules in force (by mail, on the phone)',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(acknowledgementInputSchema) },
        responses: { 201: jsonContent(engagementRulesSchema, 'The standing'), ...errorResponses },
      }),
      async (c) =>
        c.json(await rules.acknowledge(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/engagements/{id}/acknowledgement-links',
        tags,
        summary: 'A one-time link for the vendor to acknowledge the rules without an account (shown once)',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 201: jsonContent(oneTimeLinkSchema, 'The link'), ...errorResponses },
      }),
      async (c) => {
        const { token, expiresAt } = await rules.createLink(actorOf(c), c.req.valid('param').id);
        return c.json({ url: acknowledgementUrl(originOf(c, options.publicUrl), token), expiresAt }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/public/acknowledgements/{token}',
        tags,
        summary: 'Behind a vendor link: the rules to acknowledge (no sign-in)',
        request: { params: tokenParamSchema },
        responses: { 200: jsonContent(publicRulesSchema, 'The rules'), ...errorResponses },
      }),
      async (c) => c.json(await rules.publicView(c.req.valid('param').token), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/public/acknowledgements/{token}',
        tags,
        summary: 'Behind a vendor link: acknowledge the rules (once; the link is spent)',
        request: { params: tokenParamSchema, body: jsonBody(publicAcknowledgeSchema) },
        responses: { 204: { description: 'Acknowledged' }, ...errorResponses },
      }),
      async (c) => {
        const { name, email } = c.req.valid('json');
        await rules.acknowledgeByLink(c.req.valid('param').token, { name, email }, requestMetaOf(c));
        return c.body(null, 204);
      },
    );
}
