// Settings: one tab per area the user may see, above the area's own page.
import { Tabs } from '@mantine/core';
import {
  IconCalendarTime,
  IconClockShield,
  IconFingerprint,
  IconKey,
  IconListDetails,
  IconShieldLock,
  IconTicket,
  IconUsers,
} from '@tabler/icons-react';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useCan } from '../auth/session.ts';

const areas = [
  { value: '/settings/users', label: 'Users', icon: <IconUsers size={15} />, permission: 'users.read' },
  {
    value: '/settings/calendars',
    label: 'Business calendars',
    icon: <IconCalendarTime size={15} />,
    permission: 'calendars.read',
  },
  {
    value: '/settings/sla-policies',
    label: 'SLA policies',
    icon: <IconClockShield size={15} />,
    permission: 'calendars.read',
  },
  {
    value: '/settings/help-desk',
    label: 'Help desk',
    icon: <IconTicket size={15} />,
    permission: 'tickets.settings',
  },
  {
    value: '/settings/security',
    label: 'Security',
    icon: <IconShieldLock size={15} />,
    permission: 'security.manage',
  },
  {
    value: '/settings/sso',
    label: 'Single sign-on',
    icon: <IconKey size={15} />,
    permission: 'security.manage',
  },
  {
    value: '/settings/audit-log',
    label: 'Audit log',
    icon: <IconListDetails size={15} />,
    permission: 'audit.read',
  },
  {
    value: '/settings/security-events',
    label: 'Security events',
    icon: <IconFingerprint size={15} />,
    permission: 'security.manage',
  },
] as const;

export function SettingsLayout() {
  const can = useCan();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const visible = areas.filter((area) => can(area.permission));
  // Whole segments: /settings/security must not claim /settings/security-events.
  const current =
    visible.find((area) => pathname === area.value || pathname.startsWith(`${area.value}/`))?.value ?? null;

  return (
    <>
      <Tabs
        value={current}
        onChange={(value) => value && navigate({ to: value })}
        mb="lg"
        aria-label="Settings"
      >
        <Tabs.List>
          {visible.map((area) => (
            <Tabs.Tab key={area.value} value={area.value} leftSection={area.icon}>
              {area.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
