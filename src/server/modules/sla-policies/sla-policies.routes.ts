// HTTP routes for SLA policies.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import { slaPolicyInputSchema, slaPolicySchema, slaTargetsSchema } from '../../../shared/api/sla-policies.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { SlaPolicyService } from './sla-policies.service.ts';

const tags = ['SLA policies'];
const read = [requirePermission('calendars.read')];
const manage = [requirePermission('calendars.manage')];

const versionSchema = z.object({
  id: z.uuid(),
  policyId: z.uuid(),
  version: z.number().int(),
  calendarId: z.uuid(),
  targets: slaTargetsSchema,
  createdAt: z.iso.datetime(),
});

export function createSlaPolicyRoutes(policies: SlaPolicyService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/sla-policies',
        tags,
        summary: 'List SLA policies (current versions)',
        middleware: read,
        responses: {
          200: jsonContent(z.object({ items: z.array(slaPolicySchema) }), 'SLA policies'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await policies.list(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/sla-policies',
        tags,
        summary:
          'Create an SLA policy: per priority, first-response and resolution targets in business minutes',
        middleware: manage,
        request: { body: jsonBody(slaPolicyInputSchema) },
        responses: { 201: jsonContent(slaPolicySchema, 'The policy, version 1'), ...errorResponses },
      }),
      async (c) => c.json(await policies.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/sla-policies/{id}',
        tags,
        summary: 'Get an SLA policy (current version)',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(slaPolicySchema, 'The policy'), ...errorResponses },
      }),
      async (c) => c.json(await policies.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/sla-policies/{id}',
        tags,
        summary: 'Replace an SLA policy; changed targets become a new version, past figures keep theirs',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(slaPolicyInputSchema) },
        responses: { 200: jsonContent(slaPolicySchema, 'The policy'), ...errorResponses },
      }),
      async (c) =>
        c.json(await policies.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/sla-policies/{id}/versions',
        tags,
        summary: 'Every version of an SLA policy, newest first',
        middleware: read,
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(versionSchema) }), 'Versions'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await policies.versions(scopeOf(c), c.req.valid('param').id) }, 200),
    );
}
