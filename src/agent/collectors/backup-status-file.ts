// A backup status file: how any backup tool that can write a little JSON (a script after Veeam, borg, rsync,
// a NAS) tells the agent about its jobs. The agent reads it as is; the tool rewrites it after every run.
//
//   {
//     "jobs": [
//       {
//         "name": "nightly files",           // unique within the machine, shown to staff (1-200 characters)
//         "status": "ok",                   // the last run: "ok" | "failed" (anything else reads as "unknown")
//         "lastSuccessAt": "2026-05-20T01:00:12Z",   // ISO 8601 with an offset, or null if never
//         "lastRunAt": "2026-05-20T01:00:12Z",       // the last attempt, successful or not, or null
//         "rpoHours": 24                    // optional: alert when the last success is older than this
//       }
//     ]
//   }
import { z } from 'zod';
import type { BackupJob, BackupRun } from '../../shared/api/inventory.ts';
import { clip } from './section.ts';
import { Unavailable } from './system-access.ts';
import { toInstant } from './time.ts';

const statusFileSchema = z.object({
  jobs: z.array(
    z.object({
      name: z.string().trim().min(1).max(200),
      status: z.string().optional(),
      lastSuccessAt: z.string().nullish(),
      lastRunAt: z.string().nullish(),
      rpoHours: z.number().int().min(1).max(8760).optional(),
    }),
  ),
});

export interface BackupReport {
  job: BackupJob;
  run: BackupRun;
}

/** `fallbackRpoHours`: the job's own rpoHours wins, then the agent's setting for the file. */
export function parseBackupStatusFile(path: string, text: string, fallbackRpoHours: number): BackupReport[] {
  let parsed: z.infer<typeof statusFileSchema>;
  try {
    parsed = statusFileSchema.parse(JSON.parse(text));
  } catch {
    throw new Unavailable(
      clip(`backup status file ${path} is not in the expected format ({ "jobs": [...] })`, 300),
    );
  }
  return parsed.jobs.map((entry) => ({
    job: {
      name: entry.name,
      source: 'json',
      status: entry.status === 'ok' || entry.status === 'failed' ? entry.status : 'unknown',
      rpoHours: entry.rpoHours ?? fallbackRpoHours,
    },
    run: {
      name: entry.name,
      lastSuccessAt: toInstant(entry.lastSuccessAt),
      lastRunAt: toInstant(entry.lastRunAt),
    },
  }));
}
