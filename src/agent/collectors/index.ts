// What `accord agent run` reports about its machine: every collector started at once, each one's failure
// reduced to "not available" with a reason, lists sorted and bounded so `state` hashes the same until
// something really changes.
import type { InventoryInput, InventorySection } from '../../shared/api/inventory.ts';
import { agentVersion } from '../version.ts';
import { type BackupOptions, collectBackups } from './backups.ts';
import { startLinuxCollectors } from './linux/index.ts';
import { collectSection, type PlatformCollectors, type Section, sortByKeys } from './section.ts';
import { realSystem, type SystemAccess } from './system-access.ts';
import { startWindowsCollectors } from './windows/index.ts';

export type { SystemAccess } from './system-access.ts';

export interface CollectorOptions {
  /** Backup jobs to report. restic: runs `restic snapshots --json` with RESTIC_REPOSITORY/RESTIC_PASSWORD_FILE env; json: reads a status file. */
  backups?: BackupOptions;
  /** RPO when a job names none (default 24). */
  defaultRpoHours?: number;
  /** Report log events and sessions from this instant on (the agent passes a little before its previous report; default 24 h ago). */
  since?: Date;
  /** For tests: how commands are run and files read; defaults run real commands (execFile with timeout, no shell) and read real files. */
  system?: SystemAccess;
}

/** The contract's list bounds: a report over them would be refused whole. */
const maxEvents = 5_000;
const maxSessions = 2_000;
const limits = { software: 20_000, services: 5_000, accounts: 5_000, disks: 256, raid: 64, protection: 20 };

function unsupported(platform: string): PlatformCollectors {
  const none = Promise.resolve({ value: null, reason: `the agent does not collect this on ${platform}` });
  return {
    software: none,
    services: none,
    accounts: none,
    disks: none,
    raid: none,
    protection: none,
    updates: none,
    volumes: none,
    events: none,
    sessions: none,
  };
}

export async function collectInventory(options: CollectorOptions = {}): Promise<InventoryInput> {
  const system = options.system ?? realSystem;
  const collectedAt = system.now();
  const since = options.since ?? new Date(collectedAt.getTime() - 86_400_000);
  const started =
    system.platform === 'linux'
      ? startLinuxCollectors(system, since)
      : system.platform === 'win32'
        ? startWindowsCollectors(system, since)
        : unsupported(system.platform);
  const backupsStarted = collectSection(() =>
    collectBackups(system, options.backups ?? {}, options.defaultRpoHours ?? 24),
  );
  const [
    info,
    software,
    services,
    accounts,
    disks,
    raid,
    protection,
    updates,
    volumes,
    events,
    sessions,
    backups,
  ] = await Promise.all([
    system.systemInfo(),
    started.software,
    started.services,
    started.accounts,
    started.disks,
    started.raid,
    started.protection,
    started.updates,
    started.volumes,
    started.events,
    started.sessions,
    backupsStarted,
  ]);

  const notAvailable: Partial<Record<InventorySection, string>> = {};
  const note = (section: InventorySection, result: Section<unknown>) => {
    if (result.value === null && result.reason) notAvailable[section] = result.reason;
  };
  note('software', software);
  note('services', services);
  note('accounts', accounts);
  note('disks', disks);
  note('raid', raid);
  note('backups', backups);
  note('protection', protection);
  note('updates', updates);
  note('events', events);
  note('sessions', sessions);

  const eventList = sortByKeys(
    events.value ?? [],
    (event) => event.at,
    (event) => event.kind,
    (event) => event.subject,
    (event) => event.action,
    (event) => event.source,
  ).slice(-maxEvents); // the newest, when a log holds more than a report may carry
  const sessionList = sortByKeys(
    sessions.value ?? [],
    (session) => session.startedAt,
    (session) => session.user,
    (session) => session.from,
  ).slice(-maxSessions);

  return {
    collectedAt: collectedAt.toISOString(),
    agentVersion: agentVersion(),
    state: {
      hostname: info.hostname,
      os: info.os,
      osVersion: info.osVersion,
      kernel: system.kernel(),
      software: software.value?.slice(0, limits.software) ?? null,
      services: services.value?.slice(0, limits.services) ?? null,
      accounts: accounts.value?.slice(0, limits.accounts) ?? null,
      disks: disks.value?.slice(0, limits.disks) ?? null,
      raid: raid.value?.slice(0, limits.raid) ?? null,
      backups: backups.value?.jobs ?? null,
      protection: protection.value?.products.slice(0, limits.protection) ?? null,
    },
    health: {
      uptimeSeconds: system.uptimeSeconds(),
      volumes: (volumes.value ?? []).slice(0, 256),
      pendingUpdates: updates.value ?? null,
      backupRuns: backups.value?.runs ?? [],
      signatureAgeDays: protection.value?.signatureAgeDays ?? null,
    },
    events: eventList,
    sessions: sessionList,
    notAvailable,
  };
}
