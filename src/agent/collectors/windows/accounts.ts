// Local Windows accounts (Get-LocalUser, groups from Get-LocalGroupMember) and SQL Server's sa login.
import type { Account } from '../../../shared/api/inventory.ts';
import { clip, sortByKeys, sortedUnique } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';
import { localTimeToInstant, toInstant } from '../time.ts';
import { asArray, asText, runPowerShell } from './powershell.ts';

/**
 * Get-LocalGroupMember fails on a group holding a SID that no longer resolves (a known Windows bug), so each
 * group is asked on its own and a failing one is skipped rather than failing every account.
 */
export const accountsScript = `
$groups = @{}
foreach ($group in Get-LocalGroup) {
  try {
    foreach ($member in Get-LocalGroupMember -Group $group.Name) {
      if ($member.PrincipalSource -ne 'Local') { continue }
      $name = $member.Name.Split('\\')[-1]
      if (-not $groups.ContainsKey($name)) { $groups[$name] = @() }
      $groups[$name] += $group.Name
    }
  } catch { }
}
Get-LocalUser | ForEach-Object {
  [pscustomobject]@{
    Name = $_.Name
    Enabled = [bool]$_.Enabled
    PasswordLastSet = if ($_.PasswordLastSet) { $_.PasswordLastSet.ToUniversalTime().ToString('o') } else { $null }
    Groups = @($groups[$_.Name])
  }
} | ConvertTo-Json -Depth 4 -Compress`;

export function parseWindowsAccounts(json: unknown): Account[] {
  return asArray(json).flatMap((entry): Account[] => {
    const name = asText(entry.Name);
    if (!name) return [];
    const groups = (Array.isArray(entry.Groups) ? entry.Groups : [])
      .map(asText)
      .filter((group) => group !== null);
    return [
      {
        name: clip(name, 200),
        kind: 'local',
        groups: sortedUnique(groups.map((group) => clip(group, 200))).slice(0, 200),
        disabled: entry.Enabled !== true,
        passwordChangedAt: toInstant(entry.PasswordLastSet),
      },
    ];
  });
}

/** The sa login's password date (server-local datetime, no offset) and whether the login is disabled. */
export const sqlcmdArgs = [
  '-E',
  '-h',
  '-1',
  '-W',
  '-s',
  '|',
  '-Q',
  "SET NOCOUNT ON; SELECT CONVERT(varchar(30), LOGINPROPERTY('sa', 'PasswordLastSetTime'), 126), is_disabled FROM sys.sql_logins WHERE name = 'sa'",
];

/** "2024-02-11T08:15:42.237|0" — SQL Server writes the machine's local time. */
export function parseSqlSa(output: string, timeZone: string): Account | null {
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text.includes('|'));
  if (!line) return null;
  const [changed, disabled] = line.split('|');
  return {
    name: 'sa',
    kind: 'sql',
    groups: [],
    disabled: disabled?.trim() === '1',
    passwordChangedAt: changed && changed !== 'NULL' ? localTimeToInstant(changed, timeZone) : null,
  };
}

/** Only where sqlcmd exists and the default instance answers; otherwise there is no SQL login to report. */
async function collectSqlSa(system: SystemAccess): Promise<Account | null> {
  try {
    const result = await system.run('sqlcmd', sqlcmdArgs, { timeoutMs: 20_000 });
    return result.exitCode === 0 ? parseSqlSa(result.stdout, system.timeZone) : null;
  } catch {
    return null; // no sqlcmd, SQL Server stopped, or no login for the agent: the local accounts still stand
  }
}

export async function collectWindowsAccounts(system: SystemAccess): Promise<Account[]> {
  const [local, sa] = await Promise.all([runPowerShell(system, accountsScript), collectSqlSa(system)]);
  const accounts = parseWindowsAccounts(local);
  return sortByKeys(
    sa ? [...accounts, sa] : accounts,
    (account) => account.kind,
    (account) => account.name,
  );
}
