// The signed-in frame (UI.md "Frame"): left navigation, top bar with the organization and the user menu.
import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconApi,
  IconBell,
  IconBook,
  IconBuildingSkyscraper,
  IconBuildingStore,
  IconCalendarTime,
  IconChartBar,
  IconChevronDown,
  IconContract,
  IconDeviceDesktop,
  IconDeviceDesktopAnalytics,
  IconFileInvoice,
  IconKey,
  IconLayoutDashboard,
  IconLogout,
  IconMailQuestion,
  IconMoon,
  IconSettings,
  IconShieldLock,
  IconSun,
  IconTicket,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { api } from '../api/client.ts';
import { type Permission, sessionKey, useSession } from '../features/auth/session.ts';
import { TriageCountBadge } from '../features/inbound-mail/triage-count-badge.tsx';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { notifyError } from './notify.tsx';

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

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

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
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { setColorScheme } = useMantineColorScheme();
  const isDark = useComputedColorScheme('light') === 'dark';

  async function signOut() {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch (error) {
      notifyError(error, 'Could not sign out');
      return;
    }
    queryClient.setQueryData(sessionKey, null);
    await navigate({ to: '/login' });
    // Only now: removing them while their pages were mounted would refetch them, signed out.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  }

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label="User menu" px={6} py={4} style={{ borderRadius: 6 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={26} radius="xl" color="indigo">
              {initials(session.identity.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {session.identity.name}
            </Text>
            <IconChevronDown size={14} opacity={0.6} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py={6}>
          <Text size="sm" fw={600} truncate>
            {session.identity.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {session.identity.email} · {session.membership.role}
          </Text>
        </Box>
        <Menu.Divider />
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
          leftSection={isDark ? <IconSun size={15} /> : <IconMoon size={15} />}
          onClick={() => setColorScheme(isDark ? 'light' : 'dark')}
        >
          {isDark ? 'Light theme' : 'Dark theme'}
        </Menu.Item>
        <Menu.Item leftSection={<IconBook size={15} />} component="a" href="/api/docs" target="_blank">
          API documentation
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={15} />} onClick={signOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppFrame() {
  const session = useSession();
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const { setColorScheme } = useMantineColorScheme();
  const isDark = useComputedColorScheme('light') === 'dark';
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
            <Tooltip label={isDark ? 'Light theme' : 'Dark theme'}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={isDark ? 'Switch to light theme' : 'Switch to dark theme'}
                onClick={() => setColorScheme(isDark ? 'light' : 'dark')}
              >
                {isDark ? <IconSun size={17} /> : <IconMoon size={17} />}
              </ActionIcon>
            </Tooltip>
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
