// Exclusive lock on an embedded DATA_DIR: two processes on one PGlite directory would corrupt it.
// The lock is a listening Unix socket. On Linux it lives in the abstract namespace, so the kernel
// releases it the moment the holder dies (no stale lock after kill -9). Elsewhere it is a socket
// file next to the data; a leftover file that refuses connections is stale and is replaced.
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Accord process. ` +
        'Stop that process first, or start this one with a different DATA_DIR.',
    );
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const real = realpathSync(dataDir);
  const server = createServer((socket) => socket.destroy());
  server.unref();
  const isLinux = process.platform === 'linux';
  const path = isLinux
    ? `\0accord-data-dir-${createHash('sha256').update(real).digest('hex').slice(0, 32)}`
    : join(real, '.accord.lock');
  try {
    await listen(server, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (isLinux || (await answers(path))) throw new DataDirLockedError(dataDir);
    unlinkSync(path);
    await listen(server, path);
  }
  return {
    release: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
