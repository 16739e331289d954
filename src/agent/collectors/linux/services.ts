// systemd services: what runs now (list-units) and how each starts (list-unit-files).
import type { Service } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull, sortByKeys } from '../section.ts';
import { commandFailure, type SystemAccess, Unavailable } from '../system-access.ts';

export const listUnitsArgs = [
  'list-units',
  '--type=service',
  '--all',
  '--no-legend',
  '--plain',
  '--no-pager',
];
export const listUnitFilesArgs = ['list-unit-files', '--type=service', '--no-legend', '--no-pager'];

/**
 * Units that come and go with logins or one-off commands, not with anyone's configuration: per-user managers
 * appear when a user logs in, and transient units (systemd-run, scopes) have no unit file at all.
 */
function followsLogins(name: string): boolean {
  return /^(user|user-runtime-dir)@.*\.service$/.test(name);
}

const startModes: Record<string, Service['startMode']> = {
  enabled: 'enabled',
  'enabled-runtime': 'enabled',
  disabled: 'disabled',
  masked: 'disabled',
  'masked-runtime': 'disabled',
  // Static units have no [Install] section: they start when something else asks for them.
  static: 'manual',
};

/** `list-unit-files` lines: "ssh.service enabled enabled" → name → state. */
export function parseUnitFiles(output: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [name, state] = line.trim().split(/\s+/);
    if (name?.endsWith('.service') && state) states.set(name, state);
  }
  return states;
}

function serviceState(active: string, sub: string): Service['state'] {
  if (active === 'active') return 'running'; // includes oneshots that have run and stay active ("exited")
  if (active === 'failed') return 'failed';
  if (active === 'inactive') return 'stopped';
  return sub === 'auto-restart' ? 'failed' : 'other';
}

/** `list-units` lines: "ssh.service loaded active running OpenBSD Secure Shell server". */
export function parseServices(unitsOutput: string, unitFilesOutput: string): Service[] {
  const unitFiles = parseUnitFiles(unitFilesOutput);
  const services: Service[] = [];
  for (const line of unitsOutput.split('\n')) {
    const match = line.trim().match(/^(\S+\.service)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/);
    if (!match) continue;
    const [, name, load, active, sub, description] = match as unknown as string[];
    if (load !== 'loaded' || followsLogins(name!)) continue;
    // An instance (getty@tty1.service) starts as its template's unit file says.
    const template = name!.replace(/@[^.]*\.service$/, '@.service');
    const fileState = unitFiles.get(name!) ?? unitFiles.get(template);
    if (fileState === undefined || fileState === 'transient') continue;
    services.push({
      name: clip(name, 300),
      displayName: clipOrNull(description, 300),
      state: serviceState(active!, sub!),
      startMode: startModes[fileState] ?? 'other',
    });
  }
  return sortByKeys(services, (service) => service.name);
}

export async function collectLinuxServices(system: SystemAccess): Promise<Service[]> {
  const units = await system.run('systemctl', listUnitsArgs);
  if (units.exitCode !== 0) {
    if (/not been booted with systemd|Failed to connect to bus/i.test(units.stderr)) {
      throw new Unavailable('systemd is not running on this machine (no service manager to ask)');
    }
    throw commandFailure('systemctl list-units', units);
  }
  // Asked only once list-units worked: without a running systemd it reads every unit file from disk (seconds).
  const unitFiles = await system.run('systemctl', listUnitFilesArgs);
  if (unitFiles.exitCode !== 0) throw commandFailure('systemctl list-unit-files', unitFiles);
  return parseServices(units.stdout, unitFiles.stdout);
}
