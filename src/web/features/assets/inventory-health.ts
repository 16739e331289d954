// Readings of an inventory report that need a rule: a backup older than its RPO, a volume nearly full, sizes
// and uptime in words. Pure, and tested.
import type { BackupJob, BackupRun, Volume } from '../../../shared/api/inventory.ts';

/** A volume is low on space under this share free. */
export const LOW_FREE_RATIO = 0.1;

export function volumeUsage(volume: Pick<Volume, 'sizeBytes' | 'freeBytes'>): {
  freeRatio: number;
  usedPercent: number;
  isLow: boolean;
} {
  const freeRatio = volume.sizeBytes > 0 ? Math.min(1, volume.freeBytes / volume.sizeBytes) : 0;
  return {
    freeRatio,
    usedPercent: Math.round((1 - freeRatio) * 1000) / 10,
    isLow: freeRatio < LOW_FREE_RATIO,
  };
}

export interface BackupReading {
  lastSuccessAt: string | null;
  lastRunAt: string | null;
  /** Hours since the last success; null when it never succeeded (as far as the report knows). */
  ageHours: number | null;
  /** No success within the RPO: the last good backup is older than it, or there is none. */
  isOlderThanRpo: boolean;
}

/** A job's last success (from the report's health, matched by name) against its RPO at `now`. */
export function readBackup(
  job: Pick<BackupJob, 'name' | 'rpoHours'>,
  runs: BackupRun[],
  now: number,
): BackupReading {
  const run = runs.find((candidate) => candidate.name === job.name);
  const lastSuccessAt = run?.lastSuccessAt ?? null;
  const ageHours = lastSuccessAt === null ? null : Math.max(0, (now - Date.parse(lastSuccessAt)) / 3_600_000);
  return {
    lastSuccessAt,
    lastRunAt: run?.lastRunAt ?? null,
    ageHours,
    isOlderThanRpo: ageHours === null || ageHours > job.rpoHours,
  };
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** "931 GiB", "12.4 GiB", "512 B" (binary units, as df and the OS count). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** "12 d 4 h", "3 h 20 min", "45 min"; "just started" under a minute. */
export function formatUptime(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return 'just started';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  const rest = minutes % 60;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** Antivirus signatures older than this many days are flagged. */
export const STALE_SIGNATURE_DAYS = 7;
