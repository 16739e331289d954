// The agent API, mounted at /agent/v1 outside /api/v1: agents upgrade slowly, so it is versioned on its
// own. No cookies and no staff tokens here: enrollment takes an enrollment token in the body, and every
// other call an agent credential (Authorization: Bearer acag_...). Staff sessions never reach it, and
// app.ts's /api/* authentication never accepts an agent credential.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  agentEnrolledSchema,
  agentEnrollInputSchema,
  heartbeatInputSchema,
} from '../../../shared/api/agents.ts';
import {
  basisSchema,
  INVENTORY_BASIS_HEADER,
  inventoryInputSchema,
  inventoryReceiptSchema,
} from '../../../shared/api/inventory.ts';
import { AppError } from '../../http/app-error.ts';
import { type AppEnv, requestMetaOf } from '../../http/context.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { createRouter, errorResponses, jsonBody, jsonContent } from '../../http/router.ts';
import type { InventoryService } from '../inventory/index.ts';
import type { AgentIdentity, AgentService } from './agents.service.ts';

const tags = ['Agent'];

/** Per agent and minute: a healthy agent beats once and reports once in 15; a queue drains at this pace. */
export const AGENT_RATE_LIMITS = { heartbeat: 30, inventory: 60 } as const;

/** Each agent's budgets, shared by the routes and the heartbeat fast path (main.ts). */
export function createAgentLimiters() {
  return {
    heartbeat: createRateLimiter({ perMinute: AGENT_RATE_LIMITS.heartbeat }),
    inventory: createRateLimiter({ perMinute: AGENT_RATE_LIMITS.inventory }),
  };
}
export type AgentLimiters = ReturnType<typeof createAgentLimiters>;

export interface AgentRouteOptions {
  /** Spends the caller's anonymous budget on a refused token or credential (app.ts's rate limit). */
  chargeRefusal?: (c: Context<AppEnv>) => void;
  limiters?: AgentLimiters;
}

/**
 * Request bodies' limits in bytes: heartbeats and enrollments are tiny; an inventory with thousands of
 * packages, services and log events stays well under its limit.
 */
export const AGENT_BODY_LIMITS = { heartbeat: 64 * 1024, inventory: 4 * 1024 * 1024 } as const;

export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/);

export function createAgentApiRoutes(
  agents: AgentService,
  inventory: InventoryService,
  options: AgentRouteOptions = {},
) {
  const charge = (c: Context<AppEnv>) => options.chargeRefusal?.(c);
  /** The agent each authenticated request came from, set by the middleware for its handler. */
  const callers = new WeakMap<Request, AgentIdentity>();
  const limiters = options.limiters ?? createAgentLimiters();

  /** Authenticates before the body is validated (a stranger learns nothing of the schema), then spends the agent's budget. */
  const authenticated = (budget: keyof typeof limiters) => [
    async (c: Context<AppEnv>, next: () => Promise<void>) => {
      const agent = await requireAgent(c);
      const retryAfterSeconds = limiters[budget].take(agent.agentId);
      if (retryAfterSeconds !== null) {
        throw new AppError('agent.rate_limited', `Too many ${budget} calls from this agent; slow down.`, {
          retryAfterSeconds,
        });
      }
      callers.set(c.req.raw, agent);
      await next();
    },
  ];

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
          const enrolled = await agents.enroll(c.req.valid('json'), requestMetaOf(c));
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
        middleware: authenticated('heartbeat'),
        request: { body: jsonBody(heartbeatInputSchema) },
        responses: { 204: { description: 'Recorded' }, ...errorResponses },
      }),
      async (c) => {
        agents.recordHeartbeat(callers.get(c.req.raw)!, c.req.valid('json'));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/inventory',
        tags,
        summary: "Report the machine's inventory; answered once it is committed",
        description:
          'Send each report with an Idempotency-Key header and send it again with the same key until it is ' +
          'answered: a key already taken answers `duplicate` and changes nothing. Send the last receipt’s ' +
          '`basis` as the Accord-Inventory-Basis header: an unchanged report is then taken without the ' +
          'database, its health (free space, uptime, backup times) written within seconds.',
        middleware: authenticated('inventory'),
        request: {
          headers: z.object({
            'idempotency-key': idempotencyKeySchema.optional(),
            [INVENTORY_BASIS_HEADER]: basisSchema.optional(),
          }),
          body: jsonBody(inventoryInputSchema),
        },
        responses: {
          200: jsonContent(inventoryReceiptSchema, 'Taken (or taken before, for a resent key)'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { 'idempotency-key': key, [INVENTORY_BASIS_HEADER]: basis } = c.req.valid('header');
        if (!key) {
          throw new AppError(
            'agent.idempotency_key_required',
            'Send an Idempotency-Key header (8 to 100 letters, digits, ".", "_", ":" or "-") with every report.',
          );
        }
        const receipt = await inventory.receive(callers.get(c.req.raw)!, key, c.req.valid('json'), basis);
        return c.json(receipt, 200);
      },
    );
}
