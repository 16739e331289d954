// How collectors touch the machine: commands, files, free space, the clock. Tests pass a fake; the default runs
// real commands (execFile, no shell, with a timeout and an output cap) and reads real files.
import { execFile } from 'node:child_process';
import { open, stat, statfs } from 'node:fs/promises';
import os from 'node:os';
import { collectSystemInfo, type SystemInfo } from '../system-info.ts';

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Non-zero exits are results, not errors: smartctl and restic say things with their exit codes. */
  exitCode: number;
}

export interface RunOptions {
  timeoutMs?: number;
  maxBufferBytes?: number;
  /** Added to the agent's own environment. */
  env?: Record<string, string>;
}

export interface SystemAccess {
  platform: NodeJS.Platform;
  /** IANA zone the machine's logs are written in. */
  timeZone: string;
  now(): Date;
  /** Rejects when the program cannot be run (ENOENT for a missing binary) or does not finish in time. */
  run(command: string, args: string[], options?: RunOptions): Promise<CommandResult>;
  /** Rejects with Node's error (ENOENT, EACCES). A file over `maxBytes` is read from its end: logs grow there. */
  readFile(path: string, options?: { maxBytes?: number }): Promise<string>;
  statfs(path: string): Promise<{ sizeBytes: number; freeBytes: number }>;
  /** Last modification in ms since the epoch, null when the path does not exist. */
  modifiedAt(path: string): Promise<number | null>;
  uptimeSeconds(): number;
  kernel(): string | null;
  systemInfo(): Promise<Pick<SystemInfo, 'hostname' | 'os' | 'osVersion'>>;
}

/** A collector's tool or file is absent or unusable here: the section is reported as not available. */
export class Unavailable extends Error {}

const defaultTimeoutMs = 30_000;
const defaultMaxBufferBytes = 16 * 1024 * 1024;
const defaultMaxFileBytes = 8 * 1024 * 1024;

function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        timeout: timeoutMs,
        maxBuffer: options.maxBufferBytes ?? defaultMaxBufferBytes,
        encoding: 'utf8',
        windowsHide: true,
        env: options.env ? { ...process.env, ...options.env } : process.env,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr, exitCode: 0 });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
        if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return reject(new Unavailable(`${command} printed more output than the agent reads`));
        }
        if (failure.killed) {
          return reject(new Unavailable(`${command} did not finish within ${timeoutMs / 1000} s`));
        }
        if (typeof failure.code === 'number') return resolve({ stdout, stderr, exitCode: failure.code });
        reject(error);
      },
    );
  });
}

async function readFileTail(path: string, options: { maxBytes?: number } = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? defaultMaxFileBytes;
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    // Files in /proc report size 0: read them whole (they are small).
    if (size <= maxBytes) return await handle.readFile('utf8');
    const buffer = Buffer.alloc(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, size - maxBytes);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    return text.slice(text.indexOf('\n') + 1); // the first line is cut
  } finally {
    await handle.close();
  }
}

export const realSystem: SystemAccess = {
  platform: process.platform,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  now: () => new Date(),
  run: runCommand,
  readFile: readFileTail,
  async statfs(path) {
    const stats = await statfs(path);
    return { sizeBytes: stats.blocks * stats.bsize, freeBytes: stats.bavail * stats.bsize };
  },
  modifiedAt: (path) =>
    stat(path).then(
      (stats) => stats.mtimeMs,
      () => null,
    ),
  uptimeSeconds: () => Math.floor(os.uptime()),
  kernel: () => (process.platform === 'win32' ? null : os.release() || null),
  systemInfo: collectSystemInfo,
};

/** Why a collector could not run, in words an MSP technician can act on. */
export function describeFailure(error: unknown): string {
  if (error instanceof Unavailable) return error.message;
  const failure = error as NodeJS.ErrnoException;
  const syscall = failure?.syscall ?? '';
  const subject = failure?.path ?? 'a file';
  if (failure?.code === 'ENOENT') {
    return syscall.startsWith('spawn') ? `${subject} is not installed` : `${subject} does not exist`;
  }
  if (failure?.code === 'EACCES' || failure?.code === 'EPERM') {
    return syscall.startsWith('spawn')
      ? `${subject} may not be run by the agent`
      : `run as root to read ${subject}`;
  }
  return `collector failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** The first line of a failed command's complaint, for a reason. */
export function commandFailure(command: string, result: CommandResult): Unavailable {
  const said = (result.stderr || result.stdout).trim().split('\n')[0]?.trim();
  return new Unavailable(`${command} exited with ${result.exitCode}${said ? `: ${said}` : ''}`);
}

/** True when a failure says the file is simply not there (as opposed to unreadable). */
export function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
