// What the demo's agent-enrolled machines have installed and running, as their collectors would report it:
// Windows uninstall-key entries and services, Debian/Ubuntu packages and systemd units.
import type { Service, Software } from '../../shared/api/inventory.ts';

/** [name, version, publisher] */
type Entry = readonly [string, string, string];

const MS = 'Microsoft Corporation';

const windowsSoftware = (entries: readonly Entry[]): Software[] =>
  entries.map(([name, version, publisher]) => ({
    name,
    version,
    publisher: publisher || null,
    source: 'windows',
  }));

export const byName = <T extends { name: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** On every managed Windows machine. */
const windowsBase: Entry[] = [
  ['7-Zip 23.01 (x64)', '23.01', 'Igor Pavlov'],
  ['Google Chrome', '121.0.6167.140', 'Google LLC'],
  ['Microsoft Edge', '121.0.2277.98', MS],
  ['Microsoft Edge Update', '1.3.183.29', ''],
  ['Microsoft Edge WebView2 Runtime', '121.0.2277.98', MS],
  ['Microsoft Update Health Tools', '5.72.0.0', MS],
  ['Microsoft Visual C++ 2013 Redistributable (x64) - 12.0.40664', '12.0.40664.0', MS],
  ['Microsoft Visual C++ 2013 Redistributable (x86) - 12.0.40664', '12.0.40664.0', MS],
  ['Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130', '14.38.33130.0', MS],
  ['Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.38.33130', '14.38.33130.0', MS],
  ['Microsoft Windows Desktop Runtime - 6.0.25 (x64)', '6.0.25.33020', MS],
  ['Microsoft .NET Runtime - 6.0.25 (x64)', '6.0.25.33020', MS],
  ['Microsoft .NET Host - 6.0.25 (x64)', '6.0.25.33020', MS],
  ['Microsoft .NET Host FX Resolver - 6.0.25 (x64)', '6.0.25.33020', MS],
  ['Update for Microsoft Defender Antivirus antimalware platform - KB4052623', '4.18.23110.3', MS],
  ['Local Administrator Password Solution', '6.2.0.0', MS],
  ['PowerShell 7.4.1.0-x64', '7.4.1.0', MS],
  ['Notepad++ (64-bit x64)', '8.6.2', 'Notepad++ Team'],
];

/** Desktops and laptops people work at. */
const windowsDesk: Entry[] = [
  ['Microsoft 365 Apps for business - en-us', '16.0.17231.20236', MS],
  ['Microsoft OneDrive', '24.010.0114.0003', MS],
  ['Microsoft Teams Meeting Add-in for Microsoft Office', '1.23.33413', MS],
  ['Microsoft Teams classic', '1.7.00.1960', MS],
  ['Adobe Acrobat (64-bit)', '23.008.20470', 'Adobe'],
  ['Zoom Workplace (64-bit)', '5.17.5.31030', 'Zoom Video Communications, Inc.'],
  ['Microsoft GameInput', '10.1.22621.3036', MS],
  ['Intel(R) Management Engine Components', '2239.3.35.0', 'Intel Corporation'],
  ['Realtek Audio Driver', '6.0.9373.1', 'Realtek Semiconductor Corp.'],
  ['Dell SupportAssist', '3.14.2.45116', 'Dell Inc.'],
  ['Dell Command | Update for Windows Universal', '5.1.0', 'Dell Inc.'],
];

const sqlServer: Entry[] = [
  ['Microsoft SQL Server 2019 (64-bit)', '15.0.4345.5', MS],
  ['Microsoft SQL Server 2019 Setup (English)', '15.0.4345.5', MS],
  ['SQL Server 2019 Database Engine Services', '15.0.4345.5', MS],
  ['SQL Server 2019 Database Engine Shared', '15.0.4345.5', MS],
  ['SQL Server 2019 Common Files', '15.0.4345.5', MS],
  ['SQL Server 2019 Shared Management Objects', '15.0.4345.5', MS],
  ['SQL Server 2019 Shared Management Objects Extensions', '15.0.4345.5', MS],
  ['SQL Server 2019 Connection Info', '15.0.4345.5', MS],
  ['SQL Server 2019 XEvent', '15.0.4345.5', MS],
  ['SQL Server 2019 DMF', '15.0.4345.5', MS],
  ['SQL Server 2019 SQL Diagnostics', '15.0.4345.5', MS],
  ['SQL Server 2019 Batch Parser', '15.0.4345.5', MS],
  ['SQL Server 2019 Full text search', '15.0.4345.5', MS],
  ['Browser for SQL Server 2019', '15.0.4345.5', MS],
  ['Microsoft VSS Writer for SQL Server 2019', '15.0.4345.5', MS],
  ['Microsoft ODBC Driver 17 for SQL Server', '17.10.5.1', MS],
  ['Microsoft OLE DB Driver for SQL Server', '18.6.7.0', MS],
  ['Microsoft Command Line Utilities 15 for SQL Server', '15.0.2000.5', MS],
  ['SQL Server Management Studio', '19.3.4.0', MS],
  ['Microsoft SQL Server 2012 Native Client', '11.4.7462.6', MS],
  ['Microsoft System CLR Types for SQL Server 2019', '15.0.2000.5', MS],
  ['Microsoft Visual Studio Tools for Applications 2019', '16.0.31110', MS],
];

const HSO = 'Henry Schein One';
const dentrixServer: Entry[] = [
  ['Dentrix G7 Server', '17.6.412.1', HSO],
  ['Dentrix Database Services', '17.6.412.1', HSO],
  ['Dentrix Document Center', '17.6.98.0', HSO],
  ['Dentrix Link Server', '9.2.0.14', HSO],
  ['eServices Communication Manager', '6.4.1.2', HSO],
  ['Crystal Reports runtime engine for .NET Framework (64-bit)', '13.0.32.4286', 'SAP'],
  ['Microsoft Access database engine 2016 (English)', '16.0.5044.1000', MS],
  ['Microsoft Report Viewer 2015 Runtime', '12.0.2402.15', MS],
  ['SIDEXIS 4 Server', '4.3.1.12', 'Dentsply Sirona'],
];

const dellServer: Entry[] = [
  ['Dell OpenManage Server Administrator', '11.0.0.0', 'Dell Inc.'],
  ['iDRAC Service Module', '5.2.0.0', 'Dell Inc.'],
  ['Veeam Agent for Microsoft Windows', '6.1.0.349', 'Veeam Software Group GmbH'],
  ['Microsoft Policy Platform', '68.1.1010.0', MS],
  ['Microsoft Monitoring Agent', '10.20.18069.0', MS],
];

/** Runtimes and tools that pile up on a line-of-business server over the years. */
const lobServerExtras: Entry[] = [
  ['Microsoft Visual C++ 2008 Redistributable - x64 9.0.30729.6161', '9.0.30729.6161', MS],
  ['Microsoft Visual C++ 2010  x64 Redistributable - 10.0.40219', '10.0.40219', MS],
  ['Microsoft Visual C++ 2010  x86 Redistributable - 10.0.40219', '10.0.40219', MS],
  ['Microsoft Visual C++ 2012 Redistributable (x64) - 11.0.61030', '11.0.61030.0', MS],
  ['Microsoft Visual C++ 2012 Redistributable (x86) - 11.0.61030', '11.0.61030.0', MS],
  ['Microsoft Visual Studio 2010 Tools for Office Runtime (x64)', '10.0.60917', MS],
  ['Microsoft Analysis Services OLE DB Provider', '16.0.5294.0', MS],
  ['Microsoft .NET Framework 4.8.1 Targeting Pack', '4.8.09032', MS],
  ['Adobe Acrobat Reader (64-bit)', '23.008.20470', 'Adobe'],
  ['HP Universal Printing PCL 6', '7.1.0.25570', 'HP Inc.'],
  ['Windows Admin Center', '1.5.2311.1002', MS],
  ['Java 8 Update 401 (64-bit)', '8.0.4010.10', 'Oracle Corporation'],
];

/** The practice-management server, before the vendor's visit (.NET 6 still installed). */
export const sqlServerSoftware = (): Software[] =>
  byName(
    windowsSoftware([
      ...windowsBase,
      ['Microsoft ASP.NET Core 6.0.25 - Shared Framework (x64)', '6.0.25.23571', MS],
      ['Microsoft 365 Apps for business - en-us', '16.0.17231.20236', MS],
      ...sqlServer,
      ...dentrixServer,
      ...dellServer,
      ...lobServerExtras,
    ]),
  );

/** What the vendor took out and put in. */
export const dotnetRemoved = [
  'Microsoft .NET Runtime - 6.0.25 (x64)',
  'Microsoft Windows Desktop Runtime - 6.0.25 (x64)',
];
export const dotnetInstalled: Software[] = windowsSoftware([
  ['Microsoft .NET Runtime - 8.0.1 (x64)', '8.0.1.33606', MS],
  ['Microsoft Windows Desktop Runtime - 8.0.1 (x64)', '8.0.1.33606', MS],
]);

export const domainControllerSoftware = (): Software[] =>
  byName(
    windowsSoftware([
      ...windowsBase,
      ...dellServer.filter(([name]) => !name.startsWith('Microsoft Monitoring')),
      ['Microsoft Entra Connect Sync', '2.2.8.0', MS],
      ['Microsoft Azure AD Connect Health agent for sync', '4.5.2520.0', MS],
      ['iManage Work Server Agent', '10.4.2.41', 'iManage LLC'],
    ]),
  );

export const deskSoftware = (extras: readonly Entry[]): Software[] =>
  byName(windowsSoftware([...windowsBase, ...windowsDesk, ...extras]));

export const lawDesk: Entry[] = [
  ['iManage Work Desktop for Windows', '10.4.1.132', 'iManage LLC'],
  ['Clio for Outlook', '3.12.0', 'Themis Solutions Inc.'],
  ['BitLocker Drive Encryption Management', '10.0.22621.1', MS],
  ['Microsoft Intune Management Extension', '1.74.102.0', MS],
];
export const dentalDesk: Entry[] = [
  ['Dentrix G7 Client', '17.6.412.1', HSO],
  ['Dentrix Document Center Client', '17.6.98.0', HSO],
  ['Topaz SigPlus', '4.5.0.39', 'Topaz Systems Inc'],
];
export const xrayDesk: Entry[] = [
  ...dentalDesk,
  ['SIDEXIS 4', '4.3.1.12', 'Dentsply Sirona'],
  ['Schick 33 Sensor Driver', '5.18.0.7', 'Dentsply Sirona'],
];
export const architectDesk: Entry[] = [
  ['Autodesk Revit 2024', '24.2.10.64', 'Autodesk, Inc.'],
  ['Autodesk AutoCAD 2024 - English', '24.3.61.0', 'Autodesk, Inc.'],
  ['Autodesk Desktop Connector', '16.9.0.2152', 'Autodesk, Inc.'],
  ['Enscape 3.5', '3.5.6.206893', 'Chaos Software'],
  ['Bluebeam Revu 21', '21.0.50', 'Bluebeam, Inc.'],
  ['NVIDIA Graphics Driver 537.99', '537.99', 'NVIDIA Corporation'],
  ['Synology Drive Client', '3.4.0.15724', 'Synology Inc.'],
];

type Unit = readonly [name: string, displayName: string | null, state?: Service['state']];

const windowsServices = (units: readonly Unit[]): Service[] =>
  units.map(([name, displayName, state = 'running']) => ({
    name,
    displayName,
    state,
    startMode: state === 'running' ? 'enabled' : 'manual',
  }));

const windowsBaseServices: Unit[] = [
  ['BITS', 'Background Intelligent Transfer Service'],
  ['Dhcp', 'DHCP Client'],
  ['Dnscache', 'DNS Client'],
  ['EventLog', 'Windows Event Log'],
  ['LanmanServer', 'Server'],
  ['LanmanWorkstation', 'Workstation'],
  ['MpsSvc', 'Windows Defender Firewall'],
  ['Spooler', 'Print Spooler'],
  ['W32Time', 'Windows Time'],
  ['WinDefend', 'Microsoft Defender Antivirus Service'],
  ['WinRM', 'Windows Remote Management (WS-Management)'],
  ['wuauserv', 'Windows Update', 'stopped'],
];

export const sqlServerServices = (): Service[] =>
  byName(
    windowsServices([
      ...windowsBaseServices,
      ['MSSQLSERVER', 'SQL Server (MSSQLSERVER)'],
      ['SQLSERVERAGENT', 'SQL Server Agent (MSSQLSERVER)'],
      ['SQLBrowser', 'SQL Server Browser'],
      ['SQLWriter', 'SQL Server VSS Writer'],
      ['MSSQLFDLauncher', 'SQL Full-text Filter Daemon Launcher (MSSQLSERVER)'],
      ['DtxAppServer', 'Dentrix Application Server'],
      ['DtxDocCenter', 'Dentrix Document Center Service'],
      ['DtxLinkServer', 'Dentrix Link Server'],
      ['SidexisServer', 'SIDEXIS 4 Server'],
      ['TermService', 'Remote Desktop Services'],
      ['VeeamEndpointBackupSvc', 'Veeam Agent for Microsoft Windows'],
      ['dcstor64', 'DSM SA Data Manager'],
    ]),
  );

export const serverServices = (extras: readonly Unit[]): Service[] =>
  byName(windowsServices([...windowsBaseServices, ['TermService', 'Remote Desktop Services'], ...extras]));

export const deskServices = (): Service[] =>
  byName(
    windowsServices([
      ...windowsBaseServices,
      ['Audiosrv', 'Windows Audio'],
      ['BDESVC', 'BitLocker Drive Encryption Service'],
      ['OneSyncSvc', 'Sync Host'],
      ['SupportAssistAgent', 'Dell SupportAssist'],
    ]),
  );

/** [name, version, arch] */
type Package = readonly [string, string, string?];

const debianPackages = (packages: readonly Package[]): Software[] =>
  packages.map(([name, version, arch = 'amd64']) => ({ name, version, publisher: arch, source: 'dpkg' }));

const linuxBase: Package[] = [
  ['adduser', '3.134', 'all'],
  ['apt', '2.6.1'],
  ['base-files', '12.4+deb12u5'],
  ['bash', '5.2.15-2+b7'],
  ['bsdutils', '1:2.38.1-5+deb12u1'],
  ['ca-certificates', '20230311', 'all'],
  ['coreutils', '9.1-1'],
  ['cron', '3.0pl1-162'],
  ['curl', '7.88.1-10+deb12u5'],
  ['dbus', '1.14.10-1~deb12u1'],
  ['dpkg', '1.21.22'],
  ['e2fsprogs', '1.47.0-2'],
  ['gnupg', '2.2.40-1.1', 'all'],
  ['grub-pc', '2.06-13+deb12u1'],
  ['htop', '3.2.2-2'],
  ['iproute2', '6.1.0-3'],
  ['less', '590-2.1~deb12u2'],
  ['libc6', '2.36-9+deb12u4'],
  ['libsystemd0', '252.22-1~deb12u1'],
  ['logrotate', '3.21.0-1'],
  ['lsof', '4.95.0-1'],
  ['nano', '7.2-1'],
  ['openssh-client', '1:9.2p1-2+deb12u2'],
  ['openssh-server', '1:9.2p1-2+deb12u2'],
  ['python3', '3.11.2-1+b1'],
  ['rsyslog', '8.2302.0-1'],
  ['sudo', '1.9.13p3-1+deb12u1'],
  ['systemd', '252.22-1~deb12u1'],
  ['tzdata', '2024a-0+deb12u1', 'all'],
  ['unattended-upgrades', '2.9.1+nmu3', 'all'],
  ['util-linux', '2.38.1-5+deb12u1'],
  ['vim-tiny', '2:9.0.1378-2'],
  ['wget', '1.21.3-1+b2'],
];

/** The law firm's file server; `openssl` is the version unattended-upgrades moves between reports. */
export const fileServerPackages = (openssl: string): Software[] =>
  byName(
    debianPackages([
      ...linuxBase,
      ['acl', '2.3.1-3'],
      ['attr', '1:2.5.1-4'],
      ['libssl3', openssl],
      ['openssl', openssl],
      ['linux-image-6.1.0-18-amd64', '6.1.76-1'],
      ['mdadm', '4.2-5'],
      ['smartmontools', '7.3-pre1'],
      ['restic', '0.14.0-1+b5'],
      ['samba', '2:4.17.12+dfsg-0+deb12u1'],
      ['samba-common-bin', '2:4.17.12+dfsg-0+deb12u1'],
      ['smbclient', '2:4.17.12+dfsg-0+deb12u1'],
      ['winbind', '2:4.17.12+dfsg-0+deb12u1'],
      ['libpam-winbind', '2:4.17.12+dfsg-0+deb12u1'],
      ['krb5-user', '1.20.1-2+deb12u1'],
      ['chrony', '4.3-2+deb12u1'],
      ['quota', '4.06-1+b2'],
      ['prometheus-node-exporter', '1.5.0-1+b6'],
    ]),
  );

export const utilityServerPackages = (): Software[] =>
  byName(
    debianPackages([
      ...linuxBase.map(
        ([name, version, arch]): Package => [name, version.replace('deb12', 'ubuntu22'), arch],
      ),
      ['restic', '0.12.1-2ubuntu0.3'],
      ['nfs-common', '1:2.6.1-1ubuntu1.2'],
      ['linux-image-5.15.0-94-generic', '5.15.0-94.104'],
      ['docker.io', '24.0.5-0ubuntu1~22.04.1'],
      ['smartmontools', '7.2-1build2'],
    ]),
  );

export const linuxServices = (extras: readonly Unit[]): Service[] =>
  byName(
    [
      ['cron.service', null],
      ['rsyslog.service', null],
      ['ssh.service', null],
      ['systemd-journald.service', null],
      ['unattended-upgrades.service', null],
      ...extras,
    ].map(([name, displayName, state = 'running']) => ({
      name: name as string,
      displayName: displayName as string | null,
      state: state as Service['state'],
      startMode: 'enabled' as const,
    })),
  );
