// Who changed what, and who was on the machine, from the Windows event logs: Windows Installer's events in the
// Application log, and account, password, group and RDP logon events in the Security log.
import type { ChangeEvent, Session } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';
import { toInstant } from '../time.ts';
import { asArray, asText, runPowerShell } from './powershell.ts';

const resolveSid = `
function Resolve-Sid($sid) {
  if (-not $sid) { return $null }
  try { (New-Object System.Security.Principal.SecurityIdentifier([string]$sid)).Translate([System.Security.Principal.NTAccount]).Value } catch { [string]$sid }
}`;

/** Get-WinEvent throws when nothing matches; that is an empty answer, not a failure. */
const readEvents = (query: string) => `
$events = @()
try { $events = @(${query}) } catch { if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw } }`;

export function installerEventsScript(since: Date): string {
  return `${resolveSid}
${readEvents(`Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'MsiInstaller'; Id = 1033, 1034, 11707, 11724; StartTime = [DateTime]::Parse('${since.toISOString()}').ToUniversalTime() }`)}
[pscustomobject]@{
  Computer = $env:COMPUTERNAME
  Events = @($events | ForEach-Object {
    [pscustomobject]@{ Id = $_.Id; TimeCreated = $_.TimeCreated.ToUniversalTime().ToString('o'); User = Resolve-Sid $_.UserId; Message = $_.Message }
  })
} | ConvertTo-Json -Depth 4 -Compress`;
}

/** Logons are read from a day earlier than `since`, so sessions still open at `since` are found. */
export function securityEventsScript(since: Date): string {
  const from = (at: Date) => `TimeCreated[@SystemTime&gt;='${at.toISOString()}']`;
  const changes = from(since);
  const logons = from(new Date(since.getTime() - 86_400_000));
  const xml = `<QueryList><Query Id="0" Path="Security">
<Select Path="Security">*[System[(EventID=4720 or EventID=4723 or EventID=4724 or EventID=4732) and ${changes}]]</Select>
<Select Path="Security">*[System[(EventID=4624 or EventID=4634) and ${logons}] and EventData[Data[@Name='LogonType']='10']]</Select>
<Select Path="Security">*[System[EventID=4647 and ${logons}]]</Select>
</Query></QueryList>`;
  return `${resolveSid}
${readEvents(`Get-WinEvent -FilterXml @'\n${xml}\n'@`)}
[pscustomobject]@{
  Computer = $env:COMPUTERNAME
  Events = @($events | ForEach-Object {
    $values = @($_.Properties | ForEach-Object { [string]$_.Value })
    [pscustomobject]@{
      Id = $_.Id
      TimeCreated = $_.TimeCreated.ToUniversalTime().ToString('o')
      Properties = $values
      Member = if ($_.Id -eq 4732) { Resolve-Sid $values[1] } else { $null }
    }
  })
} | ConvertTo-Json -Depth 4 -Compress`;
}

interface LoggedEvent {
  id: number;
  at: string;
  fields: string[];
  user: string | null;
  member: string | null;
  message: string;
}

function readLog(json: unknown): { computer: string; events: LoggedEvent[] } {
  const report = asArray(json)[0] ?? {};
  const events = asArray(report.Events).flatMap((entry): LoggedEvent[] => {
    const at = toInstant(entry.TimeCreated);
    if (!at) return [];
    const fields = (Array.isArray(entry.Properties) ? entry.Properties : []).map(
      (value) => asText(value) ?? '',
    );
    const user = asText(entry.User);
    const member = asText(entry.Member);
    return [{ id: Number(entry.Id), at, fields, user, member, message: asText(entry.Message) ?? '' }];
  });
  return {
    computer: asText(report.Computer) ?? '',
    events: events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
  };
}

/**
 * "HOST\alice" → "alice" for the machine's own accounts (as state.accounts names them), "NT AUTHORITY\SYSTEM"
 * → "SYSTEM"; domain accounts keep their domain ("CONTOSO\jsmith").
 */
