// The real agent (`accord agent run` as a child process) against the real app listening on a port that
// goes away and comes back: reports collected while the server is down are queued on disk and arrive,
// each once, when it is back.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/http.ts';
import { agentReceipts } from '../server/db/schema.ts';
import { enroll } from './server-client.ts';
import { writeAgentState } from './state.ts';
import { collectSystemInfo } from './system-info.ts';

const t = await startTestApp();

/** Each inventory report the app took (answered 200): its key and outcome. */
const taken: { key: string; outcome: string }[] = [];
async function fetchRecording(request: Request): Promise<Response> {
  const response = await t.app.fetch(request);
  if (new URL(request.url).pathname === '/agent/v1/inventory' && response.status === 200) {
    const { outcome } = (await response.clone().json()) as { outcome: string };
    taken.push({ key: request.headers.get('idempotency-key')!, outcome });
  }
  return response;
}

/** Listens on `port` (0 for a free one); the same app and database each time. */
async function listen(port: number): Promise<Server> {
  const server = serve({ fetch: fetchRecording, hostname: '127.0.0.1', port }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return server;
}

/** Stops listening and cuts open connections, as a server that goes down does. */
async function shutDown(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

let server = await listen(0);
const port = (server.address() as AddressInfo).port;
const url = `http://127.0.0.1:${port}`;
const stateDir = await mkdtemp(join(tmpdir(), 'accord-agent-queue-'));
afterAll(async () => {
  if (server.listening) await shutDown(server);
  await rm(stateDir, { recursive: true, force: true });
});

const cli = (args: string[]) => [process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args]] as const;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Idempotency keys of the reports waiting in the queue directory (names are `<seq>-<key>.json`). */
async function queuedKeys(): Promise<string[]> {
  const names = await readdir(join(stateDir, 'queue')).catch(() => [] as string[]);
  return names.flatMap((name) => name.match(/^\d{12}-(.+)\.json$/)?.[1] ?? []);
}

describe('accord agent run', () => {
  it('queues reports while the server is down, delivers each exactly once when it is back, keeps them when revoked', {
    timeout: 180_000,
  }, async () => {
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Fabrikam' })).body;
    const token = (await owner.post('/enrollment-tokens', { clientId: client.id })).body.token;
    const enrolled = await enroll(url, { token, ...(await collectSystemInfo()) });
    await writeAgentState(stateDir, { server: url, ...enrolled });
    // An empty configuration, so that the machine's own /etc/accord-agent/config.json plays no part.
    const config = join(stateDir, 'config.json');
    await writeFile(config, '{}');

    // Reports that changed something leave a receipt; unchanged ones may be taken from memory, without.
    const receivedKeys = async () =>
      (
        await t.handle.db
          .select({ key: agentReceipts.idempotencyKey })
          .from(agentReceipts)
          .where(eq(agentReceipts.agentId, enrolled.agentId))
      ).map((row) => row.key);
    const takenKeys = async () => taken.filter((r) => r.outcome !== 'duplicate').map((r) => r.key);

    const [node, args] = cli([
      'agent',
      'run',
      '--state-dir',
      stateDir,
      // Within the server's per-agent budgets (30 beats and 60 reports a minute).
      '--heartbeat-seconds',
      '5',
      '--inventory-minutes',
      '0.02',
      '--config',
      config,
    ]);
    const child = spawn(node, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = exitOf(child);
    try {
      // Up: the first report arrives.
      expect(await until(takenKeys, (keys) => keys.length >= 1), output).not.toHaveLength(0);

      // Down: reports pile up on disk. Every key ever seen queued is remembered.
      await shutDown(server);
      // The agent writes a report to its queue before it tries to send it, and its output reaches this
      // process through a pipe, so both are waited for.
      const seenQueued = new Set<string>();
      await until(
        async () => {
          for (const key of await queuedKeys()) seenQueued.add(key);
          return seenQueued.size;
        },
        (size) => size >= 2 && output.includes('Sending inventory failed'),
      );
      expect(seenQueued.size, output).toBeGreaterThanOrEqual(2);
      expect(output).toContain('Sending inventory failed');

      // Up again on the same data: the queue drains.
      server = await listen(port);
      await until(queuedKeys, (keys) => keys.length === 0);
      // Each taken once: a resend whose answer was lost answers `duplicate`, and nothing is lost.
      const received = await takenKeys();
      for (const key of seenQueued) expect(received, output).toContain(key);
      expect(new Set(received).size).toBe(received.length);
      expect(taken[0]).toMatchObject({ outcome: 'changed' });
      expect(await receivedKeys()).toContain(taken[0]!.key);

      // Revoked: the agent says so plainly, keeps running and keeps its reports for a new credential.
      expect((await owner.post(`/agents/${enrolled.agentId}/revoke`)).status).toBeLessThan(300);
      await until(
        async () => output,
        (text) => text.includes('Inventory: The server refused the agent credential (401)'),
      );
      expect(output).toContain('Inventory: The server refused the agent credential (401)');
      expect((await until(queuedKeys, (keys) => keys.length >= 1)).length).toBeGreaterThanOrEqual(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
    expect(await readdir(join(stateDir, 'rejected')).catch(() => [])).toEqual([]);
    expect(output).toContain('Inventory accepted; the queue is empty');
    expect(output).not.toContain('moved to');
  });
});
