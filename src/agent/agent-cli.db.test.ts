// The real agent CLI, as a child process, against the real app listening on a free port.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/http.ts';
import { startHeartbeatWriter } from '../server/modules/agents/index.ts';
import { readAgentState } from './state.ts';

const t = await startTestApp();
const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// The server's batch writer, faster than in production so the test need not wait long.
const writer = startHeartbeatWriter(t.services.agents, {
  intervalMs: 200,
  log: (error) => console.error(error),
});
const stateDir = await mkdtemp(join(tmpdir(), 'accord-agent-'));
afterAll(async () => {
  await writer.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(stateDir, { recursive: true, force: true });
});

/** The CLI through tsx in this Node process's binary: one process, so signals reach it directly. */
const cli = (args: string[]) => [process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args]] as const;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('accord agent', () => {
  it('enrolls, keeps its credential private, beats until SIGTERM and exits 0', {
    timeout: 90_000,
  }, async () => {
    const { owner } = await t.newTenant();
    const client = (await owner.post('/clients', { name: 'Contoso' })).body;
    const token = (await owner.post('/enrollment-tokens', { clientId: client.id })).body.token;

    const [node, enrollArgs] = cli([
      'agent',
      'enroll',
      '--server',
      url,
      '--token',
      token,
      '--state-dir',
      stateDir,
    ]);
    const enrolled = await promisify(execFile)(node, [...enrollArgs]);
    expect(enrolled.stdout).toContain('Enrolled');
    const file = await stat(join(stateDir, 'agent.json'));
    expect(file.mode & 0o777).toBe(0o600);
    const state = await readAgentState(stateDir);
    expect(state).toMatchObject({ server: url });
    expect(state.credential).toMatch(/^acag_/);

    const agentSeen = async () =>
      (await owner.get('/agents')).body.items.find((a: { id: string }) => a.id === state.agentId)?.lastSeenAt;
    expect(await agentSeen()).toBeNull();

    const [, runArgs] = cli(['agent', 'run', '--state-dir', stateDir, '--heartbeat-seconds', '1']);
    const child = spawn(node, [...runArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = exitOf(child);
    try {
      const first = await until(agentSeen, (seen) => seen !== null);
      expect(first, output).not.toBeNull();
      const later = await until(agentSeen, (seen) => seen !== first);
      expect(Date.parse(later)).toBeGreaterThan(Date.parse(first));
      const asset = (await owner.get(`/assets/${state.assetId}`)).body;
      expect(asset.lastSeenAt).not.toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
    expect(output).toContain('SIGTERM received; stopping.');
    expect(output).not.toContain('Heartbeat failed');
  });

  it('refuses to enroll a machine twice without --force and reports a refused token plainly', {
    timeout: 60_000,
  }, async () => {
    const [node, again] = cli([
      'agent',
      'enroll',
      '--server',
      url,
      '--token',
      'acen_x',
      '--state-dir',
      stateDir,
    ]);
    const twice = await promisify(execFile)(node, [...again]).catch((error) => error);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('--force');
    const fresh = await mkdtemp(join(tmpdir(), 'accord-agent-'));
    try {
      const [, args] = cli(['agent', 'enroll', '--server', url, '--token', 'acen_x', '--state-dir', fresh]);
      const refused = await promisify(execFile)(node, [...args]).catch((error) => error);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('invalid, expired, used up or revoked');
      expect(refused.stderr).not.toContain('    at ');
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
