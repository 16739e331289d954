// Role -> permission table for MSP staff. Later issues add permissions and roles here; the
// authorization-matrix test checks every route against it.

import { type Permission, permissions } from '../../shared/permissions.ts';
import type { staffRoles } from '../modules/identity/identity.table.ts';

export type { Permission };

export type StaffRole = (typeof staffRoles)[number];

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
    'mail.triage',
    'billing.read',
    'assets.read',
    'assets.manage',
    'vendors.read',
    'vendors.manage',
    'changes.request',
    'changes.approve',
  ],
  technician: [
    'clients.read',
    'calendars.read',
    'tickets.read',
    'tickets.work',
    'billing.read',
    'assets.read',
    'assets.manage',
    'vendors.read',
    'changes.request',
  ],
  billing: [
    'clients.read',
    'clients.manage',
    'calendars.read',
    'tickets.read',
    'billing.read',
    'billing.manage',
    'invoices.read',
    'assets.read',
    'vendors.read',
  ],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
