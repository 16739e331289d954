// Pending updates from apt's dry run: `apt-get -s upgrade` prints one "Inst" line per package it would upgrade.
import type { InventoryHealth } from '../../../shared/api/inventory.ts';
import { commandFailure, isMissingFile, type SystemAccess, Unavailable } from '../system-access.ts';

export const aptSimulateArgs = ['-s', '-o', 'Debug::NoLocking=1', 'upgrade'];

/**
 * "Inst libgcrypt20 [1.10.1-3] (1.10.1-3+deb12u1 Debian:12.15/oldstable, Debian-Security:12/oldstable-security
 * [amd64])": a package is a security update when one of the origins it comes from is a -security archive.
 */
export function parseAptSimulation(output: string): NonNullable<InventoryHealth['pendingUpdates']> {
  let count = 0;
  let security = 0;
  for (const line of output.split('\n')) {
    if (!line.startsWith('Inst ')) continue;
    count += 1;
    const origins = line.match(/\(([^)]*)\)/)?.[1] ?? '';
    if (/-security\b/i.test(origins)) security += 1;
  }
  return { count, security };
}

/**
 * apt takes seconds to work out an upgrade (more on a busy machine), yet its answer changes only when the package
 * lists are refreshed or something is installed: the last answer is kept until one of these paths changes.
 */
const aptInputs = [
  '/var/lib/apt/lists',
  '/var/lib/dpkg/status',
  '/etc/apt/sources.list',
  '/etc/apt/sources.list.d',
];
let lastAnswer: { key: string; value: NonNullable<InventoryHealth['pendingUpdates']> } | null = null;

export async function collectLinuxUpdates(system: SystemAccess): Promise<InventoryHealth['pendingUpdates']> {
  const times = await Promise.all(aptInputs.map((path) => system.modifiedAt(path)));
  const key = times[1] === null ? null : JSON.stringify(times); // no dpkg status: nothing to key on
  if (key !== null && lastAnswer?.key === key) return lastAnswer.value;
  try {
    const result = await system.run('apt-get', aptSimulateArgs, {
      timeoutMs: 60_000,
      env: { LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.exitCode !== 0) throw commandFailure('apt-get -s upgrade', result);
    const value = parseAptSimulation(result.stdout);
    if (key !== null) lastAnswer = { key, value };
    return value;
  } catch (error) {
    if (isMissingFile(error))
      throw new Unavailable('apt-get is not installed (pending updates are read from apt only)');
    throw error;
  }
}
