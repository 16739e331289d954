// The vendor portal's own frame (UI.md "Frame"): the MSP's and the vendor's names, the portal's four places,
// the person's menu. Lighter than the staff frame and never with the staff's menus; on a phone the places
// move into a drawer.
import {
  AppShell,
  Box,
  Burger,
  Button,
  Drawer,
  Group,
  Menu,
  NavLink,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarTime,
  IconEyeExclamation,
  IconHeartHandshake,
  IconLayoutDashboard,
  IconShieldLock,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AccountMenu, ColorSchemeToggle } from '../../ui/account-menu.tsx';
import { useSession } from '../auth/session.ts';
import { portalOverviewQuery } from './portal-api.ts';

interface PortalPlace {
  label: string;
  to: '/vendor' | '/vendor/requests' | '/vendor/attributions' | '/vendor/plans';
  icon: ReactNode;
  /** Other paths that belong to this place. */
  also?: string[];
}

const places: PortalPlace[] = [
  { label: 'Overview', to: '/vendor', icon: <IconLayoutDashboard size={16} />, also: ['/vendor/rules'] },
  { label: 'Change requests', to: '/vendor/requests', icon: <IconCalendarTime size={16} /> },
  { label: 'Changes attributed to you', to: '/vendor/attributions', icon: <IconEyeExclamation size={16} /> },
  { label: 'Plans', to: '/vendor/plans', icon: <IconHeartHandshake size={16} /> },
];

function isActive(place: PortalPlace, pathname: string): boolean {
  const path = pathname.replace(/\/$/, '');
  if (path === place.to) return true;
  const under = place.to === '/vendor' ? (place.also ?? []) : [place.to, ...(place.also ?? [])];
  return under.some((prefix) => path.startsWith(`${prefix}/`) || path === prefix);
}

export function PortalFrame() {
  const session = useSession();
  const overview = useQuery(portalOverviewQuery);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const vendorName = overview.data?.vendor.name;

  return (
    <AppShell header={{ height: 52 }} padding="lg">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={isNavOpen}
              onClick={toggleNav}
              hiddenFrom="md"
              size="sm"
              aria-label="Open navigation"
            />
            <img src="/favicon.svg" alt="" width={22} height={22} />
            <Stack gap={0} miw={0} data-testid="portal-names">
              {overview.isPending ? (
                <Skeleton height={12} width={120} my={2} />
              ) : (
                <Text fz="sm" fw={600} truncate lh={1.2}>
                  {vendorName ?? 'Vendor portal'}
                </Text>
              )}
              <Text fz="xs" c="dimmed" truncate lh={1.2}>
                Vendor portal · {session.membership.tenantName}
              </Text>
            </Stack>
          </Group>
          <Group
            component="nav"
            aria-label="Portal navigation"
            gap={4}
            wrap="nowrap"
            visibleFrom="md"
            style={{ flex: 1, justifyContent: 'center' }}
          >
            {places.map((place) => {
              const active = isActive(place, pathname);
              return (
                <Button
                  key={place.to}
                  component={Link}
                  to={place.to}
                  variant={active ? 'light' : 'subtle'}
                  color={active ? undefined : 'gray'}
                  leftSection={place.icon}
                  aria-current={active ? 'page' : undefined}
                  size="compact-sm"
                  fw={500}
                >
                  {place.label}
                </Button>
              );
            })}
          </Group>
          <Group gap={6} wrap="nowrap">
            <ColorSchemeToggle />
            <PortalUserMenu vendorName={vendorName} />
          </Group>
        </Group>
      </AppShell.Header>

      <Drawer opened={isNavOpen} onClose={closeNav} title="Vendor portal" size="xs" hiddenFrom="md">
        <Box component="nav" aria-label="Portal navigation">
          {places.map((place) => (
            <NavLink
              key={place.to}
              component={Link}
              to={place.to}
              label={place.label}
              leftSection={place.icon}
              active={isActive(place, pathname)}
              onClick={closeNav}
              fw={500}
              style={{ borderRadius: 6 }}
              mb={2}
            />
          ))}
        </Box>
      </Drawer>

      <AppShell.Main>
        <Box maw={1120} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function PortalUserMenu(props: { vendorName: string | undefined }) {
  const session = useSession();
  return (
    <AccountMenu
      avatarColor="teal"
      details={props.vendorName ? [session.identity.email, props.vendorName] : [session.identity.email]}
    >
      <Menu.Item leftSection={<IconShieldLock size={15} />} component={Link} to="/vendor/account/security">
        Security
      </Menu.Item>
    </AccountMenu>
  );
}
