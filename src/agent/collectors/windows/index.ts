// The Windows collectors, started together. The Security log feeds both events and sessions, so it is read once.
import type { ChangeEvent } from '../../../shared/api/inventory.ts';
import { collectSection, type PlatformCollectors, type Section } from '../section.ts';
import type { SystemAccess } from '../system-access.ts';
import { collectWindowsAccounts } from './accounts.ts';
import { collectInstallerEvents, collectSecurityEvents } from './events.ts';
import { collectWindowsProtection, collectWindowsUpdates } from './protection.ts';
import { collectWindowsServices } from './services.ts';
import { collectWindowsSoftware } from './software.ts';
import { collectWindowsDisks, collectWindowsVolumes } from './storage.ts';

export function startWindowsCollectors(system: SystemAccess, since: Date): PlatformCollectors {
  const installer = collectSection(() => collectInstallerEvents(system, since));
  const security = collectSection(() => collectSecurityEvents(system, since));
  const events = Promise.all([installer, security]).then(
    ([fromInstaller, fromSecurity]): Section<ChangeEvent[]> => {
      if (fromInstaller.value === null && fromSecurity.value === null) {
        return { value: null, reason: `${fromInstaller.reason}; ${fromSecurity.reason}`.slice(0, 300) };
      }
      // One log unreadable: the other's events still explain what they can.
      return { value: [...(fromInstaller.value ?? []), ...(fromSecurity.value?.events ?? [])] };
    },
  );
  return {
    software: collectSection(() => collectWindowsSoftware(system)),
    services: collectSection(() => collectWindowsServices(system)),
    accounts: collectSection(() => collectWindowsAccounts(system)),
    disks: collectSection(() => collectWindowsDisks(system)),
    raid: Promise.resolve({
      value: null,
      reason: 'RAID status is not read on Windows (Storage Spaces and controller tools are not queried)',
    }),
    protection: collectSection(() => collectWindowsProtection(system)),
    updates: collectSection(() => collectWindowsUpdates(system)),
    volumes: collectSection(() => collectWindowsVolumes(system)),
    events,
    sessions: security.then((result) =>
      result.value === null
        ? {
            value: null,
            reason:
              `cannot read the Security log (the agent must run as SYSTEM or an administrator): ${result.reason}`.slice(
                0,
                300,
              ),
          }
        : { value: result.value.sessions },
    ),
  };
}
