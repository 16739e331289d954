// HTTP routes for agreements, work roles and staff members' work roles.
import { createRoute, z } from '@hono/zod-openapi';
import {
  agreementInputSchema,
  agreementListQuerySchema,
  agreementSchema,
  agreementUpdateSchema,
  memberWorkRoleInputSchema,
  memberWorkRoleSchema,
  workRoleInputSchema,
  workRoleSchema,
  workRoleUpdateSchema,
} from '../../../shared/api/agreements.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { AgreementService } from './agreements.service.ts';
import type { WorkRoleService } from './work-roles.service.ts';

const tags = ['Agreements'];
const read = [requirePermission('billing.read')];
const manage = [requirePermission('billing.manage')];
const noContent = { 204: { description: 'Done' } };

export function createAgreementRoutes(agreements: AgreementService, workRoles: WorkRoleService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/agreements',
        tags,
        summary: 'Agreements of the clients you can see, by client and start; ?clientId= and ?status=',
        middleware: read,
        request: { query: agreementListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(agreementSchema) }), 'Agreements'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await agreements.list(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/agreements',
        tags,
        summary: "Add an agreement for a client; its amounts are in the client's currency",
        middleware: manage,
        request: { body: jsonBody(agreementInputSchema) },
        responses: { 201: jsonContent(agreementSchema, 'The new agreement'), ...errorResponses },
      }),
      async (c) => c.json(await agreements.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/agreements/{id}',
        tags,
        summary: 'One agreement with its recurring lines',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(agreementSchema, 'The agreement'), ...errorResponses },
      }),
      async (c) => c.json(await agreements.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/agreements/{id}',
        tags,
        summary: 'Change an agreement (not its client or type); recurringLines, when sent, replace the lines',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(agreementUpdateSchema) },
        responses: { 200: jsonContent(agreementSchema, 'The agreement'), ...errorResponses },
      }),
      async (c) =>
        c.json(await agreements.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/agreements/{id}',
        tags,
        summary: 'Delete an agreement nothing uses yet (409 agreement.in_use otherwise: end it instead)',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { ...noContent, ...errorResponses },
      }),
      async (c) => {
        await agreements.remove(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/work-roles',
        tags,
        summary: 'Work roles (labour roles with their own rates), archived ones included',
        middleware: read,
        responses: {
          200: jsonContent(z.object({ items: z.array(workRoleSchema) }), 'Work roles'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await workRoles.list(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/work-roles',
        tags,
        summary: 'Add a work role; names are unique regardless of case',
        middleware: manage,
        request: { body: jsonBody(workRoleInputSchema) },
        responses: { 201: jsonContent(workRoleSchema, 'The new work role'), ...errorResponses },
      }),
      async (c) => c.json(await workRoles.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/work-roles/{id}',
        tags,
        summary: 'Rename, move, archive or unarchive a work role',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(workRoleUpdateSchema) },
        responses: { 200: jsonContent(workRoleSchema, 'The work role'), ...errorResponses },
      }),
      async (c) =>
        c.json(await workRoles.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/work-roles/assignments',
        tags,
        summary: 'Which work role each staff member logs time as',
        middleware: read,
        responses: {
          200: jsonContent(z.object({ items: z.array(memberWorkRoleSchema) }), 'Assignments'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await workRoles.listAssignments(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/users/{id}/work-role',
        tags,
        summary: "Set a staff member's work role (null removes it); their new time entries carry it",
        middleware: [requirePermission('users.manage')],
        request: { params: idParamSchema, body: jsonBody(memberWorkRoleInputSchema) },
        responses: { ...noContent, ...errorResponses },
      }),
      async (c) => {
        await workRoles.assign(actorOf(c), c.req.valid('param').id, c.req.valid('json').workRoleId);
        return c.body(null, 204);
      },
    );
}
