import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryInput, InventoryReceipt } from '../shared/api/inventory.ts';
import { readAgentConfig } from './agent-config.ts';
import { type CheckInQueue, openCheckInQueue } from './queue.ts';
import { collectionSince, drainQueue, type SendInventory } from './run-loop.ts';
import { parseRetryAfter, ServerError } from './server-client.ts';
import { renderSystemdUnit } from './systemd-unit.ts';

let stateDir: string;
let queue: CheckInQueue;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'accord-run-'));
  queue = await openCheckInQueue(stateDir);
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const receipt: InventoryReceipt = { outcome: 'changed', changes: 0, basis: 'a'.repeat(64) };
const report = (label: string) => ({ agentVersion: label }) as InventoryInput;

async function queueReports(...labels: string[]) {
  for (const label of labels) {
    await queue.enqueue({ idempotencyKey: randomUUID(), kind: 'inventory', body: report(label) });
  }
}

/** A server that answers each report by its label: `fail:<status>` throws, anything else is taken. */
function fakeServer(answers: Record<string, () => never> = {}) {
  const received: string[] = [];
  const send: SendInventory = async (entry) => {
    received.push(entry.body.agentVersion);
    answers[entry.body.agentVersion]?.();
    return receipt;
  };
  return { send, received };
}

const refuse =
  (status: number | null, retryAfterSeconds: number | null = null) =>
  () => {
    throw new ServerError(`inventory failed (${status})`, status, retryAfterSeconds);
  };

const signal = new AbortController().signal;

describe('sending the queue', () => {
  it('sends oldest first and removes each report the server acknowledged', async () => {
    await queueReports('a', 'b', 'c');
    const server = fakeServer();
    expect(await drainQueue(queue, server.send, signal)).toEqual({ kind: 'empty', sent: 3 });
    expect(server.received).toEqual(['a', 'b', 'c']);
    expect(await queue.list()).toEqual([]);
  });

  it('sets aside a report refused as invalid (400) or too large (413) and goes on', async () => {
    await queueReports('bad', 'huge', 'good');
    const server = fakeServer({ bad: refuse(400), huge: refuse(413) });
    expect(await drainQueue(queue, server.send, signal)).toEqual({ kind: 'empty', sent: 1 });
    expect(server.received).toEqual(['bad', 'huge', 'good']);
    expect(await readdir(join(stateDir, 'rejected'))).toHaveLength(2);
  });

  it('keeps the report and stops when the server is unreachable, failing or missing the endpoint', async () => {
    for (const status of [null, 500, 503, 404]) {
      await queueReports('a', 'b');
      const server = fakeServer({ a: refuse(status) });
      const outcome = await drainQueue(queue, server.send, signal);
      expect(outcome).toMatchObject({ kind: 'retry', sent: 0, retryAfterMs: null });
      expect(server.received).toEqual(['a']);
      expect(await queue.list()).toHaveLength(2);
      for (const name of await queue.list()) await queue.remove({ name } as never);
    }
  });

  it("passes on the server's Retry-After (429)", async () => {
    await queueReports('a', 'b');
    const server = fakeServer({ b: refuse(429, 120) });
    expect(await drainQueue(queue, server.send, signal)).toMatchObject({
      kind: 'retry',
      sent: 1,
      retryAfterMs: 120_000,
    });
    expect(await queue.list()).toHaveLength(1);
  });

  it('keeps everything when the credential is refused (401)', async () => {
    await queueReports('a', 'b');
    const server = fakeServer({ a: refuse(401) });
    expect(await drainQueue(queue, server.send, signal)).toEqual({ kind: 'revoked', sent: 0 });
    expect(await queue.list()).toHaveLength(2);
  });

  it('stops at once when the agent is stopped mid-send, leaving the report queued', async () => {
    await queueReports('a', 'b');
    const stop = new AbortController();
    const send: SendInventory = async (_entry, abort) => {
      stop.abort();
      throw new ServerError(`Could not reach: ${abort.aborted ? 'aborted' : '?'}`, null);
    };
    expect(await drainQueue(queue, send, stop.signal)).toEqual({ kind: 'stopped', sent: 0 });
    expect(await queue.list()).toHaveLength(2);
  });
});

describe('the run loop', () => {
  const now = new Date('2026-03-02T12:00:00Z');

  it('reads logs from a little before the previous collection, a day back at first, a week at most', () => {
    expect(collectionSince(null, now).toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(collectionSince(new Date('2026-03-02T11:45:00Z'), now).toISOString()).toBe(
      '2026-03-02T11:40:00.000Z',
    );
    expect(collectionSince(new Date('2026-01-01T00:00:00Z'), now).toISOString()).toBe(
      '2026-02-23T12:00:00.000Z',
    );
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Mon, 02 Mar 2026 12:01:00 GMT', now.getTime())).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('the agent configuration', () => {
  it('is empty when the default file does not exist, and must exist when named', async () => {
    const missing = join(stateDir, 'config.json');
    expect(await readAgentConfig(undefined, missing)).toEqual({ config: {}, path: null });
    await expect(readAgentConfig(missing)).rejects.toThrow(`Cannot read the agent configuration ${missing}`);
  });

  it('reads backups and the default RPO, and names every wrong field', async () => {
    const file = join(stateDir, 'config.json');
    const config = {
      backups: {
        restic: [
          { name: 'nas', repository: 'sftp:nas:/srv/restic', passwordFile: '/etc/accord-agent/restic' },
        ],
        statusFiles: [{ path: '/var/lib/backup/status.json', rpoHours: 48 }],
      },
      defaultRpoHours: 26,
    };
    await writeFile(file, JSON.stringify(config));
    expect(await readAgentConfig(file)).toEqual({ config, path: file });
    await writeFile(
      file,
      JSON.stringify({ defaultRpoHours: 0, backups: { restic: [{ name: 'x' }] }, extra: 1 }),
    );
    const error = readAgentConfig(file);
    await expect(error).rejects.toThrow('is not a valid agent configuration');
    for (const field of ['defaultRpoHours', 'backups.restic.0.repository', 'extra']) {
      await expect(error).rejects.toThrow(field);
    }
    await writeFile(file, '{');
    await expect(readAgentConfig(file)).rejects.toThrow('is not valid JSON');
  });
});

describe('the systemd unit', () => {
  it('is what deploy/accord-agent.service holds', async () => {
    const file = await readFile(new URL('../../deploy/accord-agent.service', import.meta.url), 'utf8');
    expect(renderSystemdUnit()).toBe(file);
  });

  it('runs as the named user, hardened, writing only its state directory', () => {
    const unit = renderSystemdUnit({ user: 'root', bin: '/opt/accord/bin/accord' });
    expect(unit).toContain('User=root\n');
    expect(unit).not.toContain('SupplementaryGroups');
    expect(unit).toContain('ExecStart=/opt/accord/bin/accord agent run --state-dir /var/lib/accord-agent\n');
    for (const line of [
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=read-only',
      'PrivateTmp=yes',
    ]) {
      expect(unit).toContain(`${line}\n`);
    }
    expect(renderSystemdUnit()).toContain('SupplementaryGroups=adm systemd-journal\n');
    expect(() => renderSystemdUnit({ user: 'x; rm -rf /' })).toThrow('not a valid user name');
    expect(() => renderSystemdUnit({ bin: 'accord' })).toThrow('absolute path');
  });
});
