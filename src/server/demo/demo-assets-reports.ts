// The inventory reports the demo's agents send, oldest first, with collection times before the demo's now.
// Two carry the product's stories: the dental practice's SQL server, where a vendor's RDP session changes
// the sa password and swaps .NET versions, and the law firm's file server, whose mirror loses a disk.
import type {
  Account,
  BackupJob,
  Disk,
  InventoryInput,
  InventoryState,
  Volume,
} from '../../shared/api/inventory.ts';
import type { AgentMachineKey, AgentMachineSeed } from './demo-assets-machines.ts';
import {
  architectDesk,
  byName,
  dentalDesk,
  deskServices,
  deskSoftware,
  domainControllerSoftware,
  dotnetInstalled,
  dotnetRemoved,
  fileServerPackages,
  lawDesk,
  linuxServices,
  serverServices,
  sqlServerServices,
  sqlServerSoftware,
  utilityServerPackages,
  xrayDesk,
} from './demo-assets-software.ts';

const HOUR_MS = 3_600_000;
const GB = 1_000_000_000;

/** The vendor's support account on the dental server, and where its session came from. */
export const VENDOR_ACCOUNT = 'dentrix-support';
export const VENDOR_ADDRESS = '198.51.100.74';

type Report = InventoryInput;

function clock(now: Date) {
  return (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR_MS).toISOString();
}

const windowsDisk = (id: number, model: string, serial: string): Disk => ({
  device: `PhysicalDisk${id}`,
  model,
  serial,
  health: 'ok',
  detail: 'HealthStatus: Healthy',
});

const volume = (mount: string, filesystem: string, sizeGb: number, freeGb: number): Volume => ({
  mount,
  filesystem,
  sizeBytes: sizeGb * GB,
  freeBytes: freeGb * GB,
});

const defender = [
  { product: 'Microsoft Defender Antivirus', enabled: true, realTimeProtection: true },
] as const;

