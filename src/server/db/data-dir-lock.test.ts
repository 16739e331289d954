import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

const lockModule = new URL('./data-dir-lock.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const dirs: string[] = [];

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'accord-lock-'));
  dirs.push(dir);
  return dir;
}

/** Another process holding the lock, as a second `accord serve` would. */
function holdLockInChild(dir: string): Promise<ChildProcess> {
  const script = `import { lockDataDir } from ${JSON.stringify(lockModule)};
    await lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve(child));
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('refuses a second holder with a clear error while the first lives', async () => {
    const dir = tempDir();
    const first = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    await expect(lockDataDir(dir)).rejects.toThrow(/in use by another Accord process/);
    await first.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  it('is released when the holding process is killed with SIGKILL', async () => {
    const dir = tempDir();
    const child = await holdLockInChild(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it('leaves nothing behind in the data directory', async () => {
    const dir = tempDir();
    const lock = await lockDataDir(dir);
    await lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
