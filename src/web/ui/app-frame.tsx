// The signed-in frame (UI.md "Frame"): left navigation, top bar with the organization and the user menu.
import { AppShell, Box, Burger, Group, Menu, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconApi,
  IconBell,
  IconBook,
  IconBuildingSkyscraper,
  IconBuildingStore,
  IconCalendarTime,
  IconChartBar,
  IconContract,
  IconDeviceDesktop,
  IconDeviceDesktopAnalytics,
  IconFileInvoice,
  IconHeartHandshake,
  IconKey,
  IconLayoutDashboard,
  IconMailQuestion,
  IconMoon,
  IconSettings,
  IconShieldLock,
  IconSun,
  IconTicket,
} from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { type Permission, useSession } from '../features/auth/session.ts';
import { TriageCountBadge } from '../features/inbound-mail/triage-count-badge.tsx';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { AccountMenu, ColorSchemeToggle, useColorSchemeToggle } from './account-menu.tsx';

interface NavItem {
  label: string;
  to:
    | '/'
    | '/tickets'
    | '/triage'
    | '/clients'
    | '/assets'
    | '/vendors'
    | '/changes'
    | '/agreements'
    | '/remediation'
    | '/invoices'
    | '/profitability'
    | '/settings';
  icon: ReactNode;
  permission?: Permission;
  /** Beside the label, e.g. a count of what waits there. */
  badge?: ReactNode;
}

const navItems: NavItem[] = [
  { label: 'Dashboard', to: '/', icon: <IconLayoutDashboard size={17} stroke={1.6} /> },
  {
    label: 'Tickets',
    to: '/tickets',
    icon: <IconTicket size={17} stroke={1.6} />,
    permission: 'tickets.read',
  },
  {
    label: 'Mail triage',
    to: '/triage',
    icon: <IconMailQuestion size={17} stroke={1.6} />,
    permission: 'mail.triage',
    badge: <TriageCountBadge />,
  },
  {
    label: 'Clients',
    to: '/clients',
    icon: <IconBuildingSkyscraper size={17} stroke={1.6} />,
    permission: 'clients.read',
  },
  {
    label: 'Assets',
    to: '/assets',
    icon: <IconDeviceDesktopAnalytics size={17} stroke={1.6} />,
    permission: 'assets.read',
  },
  {
    label: 'Vendors',
    to: '/vendors',
    icon: <IconBuildingStore size={17} stroke={1.6} />,
    permission: 'vendors.read',
  },
  {
    label: 'Changes',
    to: '/changes',
    icon: <IconCalendarTime size={17} stroke={1.6} />,
    permission: 'assets.read',
  },
  {
    label: 'Agreements',
    to: '/agreements',
    icon: <IconContract size={17} stroke={1.6} />,
    permission: 'billing.read',
  },
  {
    label: 'Remediation',
    to: '/remediation',
    icon: <IconHeartHandshake size={17} stroke={1.6} />,
    permission: 'clients.read',
  },
  {
    label: 'Invoices',
    to: '/invoices',
    icon: <IconFileInvoice size={17} stroke={1.6} />,
    permission: 'invoices.read',
  },
  {
    label: 'Profitability',
    to: '/profitability',
    icon: <IconChartBar size={17} stroke={1.6} />,
    permission: 'invoices.read',
  },
  { label: 'Settings', to: '/settings', icon: <IconSettings size={17} stroke={1.6} /> },
];

function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <img src="/favicon.svg" alt="" width={22} height={22} />
      <Text fw={700} fz="md" lts={-0.2}>
        Accord
      </Text>
    </Group>
  );
}

function UserMenu() {
  const session = useSession();
  const colorScheme = useColorSchemeToggle();
  return (
    <AccountMenu avatarColor="indigo" details={[`${session.identity.email} · ${session.membership.role}`]}>
      <Menu.Item leftSection={<IconShieldLock size={15} />} component={Link} to="/account/security">
        Security
      </Menu.Item>
      <Menu.Item leftSection={<IconKey size={15} />} component={Link} to="/account/api-tokens">
        API tokens
      </Menu.Item>
      <Menu.Item leftSection={<IconDeviceDesktop size={15} />} component={Link} to="/account/sessions">
        Sessions
      </Menu.Item>
      <Menu.Item leftSection={<IconBell size={15} />} component={Link} to="/account/notifications">
        Notifications
      </Menu.Item>
      <Menu.Item
        leftSection={colorScheme.isDark ? <IconSun size={15} /> : <IconMoon size={15} />}
        onClick={colorScheme.toggle}
      >
        {colorScheme.isDark ? 'Light theme' : 'Dark theme'}
      </Menu.Item>
      <Menu.Item leftSection={<IconBook size={15} />} component="a" href="/api/docs" target="_blank">
        API documentation
      </Menu.Item>
    </AccountMenu>
  );
}

export function AppFrame() {
  const session = useSession();
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const permissions = session.membership.permissions;

  const isActive = (to: string) =>
    to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);

  return (
    <AppShell
      header={{ height: 48 }}
      navbar={{ width: 216, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding="lg"
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Logo />
            <Text c="dimmed" fz="sm" visibleFrom="xs">
              /
            </Text>
            <Text fz="sm" fw={500} truncate data-testid="organization-name">
              {session.membership.tenantName}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <ColorSchemeToggle />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          {navItems
            .filter((item) => !item.permission || permissions.includes(item.permission))
            .map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                leftSection={item.icon}
                rightSection={item.badge}
                active={isActive(item.to)}
                onClick={closeNav}
                fw={500}
                style={{ borderRadius: 6 }}
                mb={2}
              />
            ))}
        </AppShell.Section>
        <AppShell.Section>
          <NavLink
            component="a"
            href="/api/docs"
            target="_blank"
            label="API"
            description="OpenAPI reference"
            leftSection={<IconApi size={17} stroke={1.6} />}
            style={{ borderRadius: 6 }}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1280} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
