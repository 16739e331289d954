// What the agent says about its machine when it enrolls: hostname, OS and version, a guess at its type.
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';

export interface SystemInfo {
  hostname: string;
  os: string;
  osVersion: string;
  type: 'server' | 'workstation' | 'laptop';
}

/** KEY=value lines of /etc/os-release, quotes removed. */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = line.match(/^([A-Z0-9_]+)=(.*)$/);
    if (!match) continue;
    fields[match[1]!] = match[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return fields;
}

async function osRelease(): Promise<Record<string, string> | null> {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return parseOsRelease(await readFile(path, 'utf8'));
    } catch {}
  }
  return null;
}

/** A laptop has a battery; on Linux a desktop environment's absence suggests a server. */
async function guessType(): Promise<SystemInfo['type']> {
  if (os.platform() !== 'linux') return 'workstation';
  try {
    const supplies = await readdir('/sys/class/power_supply');
    if (supplies.some((name) => name.startsWith('BAT'))) return 'laptop';
  } catch {}
  return process.env.XDG_CURRENT_DESKTOP || process.env.DISPLAY ? 'workstation' : 'server';
}

export async function collectSystemInfo(): Promise<SystemInfo> {
  const release = os.platform() === 'linux' ? await osRelease() : null;
  return {
    hostname: os.hostname().slice(0, 255) || 'unknown',
    os: (release?.NAME ?? os.type()).slice(0, 100) || 'unknown',
    osVersion: (release?.VERSION_ID ?? release?.VERSION ?? os.release()).slice(0, 100) || 'unknown',
    type: await guessType(),
  };
}
