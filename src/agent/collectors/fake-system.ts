// A machine for tests: commands answer from a table, files from a map, everything else is absent.
import { readFileSync } from 'node:fs';
import type { CommandResult, SystemAccess } from './system-access.ts';

export function fixture(path: string): string {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');
}

/** Node's error for a program that is not installed. */
export function notInstalled(command: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`spawn ${command} ENOENT`), {
    code: 'ENOENT',
    syscall: `spawn ${command}`,
    path: command,
  });
}

function fileError(code: 'ENOENT' | 'EACCES', path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${path}`), { code, syscall: 'open', path });
}

export interface FakeMachine {
  platform?: NodeJS.Platform;
  timeZone?: string;
  now?: Date;
  /** "command arg0" (the first argument only) → output; a string is stdout with exit 0; missing → not installed. */
  commands?: Record<
    string,
    string | Partial<CommandResult> | ((args: string[]) => string | Partial<CommandResult>)
  >;
  /** path → content; 'EACCES' for a file the agent may not read; missing → does not exist. */
  files?: Record<string, string>;
}

export function fakeSystem(machine: FakeMachine = {}): SystemAccess & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    platform: machine.platform ?? 'linux',
    timeZone: machine.timeZone ?? 'UTC',
    now: () => machine.now ?? new Date('2026-04-01T00:00:00Z'),
    async run(command, args) {
      calls.push([command, ...args].join(' '));
      const answer = machine.commands?.[`${command} ${args[0] ?? ''}`.trim()] ?? machine.commands?.[command];
      if (answer === undefined) throw notInstalled(command);
      const result = typeof answer === 'function' ? answer(args) : answer;
      return typeof result === 'string'
        ? { stdout: result, stderr: '', exitCode: 0 }
        : { stdout: '', stderr: '', exitCode: 0, ...result };
    },
    async readFile(path) {
      const content = machine.files?.[path];
      if (content === undefined) throw fileError('ENOENT', path);
      if (content === 'EACCES') throw fileError('EACCES', path);
      return content;
    },
    async statfs() {
      return { sizeBytes: 100_000, freeBytes: 40_000 };
    },
    async modifiedAt() {
      return null;
    },
    uptimeSeconds: () => 3600,
    kernel: () => (machine.platform === 'win32' ? null : '6.1.0-18-amd64'),
    systemInfo: async () => ({ hostname: 'web1', os: 'Debian GNU/Linux', osVersion: '12' }),
  };
}
