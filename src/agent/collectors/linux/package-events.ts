// Who installed, upgraded or removed which package, from apt's history.log (names the sudo user, or the
// automatic updater that ran apt) and, for changes made with dpkg directly, dpkg.log (names no one). Both logs
// write local time without an offset.
import type { ChangeEvent } from '../../../shared/api/inventory.ts';
import { clip, clipOrNull } from '../section.ts';
import { isMissingFile, type SystemAccess, Unavailable } from '../system-access.ts';
import { localTimeToInstant } from '../time.ts';

/** One apt run: a "Start-Date: … End-Date:" block. */
export interface AptRun {
  startedAt: string;
  endedAt: string | null;
  /**
   * The sudo user (apt writes Requested-By only when run through sudo or pkexec), or else the automatic
   * updater whose command line it was.
   */
  actor: string | null;
  changes: { name: string; action: string }[];
}

const aptActions: Record<string, string> = {
  Install: 'install',
  Upgrade: 'upgrade',
  Downgrade: 'downgrade',
  Reinstall: 'reinstall',
  Remove: 'remove',
  Purge: 'purge',
};

/**
 * Programs that run apt on their own schedule, as root and without sudo, by the name the routine actors
 * list knows them by: their runs are nobody's but theirs.
 */
const automaticUpdaters: Record<string, string> = { 'unattended-upgrade': 'unattended-upgrades' };

/** "Commandline: /usr/bin/unattended-upgrade" → "unattended-upgrades"; a person's apt-get names no one. */
function updaterOf(commandLine: string | undefined): string | null {
  const program = commandLine?.split(/\s+/)[0]?.split('/').pop();
  return (program && automaticUpdaters[program]) || null;
}

/** "libssl3:amd64" → "libssl3": state.software[].name has no architecture, and events must match it. */
function packageName(qualified: string): string {
  return qualified.split(':')[0]!;
}

export function parseAptHistory(text: string, timeZone: string): AptRun[] {
  const runs: AptRun[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const colon = line.indexOf(': ');
      if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 2).trim());
    }
    const startedAt = localTimeToInstant(fields.get('Start-Date') ?? '', timeZone);
    if (!startedAt) continue;
    const changes: AptRun['changes'] = [];
    for (const [field, action] of Object.entries(aptActions)) {
      // "libssl3:amd64 (3.0.16-1~deb12u1, 3.0.19-1~deb12u2), curl:amd64 (7.88.1-10, automatic)"
      for (const match of (fields.get(field) ?? '').matchAll(/([^\s,()]+) \([^)]*\)/g)) {
        changes.push({ name: packageName(match[1]!), action });
      }
    }
    runs.push({
      startedAt,
      endedAt: localTimeToInstant(fields.get('End-Date') ?? '', timeZone),
      actor: fields.get('Requested-By')?.replace(/\s*\(\d+\)$/, '') || updaterOf(fields.get('Commandline')),
      changes,
    });
  }
  return runs;
}

export interface DpkgChange {
  at: string;
  name: string;
  action: string;
}

/**
 * dpkg's own action lines: "2025-06-24 14:36:25 upgrade libudev1:amd64 252.36-1 252.38-1", and install,
 * remove, purge. ("status installed" lines also follow trigger runs, so they would report installs that were not.)
 */
export function parseDpkgLog(text: string, timeZone: string): DpkgChange[] {
  const changes: DpkgChange[] = [];
  for (const line of text.split('\n')) {
    const match = line.match(/^(\S+ \S+) (install|upgrade|remove|purge) (\S+) /);
    if (!match) continue;
    const at = localTimeToInstant(match[1]!, timeZone);
    if (at) changes.push({ at, name: packageName(match[3]!), action: match[2]! });
  }
  return changes;
}

/** An apt run that has no End-Date (still running, or killed) is taken to cover the hour after it started. */
const openRunMs = 3_600_000;

/** One event per package and apt run; dpkg.log adds the changes no apt run explains. */
export function packageEvents(runs: AptRun[], dpkgChanges: DpkgChange[], since: Date): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  const covered = new Map<string, { from: number; to: number }[]>();
  for (const run of runs) {
    const from = Date.parse(run.startedAt) - 1000;
    const to = run.endedAt ? Date.parse(run.endedAt) + 1000 : from + openRunMs;
    for (const change of run.changes) {
      covered.set(change.name, [...(covered.get(change.name) ?? []), { from, to }]);
      if (Date.parse(run.startedAt) < since.getTime()) continue;
      events.push({
        at: run.startedAt,
        kind: 'software',
        subject: clip(change.name, 300),
        action: change.action,
        actor: clipOrNull(run.actor, 200),
        source: 'apt history.log',
      });
    }
  }
  for (const change of dpkgChanges) {
    const at = Date.parse(change.at);
    if (at < since.getTime()) continue;
    if (covered.get(change.name)?.some((run) => at >= run.from && at <= run.to)) continue;
    events.push({
      at: change.at,
      kind: 'software',
      subject: clip(change.name, 300),
      action: change.action,
      actor: null,
      source: 'dpkg.log',
    });
  }
  return events;
}

/** The current log and the last rotation (.1, still plain text); older rotations are gzipped and skipped. */
async function readLogs(system: SystemAccess, path: string): Promise<string | null> {
  const parts = await Promise.all(
    [`${path}.1`, path].map((file) =>
      system.readFile(file).catch((error) => {
        if (isMissingFile(error)) return null;
        throw error;
      }),
    ),
  );
  const present = parts.filter((part) => part !== null);
  return present.length > 0 ? present.join('\n\n') : null;
}

export async function collectPackageEvents(system: SystemAccess, since: Date): Promise<ChangeEvent[]> {
  const [history, dpkg] = await Promise.all([
    readLogs(system, '/var/log/apt/history.log'),
    readLogs(system, '/var/log/dpkg.log'),
  ]);
  if (history === null && dpkg === null) {
    throw new Unavailable(
      'no package log to read (neither /var/log/apt/history.log nor /var/log/dpkg.log exists)',
    );
  }
  return packageEvents(
    parseAptHistory(history ?? '', system.timeZone),
    parseDpkgLog(dpkg ?? '', system.timeZone),
    since,
  );
}
