// Most of an agent fleet's requests are heartbeats and unchanged inventory reports, answered straight from
// Node's request, without the web-Request bridge and the app's middleware (they are neither logged per
// request nor in the request metrics):
// - a beat from a credential this node remembers, valid and within its budget (204);
// - an unchanged report from such a credential that the inventory service can take from memory (200):
//   its state's bytes are hashed as they arrived and compared with the record's, so only the rest of the
//   report is parsed and validated.
// Anything else — an unknown credential, a body that does not validate, a spent budget, a changed report,
// a body that is not JSON or may hold text the database cannot store — goes to the app as usual, so every
// other answer is the app's own.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { heartbeatInputSchema } from '../../../shared/api/agents.ts';
import {
  basisSchema,
  INVENTORY_BASIS_HEADER,
  inventoryBesidesStateSchema,
} from '../../../shared/api/inventory.ts';
import { sha256 } from '../../crypto.ts';
import { mayHoldUnstorable } from '../../http/text-guard.ts';
import type { InventoryService } from '../inventory/index.ts';
import { AGENT_BODY_LIMITS, type AgentLimiters, idempotencyKeySchema } from './agent-api.routes.ts';
import type { AgentIdentity, AgentService } from './agents.service.ts';

const HEARTBEAT = { path: '/agent/v1/heartbeat', maxBytes: AGENT_BODY_LIMITS.heartbeat };
const INVENTORY = { path: '/agent/v1/inventory', maxBytes: AGENT_BODY_LIMITS.inventory };
const REQUEST_ID = /^[\w.-]{1,100}$/;

type NodeListener = (req: IncomingMessage, res: ServerResponse) => unknown;
type Fetch = (
  request: Request,
  env: { incoming: IncomingMessage; outgoing: ServerResponse },
) => Response | Promise<Response>;

/** Headers of a Node request as a web Request takes them (the body's length and the hop are recomputed). */
function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'content-length' || name === 'connection' || name === 'host')
      continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

function requestIdOf(req: IncomingMessage) {
  const incoming = header(req, 'x-request-id');
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The body as JSON, or undefined when it is not JSON or may hold text the database cannot store. */
function parseBody(body: string): unknown {
  if (mayHoldUnstorable(body)) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Where a report's state opens and what follows it, in the form the agent sends (the schema's order). */
const STATE_OPENS = Buffer.from('"state":{');
const STATE_CLOSES = Buffer.from('},"health":{');

/**
 * A report in the form the agent sends it, split into its state's bytes (not parsed) and the rest of it
 * (parsed, with `state` null); null for any other body. A state object holds no `"health":{` (its disks'
 * and arrays' health are strings), and a string's quotes are escaped, so in a report that follows the
 * schema the first such key after the state's opening is the report's own. Whatever the split, the state
 * is trusted only once its hash matches the record's, and then its bytes are a state the schema read.
 */
function splitReport(body: Buffer): { state: Buffer; rest: Record<string, unknown> } | null {
  const opens = body.indexOf(STATE_OPENS);
  const closes = opens < 0 ? -1 : body.indexOf(STATE_CLOSES, opens);
  if (closes < 0) return null;
  const stateStart = opens + STATE_OPENS.length - 1;
  const rest = parseBody(`${body.toString('utf8', 0, stateStart)}null${body.toString('utf8', closes + 1)}`);
  // The state nulled must be the report's own.
  if (rest === null || typeof rest !== 'object' || (rest as { state?: unknown }).state !== null) return null;
  return { state: body.subarray(stateStart, closes + 1), rest: rest as Record<string, unknown> };
}

export function createAgentFastPath(
  services: { agents: AgentService; inventory: InventoryService },
  limiters: AgentLimiters,
  fetch: Fetch,
  next: NodeListener,
  log: (error: unknown) => void,
): NodeListener {
  const { agents, inventory } = services;

  /** The app's answer to a request whose body was read here. */
  async function answerByApp(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${path}`, {
      method: 'POST',
      headers: webHeaders(req),
      body,
    });
    const response = await fetch(request, { incoming: req, outgoing: res });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  /** The remembered agent of a JSON request small enough for the route; null for anything else. */
  function agentOf(req: IncomingMessage, maxBytes: number): AgentIdentity | null {
    const credential = header(req, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const length = Number(req.headers['content-length']);
    if (!(length > 0 && length <= maxBytes) || !header(req, 'content-type')?.includes('json')) return null;
    return credential ? agents.rememberedAgent(credential) : null;
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async function beat(req: IncomingMessage, res: ServerResponse) {
    const agent = agentOf(req, HEARTBEAT.maxBytes);
    if (!agent) return next(req, res);
    const body = (await readBody(req)).toString('utf8');
    const input = heartbeatInputSchema.safeParse(parseBody(body));
    if (!input.success || limiters.heartbeat.take(agent.agentId) !== null) {
      return answerByApp(req, res, HEARTBEAT.path, body);
    }
    agents.recordHeartbeat(agent, input.data);
    res.writeHead(204, { 'x-request-id': requestIdOf(req) });
    res.end();
  }

  async function report(req: IncomingMessage, res: ServerResponse) {
    const agent = agentOf(req, INVENTORY.maxBytes);
    const key = idempotencyKeySchema.safeParse(header(req, 'idempotency-key'));
    const basis = basisSchema.safeParse(header(req, INVENTORY_BASIS_HEADER));
    if (!agent || !key.success || !basis.success) return next(req, res);
    const body = await readBody(req);
    const split = splitReport(body);
    const { state: _, ...besidesState } = split?.rest ?? {};
    const besides = split && inventoryBesidesStateSchema.safeParse(besidesState);
    const take =
      besides?.success &&
      inventory.unchangedReport(agent, key.data, basis.data, sha256(split!.state), besides.data);
    if (!take || limiters.inventory.take(agent.agentId) !== null) {
      return answerByApp(req, res, INVENTORY.path, body.toString('utf8'));
    }
    const answer = JSON.stringify(take());
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestIdOf(req) });
    res.end(answer);
  }

  const routes = new Map([
    [HEARTBEAT.path, beat],
    [INVENTORY.path, report],
  ]);

  return (req, res) => {
    const route = req.method === 'POST' && req.url ? routes.get(req.url) : undefined;
    if (!route) return next(req, res);
    return route(req, res).catch((error: unknown) => {
      log(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side.' } }));
    });
  };
}
