// Antivirus state (Microsoft Defender, plus third-party products registered with Security Center on
// workstations) and pending Windows updates.
import type { InventoryHealth, Protection } from '../../../shared/api/inventory.ts';
import { clip, sortByKeys } from '../section.ts';
import { type SystemAccess, Unavailable } from '../system-access.ts';
import { asArray, asNumber, asText, runPowerShell } from './powershell.ts';

/** Security Center exists on client editions only: on servers that half is empty. */
export const protectionScript = `
$defender = $null
try {
  $status = Get-MpComputerStatus
  $defender = [pscustomobject]@{
    AMServiceEnabled = [bool]$status.AMServiceEnabled
    AntivirusEnabled = [bool]$status.AntivirusEnabled
    RealTimeProtectionEnabled = [bool]$status.RealTimeProtectionEnabled
    AntivirusSignatureAge = [int]$status.AntivirusSignatureAge
  }
} catch { }
$others = @()
try {
  $others = @(Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct |
    Select-Object displayName, productState)
} catch { }
[pscustomobject]@{ Defender = $defender; SecurityCenter = $others } | ConvertTo-Json -Depth 4 -Compress`;

const defenderName = 'Microsoft Defender Antivirus';

/**
 * Security Center's productState packs flags in hex digits: 0x1000 set means the scanner is on. It says nothing
 * reliable about real-time protection, so that stays unknown for third-party products.
 */
export function parseProtection(json: unknown): { products: Protection[]; signatureAgeDays: number | null } {
  const report = (asArray(json)[0] ?? {}) as { Defender?: unknown; SecurityCenter?: unknown };
  const products: Protection[] = [];
  const defender = asArray(report.Defender)[0];
  if (defender) {
    products.push({
      product: defenderName,
      enabled: defender.AMServiceEnabled === true && defender.AntivirusEnabled === true,
      realTimeProtection: defender.RealTimeProtectionEnabled === true,
    });
  }
  for (const entry of asArray(report.SecurityCenter)) {
    const name = asText(entry.displayName);
    // Defender registers itself as "Windows Defender" there too: it is reported from its own status above.
    if (!name || /defender/i.test(name)) continue;
    const state = asNumber(entry.productState) ?? 0;
    products.push({ product: clip(name, 200), enabled: (state & 0x1000) !== 0, realTimeProtection: null });
  }
  if (products.length === 0) {
    throw new Unavailable(
      'no antivirus status found (Get-MpComputerStatus failed and Security Center lists none)',
    );
  }
  const age = defender ? asNumber(defender.AntivirusSignatureAge) : null;
  return {
    products: sortByKeys(products, (product) => product.product),
    // Defender reports 65535 when it has never updated its signatures.
    signatureAgeDays: age !== null && age >= 0 && age < 65535 ? Math.floor(age) : null,
  };
}

/** Searches the local update cache (Online = false): fast, and as fresh as Windows Update's last scan. */
export const updatesScript = `
$searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
$searcher.Online = $false
$result = $searcher.Search("IsInstalled=0 and IsHidden=0 and Type='Software'")
$security = 0
foreach ($update in $result.Updates) {
  foreach ($category in $update.Categories) {
    if ($category.Name -eq 'Security Updates') { $security++; break }
  }
}
[pscustomobject]@{ Count = [int]$result.Updates.Count; Security = $security } | ConvertTo-Json -Depth 4 -Compress`;

export function parseWindowsUpdates(json: unknown): InventoryHealth['pendingUpdates'] {
  const report = asArray(json)[0];
  const count = asNumber(report?.Count);
  if (count === null) throw new Unavailable('Windows Update did not report a count');
  return { count, security: asNumber(report?.Security) };
}

export async function collectWindowsProtection(system: SystemAccess) {
  return parseProtection(await runPowerShell(system, protectionScript));
}

export async function collectWindowsUpdates(
  system: SystemAccess,
): Promise<InventoryHealth['pendingUpdates']> {
  return parseWindowsUpdates(await runPowerShell(system, updatesScript, 120_000));
}
