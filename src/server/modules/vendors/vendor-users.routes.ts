// HTTP routes for the vendor's people in the vendor portal: staff list, invite and deactivate them.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParamSchema, oneTimeLinkSchema } from '../../../shared/api/common.ts';
import {
  vendorUserCreatedSchema,
  vendorUserInputSchema,
  vendorUserSchema,
  vendorUserUpdateSchema,
} from '../../../shared/api/vendor-portal.ts';
import { actorOf, originOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { VendorUserService } from './vendor-users.service.ts';

const tags = ['Vendors'];
const manage = [requirePermission('vendors.manage')];

export function createVendorUserRoutes(users: VendorUserService, options: { publicUrl?: string } = {}) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendors/{id}/users',
        tags,
        summary: 'The vendor’s people who sign in to the vendor portal',
        middleware: [requirePermission('vendors.read')],
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(vendorUserSchema) }), 'Vendor users'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await users.list(scopeOf(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendors/{id}/users',
        tags,
        summary: 'Invite one of the vendor’s people to the vendor portal',
        description:
          'The invitation is mailed, and its link answered once: someone new sets a password through it. ' +
          'Someone who already has an Accord password gets no link (invitation is null): they sign in with it. ' +
          '409 user.email_taken when the email is a member of your organization already.',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(vendorUserInputSchema) },
        responses: { 201: jsonContent(vendorUserCreatedSchema, 'The vendor user'), ...errorResponses },
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
        path: '/vendor-users/{id}',
        tags,
        summary: 'Deactivate a vendor user (signed out at once), or reactivate them',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(vendorUserUpdateSchema) },
        responses: { 200: jsonContent(vendorUserSchema, 'The vendor user'), ...errorResponses },
      }),
      async (c) => c.json(await users.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendor-users/{id}/invitation',
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
