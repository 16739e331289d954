// The demo's machines that run the Accord agent: what they say when they enroll and what the MSP adds.
import type { agentAssetTypes } from '../../shared/api/agents.ts';
import type { AssetCriticality } from '../../shared/api/asset-enums.ts';
import type { ClientKey } from './demo-data.ts';

/** Machines enrolled with an agent; their reports are built in demo-assets-reports.ts. */
export type AgentMachineKey =
  | 'lfdSql'
  | 'lfdFront'
  | 'lfdXray'
  | 'hpFileServer'
  | 'hpDomainController'
  | 'hpLaptop'
  | 'kaUtility'
  | 'kaRevit'
  | 'kaWellington';

export interface AgentMachineSeed {
  key: AgentMachineKey;
  client: ClientKey;
  site: number;
  hostname: string;
  type: (typeof agentAssetTypes)[number];
  os: string;
  osVersion: string;
  serial: string;
  /** Days before the demo's today the agent enrolled. */
  enrolledDaysAgo: number;
  criticality: AssetCriticality;
  warrantyMonths?: number;
  notes: string;
  /** When set, the agent went quiet this many hours ago (the others are online). */
  silentForHours?: number;
}

const WIN_SERVER_2022 = { os: 'Microsoft Windows Server 2022 Standard', osVersion: '10.0.20348' };
const WIN_SERVER_2019 = { os: 'Microsoft Windows Server 2019 Standard', osVersion: '10.0.17763' };
const WIN_11 = { os: 'Microsoft Windows 11 Pro', osVersion: '10.0.22631' };
const WIN_10 = { os: 'Microsoft Windows 10 Pro', osVersion: '10.0.19045' };

export const agentMachines: readonly AgentMachineSeed[] = [
  {
    key: 'lfdSql',
    client: 'dental',
    site: 0,
    hostname: 'LFD-SQL01',
    type: 'server',
    ...WIN_SERVER_2022,
    serial: 'JX7QHM3',
    enrolledDaysAgo: 58,
    criticality: 'critical',
    warrantyMonths: 19,
    notes:
      'Dell PowerEdge T350. Dentrix G7 on SQL Server 2019 (default instance) and the Sidexis image store. ' +
      'Henry Schein One support connects over RDP as dentrix-support, by appointment only.',
  },
  {
    key: 'lfdFront',
    client: 'dental',
    site: 0,
    hostname: 'LFD-FRONT01',
    type: 'workstation',
    ...WIN_11,
    serial: '5CD3219KQ7',
    enrolledDaysAgo: 58,
    criticality: 'high',
    warrantyMonths: 27,
    notes: 'Front desk check-in PC with the signature pad.',
  },
  {
    key: 'lfdXray',
    client: 'dental',
    site: 1,
    hostname: 'LFD-EV-XRAY1',
    type: 'workstation',
    ...WIN_10,
    serial: '9WZ4KL2',
    enrolledDaysAgo: 51,
    criticality: 'high',
    warrantyMonths: -4,
    notes: 'Operatory 2 imaging PC with the Schick 33 sensor. Windows 10 until Sirona certifies 11.',
  },
  {
    key: 'hpFileServer',
    client: 'law',
    site: 0,
    hostname: 'HP-FS01',
    type: 'server',
    os: 'Debian GNU/Linux',
    osVersion: '12',
    serial: 'CZ2D3807LP',
    enrolledDaysAgo: 74,
    criticality: 'high',
    warrantyMonths: 7,
    notes:
      'HPE ProLiant MicroServer Gen10 Plus. Samba shares for matters and scans on md0 (RAID 1, 2 × 4 TB); ' +
      'restic to Backblaze B2 nightly.',
  },
  {
    key: 'hpDomainController',
    client: 'law',
    site: 0,
    hostname: 'HP-DC01',
    type: 'server',
    ...WIN_SERVER_2019,
    serial: 'CZJ0481F2W',
    enrolledDaysAgo: 74,
    criticality: 'critical',
    warrantyMonths: 2,
    notes: 'Domain controller, DNS, Entra Connect sync and the iManage server agent.',
  },
  {
    key: 'hpLaptop',
    client: 'law',
    site: 0,
    hostname: 'HP-LT-EP01',
    type: 'laptop',
    ...WIN_11,
    serial: 'HN7T6Y3',
    enrolledDaysAgo: 40,
    criticality: 'normal',
    warrantyMonths: 30,
    notes: "Edward Pryce's Latitude 7440; BitLocker, recovery key in Entra ID.",
  },
  {
    key: 'kaUtility',
    client: 'architects',
    site: 0,
    hostname: 'KA-UTIL01',
    type: 'server',
    os: 'Ubuntu',
    osVersion: '22.04',
    serial: 'G6NX0C2',
    enrolledDaysAgo: 33,
    criticality: 'high',
    notes: 'Small Ubuntu box that backs up the NAS project share to Backblaze B2 with restic.',
  },
  {
    key: 'kaRevit',
    client: 'architects',
    site: 0,
    hostname: 'KA-WS-HF01',
    type: 'workstation',
    ...WIN_11,
    serial: '7GK2XQ3',
    enrolledDaysAgo: 33,
    criticality: 'normal',
    warrantyMonths: 22,
    notes: 'Dell Precision 3660, RTX A4000: Revit and Enscape.',
  },
  {
    key: 'kaWellington',
    client: 'architects',
    site: 1,
    hostname: 'KA-WLG-WS02',
    type: 'workstation',
    ...WIN_11,
    serial: '3LM8RT2',
    enrolledDaysAgo: 29,
    criticality: 'normal',
    warrantyMonths: 11,
    notes: 'Hot desk in the Wellington studio; often switched off when nobody is in.',
    silentForHours: 76,
  },
];
