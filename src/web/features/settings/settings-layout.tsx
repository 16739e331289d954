// Settings: a grouped list of the areas the user may see beside the area's own page (above it on narrow
// screens). Groups keep a dozen-plus areas readable where a tab bar had to scroll.
import { Box, Flex, NavLink, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconBook,
  IconCalendarTime,
  IconClockShield,
  IconCoin,
  IconFileInvoice,
  IconFingerprint,
  IconGavel,
  IconInbox,
  IconKey,
  IconListDetails,
  IconMail,
  IconMailForward,
  IconReceiptTax,
  IconRefreshDot,
  IconRobot,
  IconShieldLock,
  IconTemplate,
  IconTicket,
  IconUserCog,
  IconUsers,
} from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { type Permission, useCan } from '../auth/session.ts';

interface Area {
  to:
    | '/settings/users'
    | '/settings/calendars'
    | '/settings/sla-policies'
    | '/settings/help-desk'
    | '/settings/catalog'
    | '/settings/tax-codes'
    | '/settings/work-roles'
    | '/settings/billing'
    | '/settings/cost-rates'
    | '/settings/mail'
    | '/settings/inbound-mail'
    | '/settings/email-templates'
    | '/settings/outbound-mail'
    | '/settings/security'
    | '/settings/sso'
    | '/settings/security-events'
    | '/settings/audit-log'
    | '/settings/agents'
    | '/settings/routine-actors'
    | '/settings/engagement-rules';
  label: string;
  icon: ReactNode;
  permission: Permission;
}

const groups: { label: string; areas: Area[] }[] = [
  {
    label: 'Organization',
    areas: [
      { to: '/settings/users', label: 'Users', icon: <IconUsers size={16} />, permission: 'users.read' },
      {
        to: '/settings/calendars',
        label: 'Business calendars',
        icon: <IconCalendarTime size={16} />,
        permission: 'calendars.read',
      },
      {
        to: '/settings/sla-policies',
        label: 'SLA policies',
        icon: <IconClockShield size={16} />,
        permission: 'calendars.read',
      },
      {
        to: '/settings/help-desk',
        label: 'Help desk',
        icon: <IconTicket size={16} />,
        permission: 'tickets.settings',
      },
    ],
  },
  {
    label: 'Assets',
    areas: [
      { to: '/settings/agents', label: 'Agents', icon: <IconRobot size={16} />, permission: 'agents.manage' },
      {
        to: '/settings/routine-actors',
        label: 'Routine actors',
        icon: <IconRefreshDot size={16} />,
        permission: 'vendors.read',
      },
      {
        to: '/settings/engagement-rules',
        label: 'Rules of engagement',
        icon: <IconGavel size={16} />,
        permission: 'vendors.read',
      },
    ],
  },
  {
    label: 'Billing',
    areas: [
      {
        to: '/settings/catalog',
        label: 'Service catalog',
        icon: <IconBook size={16} />,
        permission: 'billing.read',
      },
      {
        to: '/settings/tax-codes',
        label: 'Tax codes',
        icon: <IconReceiptTax size={16} />,
        permission: 'billing.read',
      },
      {
        to: '/settings/work-roles',
        label: 'Work roles',
        icon: <IconUserCog size={16} />,
        permission: 'billing.read',
      },
      {
        to: '/settings/billing',
        label: 'Invoicing',
        icon: <IconFileInvoice size={16} />,
        permission: 'invoices.read',
      },
      {
        to: '/settings/cost-rates',
        label: 'Cost rates',
        icon: <IconCoin size={16} />,
        permission: 'invoices.read',
      },
    ],
  },
  {
    label: 'Mail',
    areas: [
      { to: '/settings/mail', label: 'Mail server', icon: <IconMail size={16} />, permission: 'mail.manage' },
      {
        to: '/settings/inbound-mail',
        label: 'Inbound mail',
        icon: <IconInbox size={16} />,
        permission: 'mail.manage',
      },
      {
        to: '/settings/email-templates',
        label: 'Email templates',
        icon: <IconTemplate size={16} />,
        permission: 'mail.manage',
      },
      {
        to: '/settings/outbound-mail',
        label: 'Outbound mail',
        icon: <IconMailForward size={16} />,
        permission: 'mail.manage',
      },
    ],
  },
  {
    label: 'Security',
    areas: [
      {
        to: '/settings/security',
        label: 'Security',
        icon: <IconShieldLock size={16} />,
        permission: 'security.manage',
      },
      {
        to: '/settings/sso',
        label: 'Single sign-on',
        icon: <IconKey size={16} />,
        permission: 'security.manage',
      },
      {
        to: '/settings/security-events',
        label: 'Security events',
        icon: <IconFingerprint size={16} />,
        permission: 'security.manage',
      },
      {
        to: '/settings/audit-log',
        label: 'Audit log',
        icon: <IconListDetails size={16} />,
        permission: 'audit.read',
      },
    ],
  },
];

export function SettingsLayout() {
  const can = useCan();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  // Whole segments: /settings/security must not claim /settings/security-events.
  const isCurrent = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  const visible = groups
    .map((group) => ({ ...group, areas: group.areas.filter((area) => can(area.permission)) }))
    .filter((group) => group.areas.length > 0);

  return (
    <Flex gap="lg" direction={{ base: 'column', md: 'row' }} align={{ base: 'stretch', md: 'flex-start' }}>
      <Box
        component="nav"
        aria-label="Settings"
        w={{ base: '100%', md: 190 }}
        pos={{ base: 'static', md: 'sticky' }}
        top={64}
        style={{ flexShrink: 0 }}
      >
        {/* Narrow screens: the groups side by side above the page, rather than one long column. */}
        <SimpleGrid cols={{ base: 1, xs: 3, md: 1 }} spacing="md" verticalSpacing="md">
          {visible.map((group) => (
            <Stack key={group.label} gap={2} role="group" aria-labelledby={`settings-group-${group.label}`}>
              <Text
                id={`settings-group-${group.label}`}
                fz="xs"
                fw={600}
                c="dimmed"
                tt="uppercase"
                lts={0.3}
                px="sm"
                mb={2}
              >
                {group.label}
              </Text>
              {group.areas.map((area) => {
                const active = isCurrent(area.to);
                return (
                  <NavLink
                    key={area.to}
                    component={Link}
                    to={area.to}
                    label={area.label}
                    leftSection={area.icon}
                    active={active}
                    aria-current={active ? 'page' : undefined}
                    py={5}
                    style={{ borderRadius: 6 }}
                  />
                );
              })}
            </Stack>
          ))}
        </SimpleGrid>
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Outlet />
      </Box>
    </Flex>
  );
}
