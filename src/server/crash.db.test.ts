// Crash durability: a real server process takes concurrent writes (ticket replies, time entries) and is
// killed with SIGKILL mid-stream. After a restart on the same data, every write the server acknowledged
// is there, and every write is whole: an entry with its revision and its timeline event, or nothing.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/database.ts';
import { createScratchDatabase } from '../../test/scratch-database.ts';
import { totpCode, totpStep } from './modules/identity/totp.ts';

const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Where the server keeps its data: a fresh PGlite directory, or a throwaway PostgreSQL database. */
async function freshStorage(): Promise<Record<string, string>> {
  if (testEngine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'accord-durability-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { DATA_DIR: dir };
  }
  const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'durability');
  cleanups.push(() => scratch.drop());
  return { DATABASE_URL: scratch.url };
}

interface Server {
  url: string;
  process: ChildProcess;
}

/** `accord serve` as its own process, on a free port; resolves once it says where it listens. */
function startServer(storage: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, ...storage, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, process: child });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.process.once('exit', () => resolve());
    server.process.kill('SIGKILL');
  });
}

function client(base: string, token: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

/** The first organization, an API token of its owner, a client and two tickets to write to. */
async function seed(base: string) {
  const owner = { organizationName: 'Durable IT', name: 'Dana Owner', email: 'dana@durable.test' };
  const password = 'a long and durable password';
  const setup = await fetch(`${base}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...owner, password }),
  });
  expect(setup.status, await setup.clone().text()).toBe(201);
  // A new organization requires MFA: the owner sets up an authenticator before anything else.
  const pending = setup.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await setup.json()) as { csrfToken: string };
  const headers = { cookie: pending, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const { secret } = await (
    await fetch(`${base}/api/v1/auth/mfa/totp/setup`, { method: 'POST', headers })
  ).json();
  const confirmed = await fetch(`${base}/api/v1/auth/mfa/totp/confirm`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code: totpCode(secret, totpStep(new Date())) }),
  });
  expect(confirmed.status, await confirmed.clone().text()).toBe(200);
  const cookie = confirmed.headers.get('set-cookie')!.split(';')[0]!;
  const { session } = await confirmed.json();
  const created = await fetch(`${base}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'durability', scope: 'full' }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const api = client(base, token);
  const clientId = (await api<{ id: string }>('POST', '/clients', { name: 'Crashproof Ltd' })).body.id;
  const tickets = [];
  for (const title of ['Server room alarm', 'Backup failed']) {
    tickets.push(
      (await api<{ id: string }>('POST', '/tickets', { clientId, title, priority: 'P2' })).body.id,
    );
  }
  const workTypeId = (await api<{ items: { id: string }[] }>('GET', '/work-types')).body.items[0]!.id;
  return { token, tickets, workTypeId };
}

interface Attempt {
  kind: 'reply' | 'time';
  ticketId: string;
  marker: string;
  acknowledged: boolean;
}

describe(`a server killed mid-write (${testEngine})`, () => {
  it('keeps every acknowledged write, and no write half-made', { timeout: 180_000 }, async () => {
    const storage = await freshStorage();
    const first = await startServer(storage);
    const { token, tickets, workTypeId } = await seed(first.url);
    const api = client(first.url, token);

    const attempts: Attempt[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const kind = n % 2 === 0 ? 'reply' : 'time';
        const ticketId = tickets[(w + n) % tickets.length]!;
        const marker = `w${w}-n${n}-${randomBytes(3).toString('hex')}`;
        const attempt: Attempt = { kind, ticketId, marker, acknowledged: false };
        attempts.push(attempt);
        try {
          const response =
            kind === 'reply'
              ? await api('POST', `/tickets/${ticketId}/replies`, { body: marker })
              : await api('POST', `/tickets/${ticketId}/time-entries`, {
                  startedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
                  minutes: 5,
                  note: marker,
                  workTypeId,
                });
          attempt.acknowledged = response.status === 200 || response.status === 201;
          if (!attempt.acknowledged) throw new Error(`${kind} answered ${response.status}`);
        } catch (error) {
          if (!stop) throw error;
          return; // the server died under this request: not acknowledged
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    // Let the writes flow, then pull the plug while they are still in flight.
    while (attempts.filter((a) => a.acknowledged).length < 60) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await kill(first);
    await Promise.allSettled(writers);

    const second = await startServer(storage);
    const restarted = client(second.url, token);
    const replies = new Set<string>();
    const entries = new Map<string, string>(); // note -> entry id
    const logged = new Set<string>(); // entry ids with a time_logged event
    for (const ticketId of tickets) {
      const detail = await restarted<{
        events: { type: string; body: string | null; data: { timeEntryId?: string } }[];
      }>('GET', `/tickets/${ticketId}`);
      for (const event of detail.body.events) {
        if (event.type === 'public_reply' && event.body) replies.add(event.body);
        if (event.type === 'time_logged' && event.data.timeEntryId) logged.add(event.data.timeEntryId);
      }
      const time = await restarted<{ items: { id: string; note: string }[] }>(
        'GET',
        `/tickets/${ticketId}/time-entries`,
      );
      for (const entry of time.body.items) entries.set(entry.note, entry.id);
    }

    const acknowledged = attempts.filter((a) => a.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    // The server died under requests it had not answered (each writer stops after its next answer).
    expect(attempts.length - acknowledged.length).toBeGreaterThan(0);
    const lost = acknowledged.filter((a) =>
      a.kind === 'reply' ? !replies.has(a.marker) : !entries.has(a.marker),
    );
    expect(lost.map((a) => a.marker)).toEqual([]);
    // Whole or absent: every stored entry has its timeline event and exactly one revision.
    for (const id of entries.values()) {
      expect(logged.has(id), `time entry ${id} has no time_logged event`).toBe(true);
      const history = await restarted<{ items: { change: string }[] }>('GET', `/time-entries/${id}/history`);
      expect(history.body.items.map((r) => r.change)).toEqual(['created']);
    }
    await kill(second);
  });
});
