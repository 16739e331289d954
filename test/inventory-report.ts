// A realistic agent report for tests and benchmarks: a Debian server with `packages` installed packages,
// a few services and accounts, one disk, a mirrored array and a restic backup job.
import type { Inventory, Software } from '../src/shared/api/inventory.ts';

export function packages(count: number): Software[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `lib-package-${String(i).padStart(4, '0')}`,
    version: `1.${i % 17}.${i % 5}-${(i % 3) + 1}`,
    publisher: 'amd64',
    source: 'dpkg' as const,
  }));
}

export function inventoryReport(overrides: Partial<Inventory> & { packageCount?: number } = {}): Inventory {
  const { packageCount = 300, ...rest } = overrides;
  const collectedAt = rest.collectedAt ?? new Date().toISOString();
  return {
    collectedAt,
    agentVersion: '0.1.0',
    state: {
      hostname: 'fs01',
      os: 'Debian GNU/Linux',
      osVersion: '12',
      kernel: '6.1.0-28-amd64',
      software: packages(packageCount),
      services: [
        { name: 'cron.service', displayName: null, state: 'running', startMode: 'enabled' },
        { name: 'ssh.service', displayName: null, state: 'running', startMode: 'enabled' },
      ],
      accounts: [
        {
          name: 'alice',
          kind: 'local',
          groups: ['alice', 'sudo'],
          disabled: false,
          passwordChangedAt: '2026-01-10',
        },
        { name: 'root', kind: 'local', groups: ['root'], disabled: false, passwordChangedAt: '2025-12-01' },
      ],
      disks: [{ device: '/dev/sda', model: 'WDC WD40EFRX', serial: 'WD-1', health: 'ok', detail: null }],
      raid: [{ device: 'md0', level: 'raid1', health: 'ok', members: ['sda1', 'sdb1'], failedMembers: [] }],
      backups: [{ name: 'nightly', source: 'restic', status: 'ok', rpoHours: 24 }],
      protection: null,
    },
    health: {
      uptimeSeconds: 86_400,
      volumes: [{ mount: '/', filesystem: 'ext4', sizeBytes: 100e9, freeBytes: 40e9 }],
      pendingUpdates: { count: 3, security: 1 },
      backupRuns: [{ name: 'nightly', lastSuccessAt: collectedAt, lastRunAt: collectedAt }],
      signatureAgeDays: null,
    },
    events: [],
    sessions: [],
    notAvailable: { protection: 'no antivirus status is reported on Linux' },
    ...rest,
  };
}
