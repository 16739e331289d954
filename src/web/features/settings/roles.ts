// What each staff role may do, in words, mirroring the server's role -> permission table.
import type { StaffRoleValue } from '../../../shared/api/identity.ts';

export const roleOptions: { value: StaffRoleValue; label: string; description: string }[] = [
  { value: 'owner', label: 'Owner', description: 'Everything, including managing other owners.' },
  { value: 'admin', label: 'Admin', description: 'Everything: clients, calendars, SLA policies and users.' },
  { value: 'dispatcher', label: 'Dispatcher', description: 'Manages clients; sees calendars and staff.' },
  {
    value: 'technician',
    label: 'Technician',
    description: 'Sees the clients in their scope and the calendars.',
  },
  {
    value: 'billing',
    label: 'Billing',
    description: 'Manages clients, the service catalog and tax codes; sees calendars.',
  },
];

export const roleColor: Record<StaffRoleValue, string> = {
  owner: 'violet',
  admin: 'indigo',
  dispatcher: 'cyan',
  technician: 'gray',
  billing: 'teal',
};

export function roleLabel(role: StaffRoleValue): string {
  return roleOptions.find((option) => option.value === role)?.label ?? role;
}
