// Role -> permission table for MSP staff. Later issues add permissions and roles here; the
// authorization-matrix test checks every route against it.
import type { staffRoles } from '../modules/identity/identity.table.ts';

export type StaffRole = (typeof staffRoles)[number];

export const permissions = [
  'clients.read',
  'clients.manage',
  'calendars.read',
  'calendars.manage',
  'users.read',
  'users.manage',
  'tickets.read',
  'tickets.work',
  'tickets.import',
  /** Work types and the help desk's settings (reopen window). */
  'tickets.settings',
  /** Edit or delete anyone's time entries; everyone who works tickets edits their own. */
  'time.manage',
] as const;
export type Permission = (typeof permissions)[number];

const everything = [...permissions];

export const rolePermissions: Record<StaffRole, readonly Permission[]> = {
  owner: everything,
  admin: everything,
  dispatcher: [
    'clients.read',
    'clients.manage',
    'calendars.read',
    'users.read',
    'tickets.read',
    'tickets.work',
  ],
  technician: ['clients.read', 'calendars.read', 'tickets.read', 'tickets.work'],
  billing: ['clients.read', 'clients.manage', 'calendars.read', 'tickets.read'],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
