// Staff routes under /api/v1: enrollment tokens (shown once, with the install command) and agents.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  agentSchema,
  createdEnrollmentTokenSchema,
  enrollmentTokenInputSchema,
  enrollmentTokenSchema,
} from '../../../shared/api/agents.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import type { AppEnv } from '../../http/context.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { AgentService } from './agents.service.ts';

const tags = ['Agents'];
const manage = [requirePermission('agents.manage')];

/** What to run on the machine; the token and an origin need no shell quoting. */
export function installCommand(serverUrl: string, token: string): string {
  return `accord agent enroll --server ${serverUrl} --token ${token}`;
}

export function createAgentStaffRoutes(agents: AgentService, options: { publicUrl?: string } = {}) {
  // PUBLIC_URL when set: behind a proxy the request's own origin may not be what machines can reach.
  const origin = (c: Context<AppEnv>) =>
    options.publicUrl ? new URL(options.publicUrl).origin : new URL(c.req.url).origin;

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/enrollment-tokens',
        tags,
        summary: "Create an enrollment token for a client's machines; the token is shown once",
        middleware: manage,
        request: { body: jsonBody(enrollmentTokenInputSchema) },
        responses: {
          201: jsonContent(createdEnrollmentTokenSchema, 'The token and the command that uses it'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { enrollmentToken, token } = await agents.createEnrollmentToken(
          actorOf(c),
          c.req.valid('json'),
        );
        return c.json({ ...enrollmentToken, token, installCommand: installCommand(origin(c), token) }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/enrollment-tokens',
        tags,
        summary: 'Enrollment tokens with their status (never the tokens themselves), newest first',
        middleware: manage,
        responses: {
          200: jsonContent(z.object({ items: z.array(enrollmentTokenSchema) }), 'Tokens'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await agents.listEnrollmentTokens(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/enrollment-tokens/{id}/revoke',
        tags,
        summary: 'Revoke an enrollment token; agents already enrolled with it keep working',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(enrollmentTokenSchema, 'The revoked token'), ...errorResponses },
      }),
      async (c) => c.json(await agents.revokeEnrollmentToken(actorOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/agents',
        tags,
        summary: 'Enrolled agents with their asset, client and last heartbeat, newest first',
        middleware: manage,
        responses: {
          200: jsonContent(z.object({ items: z.array(agentSchema) }), 'Agents'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await agents.listAgents(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/agents/{id}/revoke',
        tags,
        summary: "Revoke an agent's credential; its next call is refused",
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(agentSchema, 'The revoked agent'), ...errorResponses },
      }),
      async (c) => c.json(await agents.revokeAgent(actorOf(c), c.req.valid('param').id), 200),
    );
}