function windowsAccounts(at: (hours: number) => string, extras: Account[] = []): Account[] {
  const local = (name: string, groups: string[], changedDaysAgo: number | null, disabled = false) => ({
    name,
    kind: 'local' as const,
    groups,
    disabled,
    passwordChangedAt: changedDaysAgo === null ? null : at(changedDaysAgo * 24),
  });
  return [
    local('Administrator', ['Administrators'], 212),
    local('DefaultAccount', ['System Managed Accounts Group'], null, true),
    local('Guest', ['Guests'], null, true),
    local('northwind-admin', ['Administrators'], 41),
    local('WDAGUtilityAccount', [], 388, true),
    ...extras,
  ].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

interface Shape {
  state: InventoryState;
  volumes: Volume[];
  uptimeDays: number;
  pendingUpdates: { count: number; security: number | null } | null;
  backupRuns?: { name: string; lastSuccessAt: string | null; lastRunAt: string | null }[];
  notAvailable?: InventoryInput['notAvailable'];
}

function report(collectedAt: string, shape: Shape, extra: Partial<Report> = {}): Report {
  return {
    collectedAt,
    agentVersion: '0.1.0',
    state: shape.state,
    health: {
      uptimeSeconds: shape.uptimeDays * 86_400,
      volumes: shape.volumes,
      pendingUpdates: shape.pendingUpdates,
      backupRuns: shape.backupRuns ?? [],
      signatureAgeDays: shape.state.protection?.length && shape.state.os.includes('Windows') ? 0 : null,
    },
    events: [],
    sessions: [],
    notAvailable: shape.notAvailable ?? {},
    ...extra,
  };
}

const noWindowsRaid = {
  raid: 'RAID status is not read on Windows (Storage Spaces and controller tools are not queried)',
};

function windowsShape(
  seed: AgentMachineSeed,
  parts: Pick<InventoryState, 'software' | 'services' | 'accounts'> & { disks: Disk[]; volumes: Volume[] },
): Shape {
  return {
    state: {
      hostname: seed.hostname,
      os: seed.os,
      osVersion: seed.osVersion,
      kernel: null,
      software: parts.software,
      services: parts.services,
      accounts: parts.accounts,
      disks: parts.disks,
      raid: null,
      backups: [],
      protection: [...defender],
    },
    volumes: parts.volumes,
    uptimeDays: 6,
    pendingUpdates: { count: 2, security: 1 },
    notAvailable: noWindowsRaid,
  };
}

/** LFD-SQL01: a baseline three days ago, the vendor's evening visit, and an unchanged report a few hours ago. */
function dentalSqlServer(seed: AgentMachineSeed, at: (hours: number) => string): Report[] {
  const session = { startedAt: at(61.2), endedAt: at(58.6) };
  const sa = (changedAt: string): Account => ({
    name: 'sa',
    kind: 'sql',
    groups: [],
    disabled: false,
    passwordChangedAt: changedAt,
  });
  const vendor: Account = {
    name: VENDOR_ACCOUNT,
    kind: 'local',
    groups: ['Administrators', 'Remote Desktop Users'],
    disabled: false,
    passwordChangedAt: at(24 * 290),
  };
  const service: Account = {
    name: 'DtxSvc',
    kind: 'local',
    groups: ['Users'],
    disabled: false,
    passwordChangedAt: at(24 * 500),
  };
  const shape = (software: InventoryState['software'], saChangedAt: string) =>
    windowsShape(seed, {
      software,
      services: sqlServerServices(),
      accounts: windowsAccounts(at, [vendor, service, sa(saChangedAt)]),
      disks: [
        windowsDisk(0, 'DELL PERC H355 Virtual Disk (RAID 1, OS)', '00b8f1a2c3d4e5f6'),
        windowsDisk(1, 'DELL PERC H355 Virtual Disk (RAID 10, data)', '00c9a2b3d4e5f607'),
      ],
      volumes: [volume('C:\\', 'NTFS', 240, 96), volume('D:\\', 'NTFS', 1920, 1174)],
    });
  const before = shape(sqlServerSoftware(), at(24 * 412));
  const afterSoftware = byName([
    ...sqlServerSoftware().filter((s) => !dotnetRemoved.includes(s.name)),
    ...dotnetInstalled,
  ]);
  const after = shape(afterSoftware, at(59.3));
  const installer = (hours: number, subject: string, action: 'install' | 'remove') => ({
    at: at(hours),
    kind: 'software' as const,
    subject,
    action,
    actor: VENDOR_ACCOUNT,
    source: `Windows event ${action === 'remove' ? 11724 : 11707}`,
  });
  return [
    report(at(72.4), before),
    // Agents report every 15 minutes; of the unchanged reports only the last before the visit matters,
    // because it bounds when the sa password (which no log dates) can have changed.
    report(at(61.45), { ...before, uptimeDays: 6.5 }),
    report(at(58.35), after, {
      events: [
        ...dotnetRemoved.map((name, i) => installer(60.4 - i * 0.05, name, 'remove')),
        ...dotnetInstalled.map((s, i) => installer(60.1 - i * 0.05, s.name, 'install')),
      ],
      sessions: [{ user: VENDOR_ACCOUNT, from: VENDOR_ADDRESS, kind: 'rdp', ...session }],
    }),
    report(at(3.2), { ...after, uptimeDays: 9 }),
  ];
}

/** HP-FS01: healthy yesterday; 40 minutes ago the mirror has dropped /dev/sdb, whose SMART check fails. */
function lawFileServer(seed: AgentMachineSeed, at: (hours: number) => string): Report[] {
  const backups: BackupJob[] = [{ name: 'fileshares-b2', source: 'restic', status: 'ok', rpoHours: 24 }];
  const disk = (device: string, serial: string, failing = false): Disk => ({
    device,
    model: 'WDC WD40EFRX-68N32N0',
    serial,
    health: failing ? 'failing' : 'ok',
    detail: failing
      ? 'SMART overall-health: FAILED; 1,184 reallocated sectors, 212 pending'
      : 'SMART overall-health: PASSED',
  });
  const shape = (openssl: string, degraded: boolean): Shape => ({
    state: {
      hostname: seed.hostname,
      os: seed.os,
      osVersion: seed.osVersion,
      kernel: '6.1.0-18-amd64',
      software: fileServerPackages(openssl),
      services: linuxServices([
        ['mdmonitor.service', null],
        ['nmbd.service', null],
        ['prometheus-node-exporter.service', null],
        ['restic-backup.timer', null],
        ['smartmontools.service', null],
        ['smbd.service', null],
        ['winbind.service', null],
      ]),
      accounts: [
        {
          name: 'hpadmin',
          kind: 'local',
          groups: ['hpadmin', 'sudo'],
          disabled: false,
          passwordChangedAt: '2025-09-14',
        },
        {
          name: 'northwind',
          kind: 'local',
          groups: ['northwind', 'sudo'],
          disabled: false,
          passwordChangedAt: '2025-11-02',
        },
        { name: 'root', kind: 'local', groups: ['root'], disabled: false, passwordChangedAt: '2024-03-18' },
      ],
      disks: [
        {
          device: '/dev/nvme0n1',
          model: 'Samsung SSD 980 500GB',
          serial: 'S64DNF0R812345',
          health: 'ok',
          detail: 'SMART overall-health: PASSED',
        },
        disk('/dev/sda', 'WD-WX32D81N4KQ7'),
        disk('/dev/sdb', 'WD-WX32D81N9PL2', degraded),
      ],
      raid: [
        {
          device: 'md0',
          level: 'raid1',
          health: degraded ? 'degraded' : 'ok',
          members: ['sda1', 'sdb1'],
          failedMembers: degraded ? ['sdb1'] : [],
        },
      ],
      backups,
      protection: null,
    },
    volumes: [volume('/', 'ext4', 490, 402), volume('/srv/shares', 'ext4', 3936, 1288)],
    uptimeDays: 112,
    pendingUpdates: { count: 4, security: 2 },
    backupRuns: [{ name: 'fileshares-b2', lastSuccessAt: at(4.6), lastRunAt: at(4.6) }],
    notAvailable: { protection: 'no antivirus status is reported on Linux' },
  });
  const apt = (subject: string) => ({
    at: at(17.9),
    kind: 'software' as const,
    subject,
    action: 'upgrade',
    actor: null,
    source: 'apt history.log',
  });
  return [
    report(at(26.3), shape('3.0.11-1~deb12u2', false)),
    report(at(0.67), shape('3.0.13-1~deb12u1', true), { events: [apt('libssl3'), apt('openssl')] }),
  ];
}

/** KA-UTIL01: its restic timer stopped three days ago, so the NAS backup is older than its RPO. */
function architectsUtility(seed: AgentMachineSeed, at: (hours: number) => string): Report[] {
  const shape: Shape = {
    state: {
      hostname: seed.hostname,
      os: seed.os,
      osVersion: seed.osVersion,
      kernel: '5.15.0-94-generic',
      software: utilityServerPackages(),
      services: linuxServices([
        ['docker.service', null],
        ['restic-nas.timer', null, 'failed'],
      ]),
      accounts: [
        {
          name: 'kauri',
          kind: 'local',
          groups: ['kauri', 'sudo'],
          disabled: false,
          passwordChangedAt: '2025-10-20',
        },
        { name: 'root', kind: 'local', groups: ['root'], disabled: true, passwordChangedAt: null },
      ],
      disks: [
        {
          device: '/dev/sda',
          model: 'Crucial MX500 1TB',
          serial: '2231E6A1B2C4',
          health: 'ok',
          detail: 'SMART overall-health: PASSED',
        },
      ],
      raid: [],
      backups: [{ name: 'nas-projects-b2', source: 'restic', status: 'ok', rpoHours: 24 }],
      protection: null,
    },
    volumes: [volume('/', 'ext4', 980, 611)],
    uptimeDays: 31,
    pendingUpdates: { count: 17, security: 6 },
    backupRuns: [{ name: 'nas-projects-b2', lastSuccessAt: at(79.5), lastRunAt: at(79.5) }],
    notAvailable: { protection: 'no antivirus status is reported on Linux' },
  };
  return [report(at(0.4), shape)];
}

function desk(
  seed: AgentMachineSeed,
  at: (hours: number) => string,
  hoursAgo: number,
  extras: Parameters<typeof deskSoftware>[0],
) {
  const shape = windowsShape(seed, {
    software: deskSoftware(extras),
    services: deskServices(),
    accounts: windowsAccounts(at),
    disks: [windowsDisk(0, 'NVMe PC801 NVMe SK hynix 512GB', 'ACE4_2E00_1234_5678')],
    volumes: [volume('C:\\', 'NTFS', 511, 187)],
  });
  return [report(at(hoursAgo), { ...shape, uptimeDays: 2 })];
}

function domainController(seed: AgentMachineSeed, at: (hours: number) => string): Report[] {
  const shape = windowsShape(seed, {
    software: domainControllerSoftware(),
    services: serverServices([
      ['ADSync', 'Microsoft Azure AD Sync'],
      ['DFSR', 'DFS Replication'],
      ['DNS', 'DNS Server'],
      ['Kdc', 'Kerberos Key Distribution Center'],
      ['NTDS', 'Active Directory Domain Services'],
      ['Netlogon', 'Netlogon'],
    ]),
    accounts: windowsAccounts(at),
    disks: [windowsDisk(0, 'HPE LOGICAL VOLUME', 'PDNLH0BRH8X1AB')],
    volumes: [volume('C:\\', 'NTFS', 446, 301)],
  });
  return [report(at(0.8), { ...shape, uptimeDays: 23 })];
}

/** Every enrolled machine's reports, oldest first. */
export function demoReports(seed: AgentMachineSeed, now: Date): Report[] {
  const at = clock(now);
  const silent = seed.silentForHours ?? 0;
  const builders: Record<AgentMachineKey, () => Report[]> = {
    lfdSql: () => dentalSqlServer(seed, at),
    lfdFront: () => desk(seed, at, 0.5, dentalDesk),
    lfdXray: () => desk(seed, at, 1.1, xrayDesk),
    hpFileServer: () => lawFileServer(seed, at),
    hpDomainController: () => domainController(seed, at),
    hpLaptop: () => desk(seed, at, 0.3, lawDesk),
    kaUtility: () => architectsUtility(seed, at),
    kaRevit: () => desk(seed, at, 0.9, architectDesk),
    kaWellington: () => desk(seed, at, silent + 0.2, architectDesk),
  };
  return builders[seed.key]();
}
