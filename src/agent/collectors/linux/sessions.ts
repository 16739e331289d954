// Logon sessions: `last` (wtmp) where it exists; otherwise sshd's own messages, from the journal or auth.log.
import type { Session } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull } from '../section.ts';
import { isMissingFile, type SystemAccess, Unavailable } from '../system-access.ts';
import { formatLocalTime, toInstant } from '../time.ts';

const isoTime = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:,\\d+)?[+-]\\d{2}:?\\d{2}';

/** "(01:23)" or "(2+01:23)" → milliseconds. */
function durationMs(text: string | undefined): number | null {
  const match = text?.match(/\((?:(\d+)\+)?(\d+):(\d{2})\)/);
  if (!match) return null;
  return ((Number(match[1] ?? 0) * 24 + Number(match[2])) * 60 + Number(match[3])) * 60_000;
}

function sessionKind(from: string | null): Session['kind'] {
  // X displays (":0") are local; anything else in the host column is a remote address.
  return from && !from.startsWith(':') ? 'ssh' : 'console';
}

/**
 * `last -w --time-format iso` lines:
 * "alice    pts/0    192.0.2.10    2024-05-01T09:00:00+02:00 - 2024-05-01T10:00:00+02:00  (01:00)",
 * "... still logged in", "... - down (00:10)", "... - crash (1+02:00)", "... gone - no logout".
 */
export function parseLast(output: string): Session[] {
  const sessions: Session[] = [];
  const pattern = new RegExp(`^(\\S+)\\s+(\\S+)\\s+(.*?)\\s*(${isoTime})\\s+(.*)$`);
  for (const line of output.split('\n')) {
    const match = line.match(pattern);
    if (!match) continue;
    const [, user, , host, started, rest] = match as unknown as string[];
    if (user === 'reboot' || user === 'shutdown' || user === 'runlevel') continue;
    const startedAt = toInstant(started!.replace(',', '.'));
    if (!startedAt) continue;
    let endedAt: string | null = null;
    const endTime = rest!.match(new RegExp(`^-\\s+(${isoTime})`));
    if (endTime) endedAt = toInstant(endTime[1]!.replace(',', '.'));
    else if (!rest!.startsWith('still logged in')) {
      // down, crash, gone: the record's duration is all that says when it ended.
      const lasted = durationMs(rest);
      endedAt = lasted === null ? null : new Date(Date.parse(startedAt) + lasted).toISOString();
    }
    const from = clipOrNull(host, 200);
    sessions.push({ user: clip(user, 200), from, kind: sessionKind(from), startedAt, endedAt });
  }
  return sessions;
}

/**
 * sshd lines with an ISO time first (journalctl -o short-iso, or rsyslog's default on Debian 12):
 * "2024-05-01T09:00:00+0200 host sshd[812]: Accepted publickey for alice from 192.0.2.10 port 51234 ssh2",
 * later "... sshd[812]: pam_unix(sshd:session): session closed for user alice". The same sshd process logs both.
 */
export function parseSshdLog(text: string): Session[] {
  const open = new Map<string, Session>();
  const sessions: Session[] = [];
  for (const line of text.split('\n')) {
    const match = line.match(/^(\S+) \S+ sshd\[(\d+)\]: (.*)$/);
    if (!match) continue;
    const at = toInstant(match[1]!);
    if (!at) continue;
    const accepted = match[3]!.match(/^Accepted \S+ for (\S+) from (\S+)/);
    if (accepted) {
      const session: Session = {
        user: clip(accepted[1], 200),
        from: clip(accepted[2], 200),
        kind: 'ssh',
        startedAt: at,
        endedAt: null,
      };
      open.set(match[2]!, session);
      sessions.push(session);
    } else if (/session closed for user/.test(match[3]!)) {
      const session = open.get(match[2]!);
      if (session) session.endedAt = at;
      open.delete(match[2]!);
    }
  }
  return sessions;
}

/** Sessions open at any moment since `since`. */
export function openSince(sessions: Session[], since: Date): Session[] {
  return sessions.filter(
    (session) => session.endedAt === null || Date.parse(session.endedAt) >= since.getTime(),
  );
}

export async function collectLinuxSessions(system: SystemAccess, since: Date): Promise<Session[]> {
  // wtmp holds every session; --since only trims output (it is read in local time).
  const sinceText = formatLocalTime(new Date(since.getTime() - 7 * 86_400_000), system.timeZone);
  try {
    const last = await system.run('last', ['-w', '--time-format', 'iso', '--since', sinceText], {
      env: { LC_ALL: 'C' },
    });
    if (last.exitCode === 0) return openSince(parseLast(last.stdout), since);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  let fromJournal: Session[] | null = null;
  try {
    const journal = await system.run('journalctl', [
      '-q',
      '--no-pager',
      '-o',
      'short-iso',
      '_COMM=sshd',
      '--since',
      `@${Math.floor(since.getTime() / 1000) - 86_400}`,
    ]);
    if (journal.exitCode === 0) fromJournal = openSince(parseSshdLog(journal.stdout), since);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  if (fromJournal && fromJournal.length > 0) return fromJournal;
  // Without a persistent journal, rsyslog's auth.log may still hold sshd's lines.
  try {
    return openSince(parseSshdLog(await system.readFile('/var/log/auth.log')), since);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  if (fromJournal) return fromJournal;
  throw new Unavailable('no logon record to read (no last, no journalctl, no /var/log/auth.log)');
}
