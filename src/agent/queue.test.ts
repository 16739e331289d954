import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryInput } from '../shared/api/inventory.ts';
import { type CheckIn, openCheckInQueue } from './queue.ts';

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'accord-queue-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

/** A check-in whose body is told apart by `label` (the queue does not look inside bodies). */
function checkIn(label: string): CheckIn {
  return {
    idempotencyKey: randomUUID(),
    kind: 'inventory',
    body: { agentVersion: label } as InventoryInput,
  };
}

async function drainLabels(dir: string): Promise<string[]> {
  const queue = await openCheckInQueue(dir);
  const labels: string[] = [];
  for (let entry = await queue.peekOldest(); entry; entry = await queue.peekOldest()) {
    labels.push(entry.body.agentVersion);
    await queue.remove(entry);
  }
  return labels;
}

describe('the check-in queue', () => {
  it('gives entries back oldest first, across restarts of the process', async () => {
    const first = await openCheckInQueue(stateDir);
    for (const label of ['a', 'b', 'c']) await first.enqueue(checkIn(label));
    // A new queue object on the same directory is what a restarted agent sees.
    const second = await openCheckInQueue(stateDir);
    const oldest = await second.peekOldest();
    expect(oldest?.body.agentVersion).toBe('a');
    await second.remove(oldest!);
    for (const label of ['d', 'e']) await second.enqueue(checkIn(label));
    expect(await drainLabels(stateDir)).toEqual(['b', 'c', 'd', 'e']);
    expect(await readdir(join(stateDir, 'queue'))).toEqual([]);
  });

  it('keeps more than nine entries in order (names sort as numbers)', async () => {
    const queue = await openCheckInQueue(stateDir);
    const labels = Array.from({ length: 12 }, (_, i) => `r${i}`);
    for (const label of labels) await queue.enqueue(checkIn(label));
    expect(await drainLabels(stateDir)).toEqual(labels);
  });

  it('keeps the idempotency key with the entry, so a resend carries the same one', async () => {
    const queue = await openCheckInQueue(stateDir);
    const sent = checkIn('a');
    await queue.enqueue(sent);
    const reopened = await openCheckInQueue(stateDir);
    expect(await reopened.peekOldest()).toMatchObject({
      idempotencyKey: sent.idempotencyKey,
      kind: 'inventory',
    });
  });

  it('ignores and removes a temporary file a crash left behind', async () => {
    const queue = await openCheckInQueue(stateDir);
    await queue.enqueue(checkIn('a'));
    const leftover = join(queue.dir, `000000000002-${randomUUID()}.json.4242.tmp`);
    await writeFile(leftover, '{"idempotencyKey":"half');
    expect((await queue.peekOldest())?.body.agentVersion).toBe('a');
    expect(await queue.list()).toHaveLength(1);
    await openCheckInQueue(stateDir);
    expect(await readdir(queue.dir)).not.toContain(leftover.split('/').at(-1));
    expect(await drainLabels(stateDir)).toEqual(['a']);
  });

  it('drops the oldest entries when full, and says how many', async () => {
    const lines: string[] = [];
    const queue = await openCheckInQueue(stateDir, { maxEntries: 3, log: (line) => lines.push(line) });
    for (const label of ['a', 'b', 'c', 'd', 'e']) await queue.enqueue(checkIn(label));
    expect(await drainLabels(stateDir)).toEqual(['c', 'd', 'e']);
    expect(lines).toEqual([
      'Queue full (3 reports): dropped the 1 oldest unsent.',
      'Queue full (3 reports): dropped the 1 oldest unsent.',
    ]);
  });

  it('drops the oldest entries when they take more room than allowed, but never the newest', async () => {
    const lines: string[] = [];
    const queue = await openCheckInQueue(stateDir, { maxBytes: 250, log: (line) => lines.push(line) });
    for (const label of ['a', 'b', 'c']) await queue.enqueue(checkIn(label)); // ~100 bytes each
    expect(await queue.list()).toHaveLength(2);
    const tiny = await openCheckInQueue(stateDir, { maxBytes: 1 });
    await tiny.enqueue(checkIn('d'));
    expect(await drainLabels(stateDir)).toEqual(['d']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Queue full \(.+ MiB\): dropped the 1 oldest unsent\.$/);
  });

  it('moves a refused entry to rejected/ with the reason, so the next one can be sent', async () => {
    const lines: string[] = [];
    const queue = await openCheckInQueue(stateDir, { log: (line) => lines.push(line) });
    const bad = await queue.enqueue(checkIn('bad'));
    await queue.enqueue(checkIn('good'));
    await queue.moveToRejected(bad, 'inventory failed (400): state.software: Too big');
    expect((await queue.peekOldest())?.body.agentVersion).toBe('good');
    const rejected = JSON.parse(await readFile(join(stateDir, 'rejected', bad.name), 'utf8'));
    expect(rejected).toMatchObject({
      idempotencyKey: bad.idempotencyKey,
      body: { agentVersion: 'bad' },
      reason: 'inventory failed (400): state.software: Too big',
    });
    expect(lines[0]).toContain('inventory failed (400)');
  });

  it('keeps only the newest rejected reports', async () => {
    const queue = await openCheckInQueue(stateDir, { maxRejected: 2 });
    for (const label of ['a', 'b', 'c']) {
      await queue.moveToRejected(await queue.enqueue(checkIn(label)), 'refused');
    }
    const kept = await readdir(queue.rejectedDir);
    const labels = await Promise.all(
      kept.sort().map(async (name) => JSON.parse(await readFile(join(queue.rejectedDir, name), 'utf8')).body),
    );
    expect(labels.map((body) => body.agentVersion)).toEqual(['b', 'c']);
  });

  it('sets aside an entry that is not a check-in instead of blocking on it', async () => {
    const queue = await openCheckInQueue(stateDir);
    await writeFile(join(queue.dir, `000000000000-${randomUUID()}.json`), 'not json');
    await queue.enqueue(checkIn('next'));
    expect((await queue.peekOldest())?.body.agentVersion).toBe('next');
    expect(await readdir(queue.rejectedDir)).toHaveLength(1);
  });

  it('writes entries 0600 in 0700 directories, whatever the umask', async () => {
    const previous = process.umask(0o022);
    try {
      const queue = await openCheckInQueue(stateDir);
      const entry = await queue.enqueue(checkIn('a'));
      await queue.moveToRejected(await queue.enqueue(checkIn('b')), 'refused');
      expect((await stat(join(queue.dir, entry.name))).mode & 0o777).toBe(0o600);
      expect((await stat(queue.dir)).mode & 0o777).toBe(0o700);
      expect((await stat(queue.rejectedDir)).mode & 0o777).toBe(0o700);
      const [rejected] = await readdir(queue.rejectedDir);
      expect((await stat(join(queue.rejectedDir, rejected!))).mode & 0o777).toBe(0o600);
      expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });
});
