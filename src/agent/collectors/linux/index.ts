// The Linux collectors, started together.
import { collectSection, type PlatformCollectors } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';
import { collectLinuxAccounts } from './accounts.ts';
import { collectLinuxDisks } from './disks.ts';
import { collectPackageEvents } from './package-events.ts';
import { collectLinuxRaid } from './raid.ts';
import { collectLinuxServices } from './services.ts';
import { collectLinuxSessions } from './sessions.ts';
import { collectLinuxSoftware } from './software.ts';
import { collectLinuxUpdates } from './updates.ts';
import { collectLinuxVolumes } from './volumes.ts';

export function startLinuxCollectors(system: SystemAccess, since: Date): PlatformCollectors {
  return {
    software: collectSection(() => collectLinuxSoftware(system)),
    services: collectSection(() => collectLinuxServices(system)),
    accounts: collectSection(() => collectLinuxAccounts(system)),
    disks: collectSection(() => collectLinuxDisks(system)),
    raid: collectSection(() => collectLinuxRaid(system)),
    // ClamAV and friends keep no status a tool can query; a product list would always be empty or guessed.
    protection: Promise.resolve({ value: null, reason: 'no antivirus status is reported on Linux' }),
    updates: collectSection(() => collectLinuxUpdates(system)),
    volumes: collectSection(() => collectLinuxVolumes(system)),
    events: collectSection(() => collectPackageEvents(system, since)),
    sessions: collectSection(() => collectLinuxSessions(system, since)),
  };
}
