// Settings: one tab per area the user may see, above the area's own page.
import { Tabs } from '@mantine/core';
import {
  IconCalendarTime,
  IconClockShield,
  IconFingerprint,
  IconKey,
  IconListDetails,
  IconMail,
  IconMailForward,
  IconShieldLock,
  IconTemplate,
  IconTicket,
  IconUsers,
} from '@tabler/icons-react';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
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
  { value: '/settings/mail', label: 'Mail', icon: <IconMail size={15} />, permission: 'mail.manage' },
  {
    value: '/settings/email-templates',
    label: 'Email templates',
    icon: <IconTemplate size={15} />,
    permission: 'mail.manage',
  },
  {
    value: '/settings/outbound-mail',
    label: 'Outbound mail',
    icon: <IconMailForward size={15} />,
    permission: 'mail.manage',
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

  // The bar scrolls sideways when the areas do not fit: keep the current one in view.
  useEffect(() => {
    if (!current) return;
    const tab = document.querySelector<HTMLElement>(`[role="tab"][aria-selected="true"]`);
    tab?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);

  return (
    <>
      <Tabs
        value={current}
        onChange={(value) => value && navigate({ to: value })}
        mb="lg"
        aria-label="Settings"
      >
        {/* Many areas: the bar scrolls sideways rather than wrapping onto a second line. */}
        <Tabs.List
          style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'thin' }}
        >
          {visible.map((area) => (
            <Tabs.Tab
              key={area.value}
              value={area.value}
              leftSection={area.icon}
              style={{ flexShrink: 0, whiteSpace: 'nowrap' }}
            >
              {area.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
