// Backup jobs the agent is told to watch: restic repositories and backup status files (see backup-status-file.ts).
//
// A restic job is always reported under its configured name: "ok" when `restic snapshots` answered, "failed"
// when restic ran and could not read the repository, "unknown" when restic could not be run at all. A status
// file that cannot be read makes the whole section not available: its jobs are unknown, and leaving them out
// would look as if they had been removed.
import type { BackupJob, BackupRun } from '../../shared/api/inventory.ts';
import { type BackupReport, parseBackupStatusFile } from './backup-status-file.ts';
import { clip, sortByKeys } from './section.ts';
import { describeFailure, type SystemAccess, Unavailable } from './system-access.ts';
import { toInstant } from './time.ts';

export interface BackupOptions {
  restic?: { name: string; repository: string; passwordFile: string; rpoHours?: number }[];
  statusFiles?: { path: string; rpoHours?: number }[];
}

/** `restic snapshots --json`: an array of { time, hostname, paths, id, ... }; restic records successes only. */
export function newestResticSnapshot(json: string): string | null {
  const snapshots = JSON.parse(json) as unknown;
  if (!Array.isArray(snapshots)) throw new Error('restic snapshots --json did not print a list');
  let newest: string | null = null;
  for (const snapshot of snapshots) {
    const at = toInstant((snapshot as { time?: unknown })?.time);
    if (at && (newest === null || at > newest)) newest = at;
  }
  return newest;
}

async function resticReport(
  system: SystemAccess,
  job: NonNullable<BackupOptions['restic']>[number],
  rpoHours: number,
): Promise<BackupReport> {
  const report = (status: BackupJob['status'], lastSuccessAt: string | null): BackupReport => ({
    job: { name: clip(job.name, 200), source: 'restic', status, rpoHours },
    run: { name: clip(job.name, 200), lastSuccessAt, lastRunAt: lastSuccessAt },
  });
  try {
    const result = await system.run('restic', ['snapshots', '--json', '--no-lock'], {
      timeoutMs: 120_000,
      env: { RESTIC_REPOSITORY: job.repository, RESTIC_PASSWORD_FILE: job.passwordFile },
    });
    if (result.exitCode !== 0) return report('failed', null);
    return report('ok', newestResticSnapshot(result.stdout));
  } catch {
    return report('unknown', null); // restic missing or hanging: nothing is known about the repository
  }
}

/** A configured RPO inside the contract's bounds (1 hour to a year). */
function boundedRpo(hours: number | undefined, fallback: number): number {
  const value = Math.round(hours ?? fallback);
  return Number.isFinite(value) ? Math.min(8760, Math.max(1, value)) : 24;
}

export async function collectBackups(
  system: SystemAccess,
  options: BackupOptions,
  defaultRpoHours: number,
): Promise<{ jobs: BackupJob[]; runs: BackupRun[] }> {
  const fromRestic = (options.restic ?? []).map((job) =>
    resticReport(system, job, boundedRpo(job.rpoHours, defaultRpoHours)),
  );
  const fromFiles = (options.statusFiles ?? []).map(async (file) => {
    let text: string;
    try {
      text = await system.readFile(file.path, { maxBytes: 1024 * 1024 });
    } catch (error) {
      throw new Unavailable(`cannot read backup status file: ${describeFailure(error)}`);
    }
    return parseBackupStatusFile(file.path, text, boundedRpo(file.rpoHours, defaultRpoHours));
  });
  const reports = [...(await Promise.all(fromRestic)), ...(await Promise.all(fromFiles)).flat()];
  // Two jobs of one name from one source would be one entry in the server's diff: the first is kept.
  const unique = new Map(
    reports
      .map((report): [string, BackupReport] => [`${report.job.source}\t${report.job.name}`, report])
      .reverse(),
  );
  const kept = sortByKeys(
    unique.values(),
    (report) => report.job.name,
    (report) => report.job.source,
  ).slice(0, 100);
  return { jobs: kept.map((report) => report.job), runs: kept.map((report) => report.run) };
}
