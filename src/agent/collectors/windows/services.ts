// Windows services from Win32_Service.
import type { Service } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull, sortByKeys } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';
import { asArray, asNumber, asText, runPowerShell } from './powershell.ts';

export const servicesScript = `
Get-CimInstance -ClassName Win32_Service |
  Select-Object Name, DisplayName, State, StartMode, ExitCode |
  ConvertTo-Json -Depth 4 -Compress`;

/** 1077: "no attempts to start the service have been made since the last boot" — stopped, not failed. */
const neverStarted = 1077;

function serviceState(
  state: string | null,
  startMode: string | null,
  exitCode: number | null,
): Service['state'] {
  if (state === 'Running') return 'running';
  if (state === 'Stopped') {
    // An automatic service that stopped with an error is what services.msc users call failed.
    const crashed = exitCode !== null && exitCode !== 0 && exitCode !== neverStarted;
    return crashed && startMode === 'Auto' ? 'failed' : 'stopped';
  }
  return 'other'; // Start Pending, Stop Pending, Paused…
}

const startModes: Record<string, Service['startMode']> = {
  Auto: 'enabled',
  Boot: 'enabled',
  System: 'enabled',
  Manual: 'manual',
  Disabled: 'disabled',
};

export function parseWindowsServices(json: unknown): Service[] {
  const services = asArray(json).flatMap((entry): Service[] => {
    const name = asText(entry.Name);
    // Per-user instances (CDPUserSvc_4b7c2) exist only while their user is logged on.
    if (!name || /_[0-9a-f]{4,8}$/i.test(name)) return [];
    const startMode = asText(entry.StartMode);
    return [
      {
        name: clip(name, 300),
        displayName: clipOrNull(asText(entry.DisplayName), 300),
        state: serviceState(asText(entry.State), startMode, asNumber(entry.ExitCode)),
        startMode: startMode ? (startModes[startMode] ?? 'other') : null,
      },
    ];
  });
  return sortByKeys(services, (service) => service.name);
}

export async function collectWindowsServices(system: SystemAccess): Promise<Service[]> {
  return parseWindowsServices(await runPowerShell(system, servicesScript));
}
