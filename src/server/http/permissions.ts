// Role -> permission table for MSP staff, and for the portals' people, who hold none of the staff's
// permissions (the portal routes check for their role instead). Later issues add permissions and roles
// here; the authorization-matrix test checks every route against it.

import { type Permission, permissions } from '../../shared/permissions.ts';
import type { memberRoles, staffRoles } from '../modules/identity/identity.table.ts';

export type { Permission };

export type StaffRole = (typeof staffRoles)[number];
export type MemberRole = (typeof memberRoles)[number];

const everything = [...permissions];

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
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
    'sla.manage',
    'remediation.manage',
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
    'sla.manage',
  ],
  vendor: [],
  client_admin: [],
  client_user: [],
};

export function can(role: MemberRole, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
