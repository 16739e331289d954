// HTTP routes behind an invitation link: no sign-in (the token is the credential).
import { createRoute } from '@hono/zod-openapi';
import { tokenParamSchema } from '../../../shared/api/common.ts';
import { acceptInvitationSchema, publicInvitationSchema } from '../../../shared/api/vendor-portal.ts';
import { requestMetaOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent } from '../../http/router.ts';
import type { InvitationService } from './invitations.service.ts';

const tags = ['Authentication'];

export function createInvitationRoutes(invitations: InvitationService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/public/invitations/{token}',
        tags,
        summary: 'Behind an invitation link: who invites whom (no sign-in)',
        description: '404 invitation.not_found for a used, expired or unknown link alike.',
        request: { params: tokenParamSchema },
        responses: { 200: jsonContent(publicInvitationSchema, 'The invitation'), ...errorResponses },
      }),
      async (c) => c.json(await invitations.publicView(c.req.valid('param').token), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/public/invitations/{token}',
        tags,
        summary: 'Behind an invitation link: set your password (once); then sign in as usual',
        request: { params: tokenParamSchema, body: jsonBody(acceptInvitationSchema) },
        responses: { 204: { description: 'Password set' }, ...errorResponses },
      }),
      async (c) => {
        await invitations.accept(c.req.valid('param').token, c.req.valid('json'), requestMetaOf(c));
        return c.body(null, 204);
      },
    );
}
