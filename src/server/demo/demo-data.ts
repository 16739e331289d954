// The demo tenant's cast: the MSP, its staff, its three clients with sites and contacts, and SLA targets.

import type { StaffRoleValue } from '../../shared/api/identity.ts';
import type { SlaTargets } from '../../shared/api/sla-policies.ts';

/** Documented in the README; `--password` or ACCORD_PASSWORD replace it. */
export const DEMO_PASSWORD = 'accord-demo-2026';

export const DEMO_ORGANIZATION = 'Northwind IT Services';

export type StaffKey = 'owner' | 'admin' | 'dispatcher' | 'technician' | 'scopedTechnician' | 'billing';
export type ClientKey = 'dental' | 'law' | 'architects';

export interface StaffSeed {
  key: StaffKey;
  name: string;
  email: string;
  role: StaffRoleValue;
  title: string;
  /** Only for staff who see some clients: the clients they are scoped to. */
  clients?: ClientKey[];
}

export const staffSeeds: readonly StaffSeed[] = [
  {
    key: 'owner',
    name: 'Olivia Bennett',
    email: 'olivia@northwind-it.example',
    role: 'owner',
    title: 'Owner',
  },
  { key: 'admin', name: 'Marcus Hale', email: 'marcus@northwind-it.example', role: 'admin', title: 'Admin' },
  {
    key: 'dispatcher',
    name: 'Priya Raman',
    email: 'priya@northwind-it.example',
    role: 'dispatcher',
    title: 'Dispatcher',
  },
  {
    key: 'technician',
    name: 'Tomás Ortega',
    email: 'tomas@northwind-it.example',
    role: 'technician',
    title: 'Technician, all clients',
  },
  {
    key: 'scopedTechnician',
    name: 'Aroha Ngata',
    email: 'aroha@northwind-it.example',
    role: 'technician',
    title: 'Technician, Kauri Architects only',
    clients: ['architects'],
  },
  {
    key: 'billing',
    name: 'Grace Kim',
    email: 'grace@northwind-it.example',
    role: 'billing',
    title: 'Billing',
  },
];

export const ownerSeed = staffSeeds[0]!;

export interface ContactSeed {
  name: string;
  title: string;
  email: string;
  phone: string;
  /** Index into the client's sites. */
  site: number;
  isBillableUser: boolean;
}

export interface ClientSeed {
  key: ClientKey;
  name: string;
  emailDomains: string[];
  phone: string;
  website: string;
  notes: string;
  /** The zone of its business calendar and sites. */
  timeZone: string;
  policy: 'standard' | 'premium';
  sites: { name: string; address: string; timeZone: string }[];
  contacts: ContactSeed[];
  /** Share of the ticket volume. */
  weight: number;
  /** Covered work shown: $0 lines on invoices, and the work begun unasked in the portal. */
  showCoveredWork?: boolean;
}

