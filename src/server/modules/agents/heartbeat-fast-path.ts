// Heartbeats are most of an agent fleet's requests, and they are tiny: a beat from a credential this
// node remembers, valid and within its budget, is answered straight from Node's request, without the
// web-Request bridge and the app's middleware (it is neither logged per request nor in the request
// metrics; the heartbeat buffer's writes are). Anything else — an unknown credential, a body that does
// not validate, a spent budget, a body that is not a small JSON document — goes to the app as usual, so
// every answer but the 204 is the app's own.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { heartbeatInputSchema } from '../../../shared/api/agents.ts';
import type { AgentLimiters } from './agent-api.routes.ts';
import type { AgentService } from './agents.service.ts';

const PATH = '/agent/v1/heartbeat';
const MAX_BYTES = 64 * 1024;
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

export function createHeartbeatFastPath(
  agents: AgentService,
  limiters: AgentLimiters,
  fetch: Fetch,
  next: NodeListener,
  log: (error: unknown) => void,
): NodeListener {
  /** The app's answer to a beat whose body was read here. */
  async function answerByApp(req: IncomingMessage, res: ServerResponse, body: string) {
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${PATH}`, {
      method: 'POST',
      headers: webHeaders(req),
      body,
    });
    const response = await fetch(request, { incoming: req, outgoing: res });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  async function beat(req: IncomingMessage, res: ServerResponse) {
    const credential = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const agent = credential ? agents.rememberedAgent(credential) : null;
    const length = Number(req.headers['content-length']);
    if (!agent || !(length > 0 && length <= MAX_BYTES) || !req.headers['content-type']?.includes('json')) {
      return next(req, res);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let parsed: unknown;
    try {
      // A NUL, escaped or not, is the app's to refuse (with the field it is in).
      parsed = body.includes('\u0000') || /\\u0000/i.test(body) ? undefined : JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const input = parsed === undefined ? null : heartbeatInputSchema.safeParse(parsed);
    if (!input?.success || limiters.heartbeat.take(agent.agentId) !== null)
      return answerByApp(req, res, body);
    agents.recordHeartbeat(agent, input.data);
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.writeHead(204, { 'x-request-id': requestId });
    res.end();
  }

  return (req, res) => {
    if (req.method !== 'POST' || req.url !== PATH) return next(req, res);
    return beat(req, res).catch((error: unknown) => {
      log(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side.' } }));
    });
  };
}
