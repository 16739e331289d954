// Installed programs from the registry's uninstall keys: 64-bit, 32-bit (WOW6432Node) and the agent's own user.
import type { Software } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull, sortSoftware } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';
import { asArray, asText, runPowerShell } from './powershell.ts';

/**
 * HKCU is the agent's own hive (SYSTEM's when it runs as a service). Every user's hive (HKEY_USERS\*) would list
 * more, but only while that user is logged on: programs would seem to come and go with logons.
 * SystemComponent entries and updates (ParentKeyName) are parts of other programs, hidden in Settings too.
 */
export const softwareScript = `
$keys = 'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
  'HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
  'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'
Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue |
  Where-Object { $_.DisplayName -and $_.SystemComponent -ne 1 -and -not $_.ParentKeyName } |
  ForEach-Object { [pscustomobject]@{ DisplayName = [string]$_.DisplayName; DisplayVersion = [string]$_.DisplayVersion; Publisher = [string]$_.Publisher } } |
  ConvertTo-Json -Depth 4 -Compress`;

/** The name is the DisplayName Settings shows, which is also the product name Windows Installer logs. */
export function parseWindowsSoftware(json: unknown): Software[] {
  return sortSoftware(
    asArray(json).flatMap((entry): Software[] => {
      const name = asText(entry.DisplayName);
      if (!name) return [];
      return [
        {
          name: clip(name, 300),
          version: clip(asText(entry.DisplayVersion) ?? 'unknown', 200),
          publisher: clipOrNull(asText(entry.Publisher), 300),
          source: 'windows',
        },
      ];
    }),
  );
}

export async function collectWindowsSoftware(system: SystemAccess): Promise<Software[]> {
  return parseWindowsSoftware(await runPowerShell(system, softwareScript));
}
