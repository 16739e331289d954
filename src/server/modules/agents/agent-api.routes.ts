// The agent API, mounted at /agent/v1 outside /api/v1: agents upgrade slowly, so it is versioned on its
// own. No cookies and no staff tokens here: enrollment takes an enrollment token in the body, and every
// other call an agent credential (Authorization: Bearer acag_...). Staff sessions never reach it, and
// app.ts's /api/* authentication never accepts an agent credential.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  agentEnrolledSchema,
  agentEnrollInputSchema,
  heartbeatInputSchema,
} from '../../../shared/api/agents.ts';
import { AppError } from '../../http/app-error.ts';
import type { AppEnv } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent } from '../../http/router.ts';
import type { AgentIdentity, AgentService } from './agents.service.ts';

const tags = ['Agent'];

export interface AgentRouteOptions {
  /** Spends the caller's anonymous budget on a refused token or credential (app.ts's rate limit). */
  chargeRefusal?: (c: Context<AppEnv>) => void;
}

export function createAgentApiRoutes(agents: AgentService, options: AgentRouteOptions = {}) {
  const charge = (c: Context<AppEnv>) => options.chargeRefusal?.(c);
  /** The agent each authenticated request came from, set by the middleware for its handler. */
  const callers = new WeakMap<Request, AgentIdentity>();

  async function requireAgent(c: Context<AppEnv>): Promise<AgentIdentity> {
    const credential = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const agent = credential ? await agents.authenticate(credential) : null;
    if (!agent) {
      charge(c);
      throw new AppError('agent.unauthorized', 'The agent credential is missing, unknown or revoked.');
    }
    return agent;
  }

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/enroll',
        tags,
        summary: 'Exchange an enrollment token for an asset and an agent credential (shown once)',
        request: { body: jsonBody(agentEnrollInputSchema) },
        responses: {
          201: jsonContent(agentEnrolledSchema, 'The new agent, its asset and its credential'),
          ...errorResponses,
        },
      }),
      async (c) => {
        try {
          const enrolled = await agents.enroll(c.req.valid('json'), {
            ip: c.get('ip'),
            userAgent: c.req.header('user-agent') ?? null,
            requestId: c.get('requestId'),
          });
          return c.json(enrolled, 201);
        } catch (error) {
          if (error instanceof AppError && error.code === 'agent.enrollment_refused') charge(c);
          throw error;
        }
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/heartbeat',
        tags,
        summary: 'Record that the agent is alive; last-seen times are written in batches',
        // Authenticate before the body is validated: a stranger learns nothing about the schema.
        middleware: [
          async (c, next) => {
            callers.set(c.req.raw, await requireAgent(c));
            await next();
          },
        ],
        request: { body: jsonBody(heartbeatInputSchema) },
        responses: { 204: { description: 'Recorded' }, ...errorResponses },
      }),
      async (c) => {
        agents.recordHeartbeat(callers.get(c.req.raw)!, c.req.valid('json'));
        return c.body(null, 204);
      },
    );
}