export function accountName(
  domain: string | null | undefined,
  name: string | null | undefined,
  computer: string,
): string | null {
  if (!name || name === '-') return null;
  const qualified = domain && domain !== '-' && !name.includes('\\') ? `${domain}\\${name}` : name;
  const [prefix, plain] = qualified.includes('\\') ? qualified.split('\\', 2) : ['', qualified];
  const local =
    !prefix || prefix.toUpperCase() === computer.toUpperCase() || /^(NT AUTHORITY|BUILTIN)$/i.test(prefix);
  return clipOrNull(local ? plain : qualified, 200);
}

/** 11707/11724 and 1033/1034 report the same change: one event is kept per product, action and minute. */
export function parseInstallerEvents(json: unknown): ChangeEvent[] {
  const { computer, events } = readLog(json);
  const kept: ChangeEvent[] = [];
  for (const event of events) {
    const summary =
      event.message.match(/^Product: (.+?) -- (Installation|Removal) completed successfully/) ??
      event.message.match(
        /Product Name: (.+?)\. Product Version: .*?(?:Installation|Removal) success or error status: 0\b/,
      );
    if (!summary) continue; // failed installs change nothing
    const action = event.id === 1034 || event.id === 11724 ? 'remove' : 'install';
    const subject = clip(summary[1], 300);
    const actor = accountName(null, event.user, computer);
    const duplicate = kept.some(
      (seen) =>
        seen.subject === subject &&
        seen.action === action &&
        Math.abs(Date.parse(seen.at) - Date.parse(event.at)) <= 60_000,
    );
    if (!duplicate)
      kept.push({
        at: event.at,
        kind: 'software',
        subject,
        action,
        actor,
        source: `Windows event ${event.id}`,
      });
  }
  return kept;
}

/** Security log account events → change events; logon type 10 (RDP) → sessions, ended by 4634/4647. */
export function parseSecurityEvents(
  json: unknown,
  since: Date,
): { events: ChangeEvent[]; sessions: Session[] } {
  const { computer, events } = readLog(json);
  const changes: ChangeEvent[] = [];
  const sessions: Session[] = [];
  const byLogonId = new Map<string, Session>();
  for (const { id, at, fields: f, member } of events) {
    const change = (
      kind: ChangeEvent['kind'],
      subject: string | null,
      action: string,
      actor: string | null,
    ) => {
      if (subject && Date.parse(at) >= since.getTime()) {
        changes.push({
          at,
          kind,
          subject: clip(subject, 300),
          action: clip(action, 100),
          actor,
          source: `Windows event ${id}`,
        });
      }
    };
    if (id === 4720)
      change('account', accountName(f[1], f[0], computer), 'create', accountName(f[5], f[4], computer));
    else if (id === 4723 || id === 4724) {
      const action = id === 4723 ? 'password change' : 'password reset';
      change('password', accountName(f[1], f[0], computer), action, accountName(f[5], f[4], computer));
    } else if (id === 4732) {
      const subject = accountName(null, member ?? f[0], computer);
      change('group', subject, `added to group ${f[2] ?? ''}`, accountName(f[7], f[6], computer));
    } else if (id === 4624) {
      const user = accountName(f[6], f[5], computer);
      if (!user) continue;
      const address = f[18] && f[18] !== '-' ? f[18] : null;
      // An administrator's RDP logon is logged twice at once (full and filtered token): one session.
      const twin = sessions.find(
        (s) =>
          s.user === user &&
          s.from === address &&
          Math.abs(Date.parse(s.startedAt) - Date.parse(at)) <= 2_000,
      );
      const session = twin ?? { user, from: address, kind: 'rdp' as const, startedAt: at, endedAt: null };
      if (!twin) sessions.push(session);
      if (f[7]) byLogonId.set(f[7], session);
    } else if (id === 4634 || id === 4647) {
      const session = byLogonId.get(f[3] ?? '');
      if (session && session.endedAt === null) session.endedAt = at;
    }
  }
  const open = sessions.filter(
    (session) => session.endedAt === null || Date.parse(session.endedAt) >= since.getTime(),
  );
  return { events: changes, sessions: open };
}

export async function collectInstallerEvents(system: SystemAccess, since: Date): Promise<ChangeEvent[]> {
  return parseInstallerEvents(await runPowerShell(system, installerEventsScript(since)));
}

export async function collectSecurityEvents(system: SystemAccess, since: Date) {
  return parseSecurityEvents(await runPowerShell(system, securityEventsScript(since), 90_000), since);
}
