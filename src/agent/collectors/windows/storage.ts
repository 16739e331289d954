// Physical disk health (Get-PhysicalDisk) and fixed volumes' free space (Get-Volume).
import type { Disk, Volume } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull, sortByKeys } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';
import { asArray, asNumber, asText, runPowerShell } from './powershell.ts';

/** CIM enums reach JSON as numbers; the scripts keep them so and the parsers name them. */
export const disksScript = `
Get-PhysicalDisk |
  Select-Object DeviceId, FriendlyName, SerialNumber, HealthStatus, MediaType, BusType |
  ConvertTo-Json -Depth 4 -Compress`;

export const volumesScript = `
Get-Volume |
  Select-Object DriveLetter, Path, FileSystemLabel, FileSystem, DriveType, Size, SizeRemaining |
  ConvertTo-Json -Depth 4 -Compress`;

/** MSFT_PhysicalDisk.HealthStatus: 0 Healthy, 1 Warning, 2 Unhealthy, 5 Unknown (or the names, from PowerShell 7). */
const healthNames: Record<string, string> = {
  '0': 'Healthy',
  '1': 'Warning',
  '2': 'Unhealthy',
  '5': 'Unknown',
};

export function parseWindowsDisks(json: unknown): Disk[] {
  const disks = asArray(json).flatMap((entry): Disk[] => {
    const id = asText(entry.DeviceId);
    if (id === null) return [];
    const raw = asText(entry.HealthStatus) ?? 'Unknown';
    const status = healthNames[raw] ?? raw;
    return [
      {
        device: clip(`PhysicalDisk${id}`, 200),
        model: clipOrNull(asText(entry.FriendlyName), 200),
        serial: clipOrNull(asText(entry.SerialNumber), 200),
        health:
          status === 'Healthy'
            ? 'ok'
            : status === 'Warning' || status === 'Unhealthy'
              ? 'failing'
              : 'unknown',
        detail: clipOrNull(`HealthStatus: ${status}`, 500),
      },
    ];
  });
  return sortByKeys(disks, (disk) => disk.device);
}

/** MSFT_Volume.DriveType 3 = fixed; removable sticks and optical drives come and go. */
const fixedDrive = new Set(['3', 'Fixed']);

export function parseWindowsVolumes(json: unknown): Volume[] {
  const volumes = asArray(json).flatMap((entry): Volume[] => {
    const size = asNumber(entry.Size);
    const free = asNumber(entry.SizeRemaining);
    const letter = asText(entry.DriveLetter);
    if (!fixedDrive.has(asText(entry.DriveType) ?? '') || !size || free === null) return [];
    // Volumes without a letter (recovery, EFI) are named by label, else by their \\?\Volume{…}\ path.
    const mount =
      letter && /^[A-Za-z]$/.test(letter)
        ? `${letter.toUpperCase()}:\\`
        : (asText(entry.FileSystemLabel) ?? asText(entry.Path));
    if (!mount) return [];
    return [
      {
        mount: clip(mount, 500),
        filesystem: clipOrNull(asText(entry.FileSystem), 100),
        sizeBytes: size,
        freeBytes: free,
      },
    ];
  });
  return sortByKeys(volumes, (volume) => volume.mount);
}

export async function collectWindowsDisks(system: SystemAccess): Promise<Disk[]> {
  return parseWindowsDisks(await runPowerShell(system, disksScript));
}

export async function collectWindowsVolumes(system: SystemAccess): Promise<Volume[]> {
  return parseWindowsVolumes(await runPowerShell(system, volumesScript));
}