export const clientSeeds: readonly ClientSeed[] = [
  {
    key: 'dental',
    name: 'Lakeshore Family Dental',
    emailDomains: ['lakeshoredental.example'],
    phone: '+1 312 555 0142',
    website: 'https://lakeshoredental.example',
    notes:
      'Two clinics. Dentrix practice management; Sirona imaging on the X-ray PCs. Saturday mornings open.',
    timeZone: 'America/Chicago',
    policy: 'standard',
    weight: 40,
    showCoveredWork: true,
    sites: [
      {
        name: 'Lakeview clinic',
        address: '2810 N Clark St, Chicago, IL 60657',
        timeZone: 'America/Chicago',
      },
      {
        name: 'Evanston clinic',
        address: '1603 Orrington Ave, Evanston, IL 60201',
        timeZone: 'America/Chicago',
      },
    ],
    contacts: [
      contact('Dr. Maria Alvarez', 'Practice owner', 'maria', '+1 312 555 0143', 0, true),
      contact('Janet Cole', 'Office manager', 'janet', '+1 312 555 0144', 0, true),
      contact('Luis Romero', 'Front desk lead', 'luis', '+1 312 555 0145', 0, true),
      contact('Dr. Kevin Park', 'Associate dentist', 'kevin', '+1 847 555 0191', 1, true),
      contact('Tasha Greene', 'Hygienist', 'tasha', '+1 847 555 0192', 1, false),
    ],
  },
  {
    key: 'law',
    name: 'Harcourt & Pryce LLP',
    emailDomains: ['harcourtpryce.example'],
    phone: '+44 20 7946 0321',
    website: 'https://harcourtpryce.example',
    notes:
      'Litigation firm. iManage document management, Clio billing. Partners travel; laptops are BitLocker-encrypted.',
    timeZone: 'Europe/London',
    policy: 'premium',
    weight: 35,
    sites: [
      { name: 'Holborn office', address: '14 Red Lion Square, London WC1R 4QH', timeZone: 'Europe/London' },
    ],
    contacts: [
      contact('Edward Pryce', 'Managing partner', 'edward', '+44 20 7946 0322', 0, true),
      contact('Sophie Turner', 'Practice manager', 'sophie', '+44 20 7946 0323', 0, true),
      contact('Amara Okafor', 'Associate', 'amara', '+44 20 7946 0324', 0, true),
      contact('Daniel Wright', 'Legal secretary', 'daniel', '+44 20 7946 0325', 0, true),
    ],
  },
  {
    key: 'architects',
    name: 'Kauri Architects',
    emailDomains: ['kauriarchitects.example'],
    phone: '+64 9 555 0178',
    website: 'https://kauriarchitects.example',
    notes: 'Revit and AutoCAD on workstations; project files on the Synology NAS, replicated to Wellington.',
    timeZone: 'Pacific/Auckland',
    policy: 'standard',
    weight: 25,
    sites: [
      { name: 'Ponsonby studio', address: '118 Ponsonby Rd, Auckland 1011', timeZone: 'Pacific/Auckland' },
      { name: 'Wellington studio', address: '40 Cuba St, Wellington 6011', timeZone: 'Pacific/Auckland' },
    ],
    contacts: [
      contact('Mereana Walker', 'Director', 'mereana', '+64 9 555 0179', 0, true),
      contact('James Liu', 'Studio manager', 'james', '+64 9 555 0180', 0, true),
      contact('Hannah Fraser', 'Senior architect', 'hannah', '+64 4 555 0112', 1, true),
    ],
  },
];

function contact(
  name: string,
  title: string,
  mailbox: string,
  phone: string,
  site: number,
  isBillableUser: boolean,
): ContactSeed {
  return { name, title, email: mailbox, phone, site, isBillableUser };
}

/** The contact's address at the client's first email domain. */
export const contactEmail = (client: ClientSeed, seed: ContactSeed) =>
  `${seed.email}@${client.emailDomains[0]}`;

/** Business minutes. P1 follows the 24×7 calendar; the rest follow the client's office hours. */
export const slaTargets: Record<'standard' | 'premium', SlaTargets> = {
  standard: {
    P1: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    P2: { firstResponseMinutes: 120, resolutionMinutes: 960 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 1800 },
    P4: { firstResponseMinutes: 480, resolutionMinutes: 4800 },
  },
  premium: {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    P3: { firstResponseMinutes: 120, resolutionMinutes: 1200 },
    P4: { firstResponseMinutes: 240, resolutionMinutes: 2400 },
  },
};

/** Who works a client's tickets, by weight; the scoped technician only ever gets Kauri's. */
export const assigneeWeights: Record<ClientKey, Partial<Record<StaffKey, number>>> = {
  dental: { technician: 65, admin: 20, dispatcher: 15 },
  law: { technician: 60, admin: 30, dispatcher: 10 },
  architects: { scopedTechnician: 75, technician: 15, admin: 10 },
};
