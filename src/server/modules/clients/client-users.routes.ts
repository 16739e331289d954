// HTTP routes for a client's people in the client portal: staff list, invite, change and deactivate them.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  clientUserCreatedSchema,
  clientUserInputSchema,
  clientUserSchema,
  clientUserUpdateSchema,
} from '../../../shared/api/client-portal.ts';
import { idParamSchema, oneTimeLinkSchema } from '../../../shared/api/common.ts';
import { actorOf, originOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { ClientUserService } from './client-users.service.ts';

const tags = ['Clients'];
const manage = [requirePermission('clients.manage')];

export function createClientUserRoutes(users: ClientUserService, options: { publicUrl?: string } = {}) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/clients/{id}/portal-users',
        tags,
        summary: 'The client’s people who sign in to the client portal',
        middleware: [requirePermission('clients.read')],
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(clientUserSchema) }), 'Portal users'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await users.list(scopeOf(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/clients/{id}/portal-users',
        tags,
        summary: 'Invite one of the client’s contacts to the client portal',
        description:
          'The contact signs in with its email; the invitation is mailed, and its link answered once. Someone ' +
          'who already has an Accord password gets no link (invitation is null). ' +
          '422 client_user.contact_email_required when the contact has no email; 409 client_user.exists when ' +
          'the contact has a portal user; 409 user.email_taken when the email is a member already.',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(clientUserInputSchema) },
        responses: { 201: jsonContent(clientUserCreatedSchema, 'The portal user'), ...errorResponses },
      }),
      async (c) => {
        const origin = originOf(c, options.publicUrl);
        const { id } = c.req.valid('param');
        return c.json(await users.create(actorOf(c), id, c.req.valid('json'), origin), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/client-users/{id}',
        tags,
        summary: 'Change a portal user’s role, or deactivate them (signed out at once) or reactivate them',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(clientUserUpdateSchema) },
        responses: { 200: jsonContent(clientUserSchema, 'The portal user'), ...errorResponses },
      }),
      async (c) => c.json(await users.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/client-users/{id}/invitation',
        tags,
        summary: 'A new invitation link for someone who has not set a password yet (shown once)',
        description: 'The earlier link stops working. 409 invitation.not_needed once they have a password.',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 201: jsonContent(oneTimeLinkSchema, 'The link'), ...errorResponses },
      }),
      async (c) => {
        const origin = originOf(c, options.publicUrl);
        return c.json(await users.reinvite(actorOf(c), c.req.valid('param').id, origin), 201);
      },
    );
}
