// The server side of bench/agent-checkins.ts, run as a child process (node --import tsx) so the load
// generator does not share its event loop: Accord's app on @hono/node-server, or a bare node:http server
// doing a heartbeat's least work over the same database, and an inventory report's (JSON.parse and
// SHA-256 of the body). It reports its port over IPC and, told to stop, writes what is buffered and
// reports how many last-seen times it wrote.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createApp, createNodeListener } from '../src/server/app.ts';
import { sha256 } from '../src/server/crypto.ts';
import { type DatabaseHandle, type DatabaseTarget, openDatabase } from '../src/server/db/client.ts';
import { startBufferWriter, startPollLoop } from '../src/server/jobs/poll-loop.ts';
import { createServices } from '../src/server/main.ts';
import {
  createHeartbeatBuffer,
  startHeartbeatWriter,
  startRevocationListener,
  writeHeartbeats,
} from '../src/server/modules/agents/index.ts';

export type ServerKind = 'accord' | 'bare';

/** What the parent sends as the child's one argument (JSON). */
export interface ServerConfig {
  kind: ServerKind;
  target: DatabaseTarget;
}

/** What a server's batched writes cost: last-seen times written, and the flushes' time (ms). */
export interface FlushStats {
  written: number;
  flushes: number;
  totalMs: number;
  maxMs: number;
}

export type ServerMessage = { type: 'listening'; port: number } | ({ type: 'stopped' } & FlushStats);

/** Same writer interval as Accord's (startHeartbeatWriter's default). */
const FLUSH_EVERY_MS = 5000;

/** The statement Drizzle sends for agents.repository's findAgentByCredentialHash. */
const findAgentSql =
  'select "tenant_id", "id", "asset_id", "revoked_at" from "agents" where "agents"."credential_hash" = $1';

interface Running {
  server: Server;
  /** Writes what is left and answers what the writes cost in all. */
  stop(): Promise<FlushStats>;
}

/** Times each pass of a flush (a pass that writes nothing is not counted). */
function timed(flush: () => Promise<number>) {
  const stats: FlushStats = { written: 0, flushes: 0, totalMs: 0, maxMs: 0 };
  return {
    stats,
    async flush(): Promise<number> {
      const started = performance.now();
      const written = await flush();
      if (written === 0) return 0;
      const ms = performance.now() - started;
      stats.written += written;
      stats.flushes += 1;
      stats.totalMs += ms;
      stats.maxMs = Math.max(stats.maxMs, ms);
      return written;
    },
  };
}

function startAccord(handle: DatabaseHandle): Running {
  const services = createServices({ db: handle.db });
  // As main.ts does: credentials are remembered once the node hears revocations.
  const listening = startRevocationListener(handle, services.agents, console.error);
  const flushes = timed(() => services.agents.flushHeartbeats());
  const agents = { ...services.agents, flushHeartbeats: flushes.flush };
  const writer = startHeartbeatWriter(agents, { intervalMs: FLUSH_EVERY_MS, log: console.error });
  const health = startBufferWriter(() => services.inventory.flushHealth(), {
    intervalMs: FLUSH_EVERY_MS,
    log: console.error,
  });
  const app = createApp(services, { cookies: { secure: 'false', maxAgeSeconds: 3600 } });
  // As main.ts serves it: heartbeats on their fast path.
  const server = createServer(createNodeListener(app, services, console.error)).listen(0, '127.0.0.1');
  return {
    server,
    async stop() {
      await writer.stop();
      await health.stop();
      await (await listening).close();
      return flushes.stats;
    },
  };
}

/**
 * Reads the body, JSON.parse, SHA-256 of the bearer credential, one SELECT the first time a credential
 * is seen (remembered after, as Accord does), then the same buffer and writer.
 */
function startBare(handle: DatabaseHandle): Running {
  const beats = createHeartbeatBuffer();
  type Row = { tenant_id: string; id: string; asset_id: string; revoked_at: Date | null };
  const known = new Map<string, Row>();
  const findAgent = async (hash: string) => {
    const remembered = known.get(hash);
    if (remembered) return remembered;
    const rows =
      handle.engine === 'pglite'
        ? (await handle.pglite.query<Row>(findAgentSql, [hash])).rows
        : (await handle.pool.query<Row>(findAgentSql, [hash])).rows;
    if (rows[0]) known.set(hash, rows[0]);
    return rows[0];
  };
  // The same writer as Accord's.
  const flushes = timed(() => writeHeartbeats(handle.db, beats));
  const loop = startPollLoop(flushes.flush, { intervalMs: FLUSH_EVERY_MS, log: console.error });
  const answer = (res: ServerResponse, status: number) => {
    res.statusCode = status;
    res.end();
  };
  const handle_ = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: { agentVersion?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      return answer(res, 400);
    }
    if (req.method === 'POST' && req.url === '/agent/v1/inventory') {
      // The inventory baseline: JSON.parse (above) and SHA-256 of the body, and a receipt.
      const receipt = JSON.stringify({ outcome: 'unchanged', changes: 0, basis: sha256(text) });
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(receipt);
    }
    if (req.method !== 'POST' || req.url !== '/agent/v1/heartbeat') return answer(res, 404);
    const credential = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const row = credential ? await findAgent(sha256(credential)) : undefined;
    if (!row || row.revoked_at) return answer(res, 401);
    beats.add({
      tenantId: row.tenant_id,
      agentId: row.id,
      assetId: row.asset_id,
      at: new Date(),
      version: String(body.agentVersion),
    });
    answer(res, 204);
  };
  const server = createServer((req, res) => {
    handle_(req, res).catch((error) => {
      console.error(error);
      answer(res, 500);
    });
  });
  server.listen(0, '127.0.0.1');
  return {
    server,
    async stop() {
      await loop.stop();
      await flushes.flush();
      return flushes.stats;
    },
  };
}

async function main() {
  const config = JSON.parse(process.argv[2]!) as ServerConfig;
  const handle = await openDatabase(config.target);
  const running = config.kind === 'accord' ? startAccord(handle) : startBare(handle);
  const { server } = running;
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const send = (message: ServerMessage) => process.send!(message);
  send({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
  process.once('message', async () => {
    server.closeAllConnections();
    server.close();
    const stats = await running.stop();
    await handle.close();
    send({ type: 'stopped', ...stats });
    process.disconnect();
  });
}

await main();
