// The client portal's own frame (UI.md "Frame"): the MSP's and the client's names, the portal's places (a
// company admin's all of them, a user's their tickets), the person's menu. Lighter than the staff frame and
// never with the staff's menus; on a phone (or a narrow window) the places move into a drawer.
import {
  AppShell,
  Badge,
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
  IconBuildingStore,
  IconChecklist,
  IconFileText,
  IconHeartHandshake,
  IconLayoutDashboard,
  IconReceipt,
  IconShieldLock,
  IconTicket,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AccountMenu, ColorSchemeToggle } from '../../ui/account-menu.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { useSession } from '../auth/session.ts';
import { clientPortalOverviewQuery } from './portal-api.ts';

type PlacePath =
  | '/portal'
  | '/portal/tickets'
  | '/portal/agreements'
  | '/portal/invoices'
  | '/portal/approvals'
  | '/portal/vendors'
  | '/portal/plans';

interface PortalPlace {
  label: string;
  to: PlacePath;
  icon: ReactNode;
  /** Only a company admin's: the API refuses the company's user. */
  isAdminOnly?: boolean;
}

const allPlaces: PortalPlace[] = [
  { label: 'Overview', to: '/portal', icon: <IconLayoutDashboard size={16} /> },
  { label: 'Tickets', to: '/portal/tickets', icon: <IconTicket size={16} /> },
  { label: 'Agreements', to: '/portal/agreements', icon: <IconFileText size={16} />, isAdminOnly: true },
  { label: 'Invoices', to: '/portal/invoices', icon: <IconReceipt size={16} />, isAdminOnly: true },
  { label: 'Approvals', to: '/portal/approvals', icon: <IconChecklist size={16} />, isAdminOnly: true },
  { label: 'Vendors', to: '/portal/vendors', icon: <IconBuildingStore size={16} />, isAdminOnly: true },
  { label: 'Plans', to: '/portal/plans', icon: <IconHeartHandshake size={16} />, isAdminOnly: true },
];

function isActive(place: PortalPlace, pathname: string): boolean {
  const path = pathname.replace(/\/$/, '');
  if (place.to === '/portal') return path === '/portal';
  return path === place.to || path.startsWith(`${place.to}/`);
}

export function ClientPortalFrame() {
  const session = useSession();
  const overview = useQuery(clientPortalOverviewQuery);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const isAdmin = session.membership.role === 'client_admin';
  const places = isAdmin ? allPlaces : allPlaces.filter((place) => !place.isAdminOnly);
  const isBarred = !isAdmin && allPlaces.some((place) => place.isAdminOnly && isActive(place, pathname));
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const clientName = overview.data?.clientName;
  const waiting = overview.data?.approvalsWaiting ?? 0;
  const countOf = (place: PortalPlace) =>
    place.to === '/portal/approvals' && waiting > 0 ? (
      <Badge
        size="xs"
        circle={waiting < 10}
        variant="filled"
        color="orange"
        aria-label={`${waiting} waiting`}
      >
        {waiting}
      </Badge>
    ) : undefined;

  return (
    <AppShell header={{ height: 52 }} padding="lg">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={isNavOpen}
              onClick={toggleNav}
              hiddenFrom="lg"
              size="sm"
              aria-label="Open navigation"
            />
            <img src="/favicon.svg" alt="" width={22} height={22} />
            <Stack gap={0} miw={0} data-testid="portal-names">
              {overview.isPending ? (
                <Skeleton height={12} width={120} my={2} />
              ) : (
                <Text fz="sm" fw={600} truncate lh={1.2}>
                  {clientName ?? 'Client portal'}
                </Text>
              )}
              <Text fz="xs" c="dimmed" truncate lh={1.2}>
                Client portal · {overview.data?.mspName ?? session.membership.tenantName}
              </Text>
            </Stack>
          </Group>
          <Group
            component="nav"
            aria-label="Portal navigation"
            gap={2}
            wrap="nowrap"
            visibleFrom="lg"
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
                  rightSection={countOf(place)}
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
            <PortalUserMenu clientName={clientName} />
          </Group>
        </Group>
      </AppShell.Header>

      <Drawer opened={isNavOpen} onClose={closeNav} title="Client portal" size="xs" hiddenFrom="lg">
        <Box component="nav" aria-label="Portal navigation">
          {places.map((place) => (
            <NavLink
              key={place.to}
              component={Link}
              to={place.to}
              label={place.label}
              leftSection={place.icon}
              rightSection={countOf(place)}
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
          {isBarred ? (
            <NotFoundPage
              title="For your company admin"
              message={`Agreements, invoices, approvals, vendors and plans are for ${clientName ?? 'your company'}’s portal admins. You see the tickets you raise.`}
              action={
                <ButtonLink to="/portal/tickets" variant="default">
                  Go to your tickets
                </ButtonLink>
              }
            />
          ) : (
            <Outlet />
          )}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function PortalUserMenu(props: { clientName: string | undefined }) {
  const session = useSession();
  return (
    <AccountMenu
      avatarColor="indigo"
      details={props.clientName ? [session.identity.email, props.clientName] : [session.identity.email]}
    >
      <Menu.Item leftSection={<IconShieldLock size={15} />} component={Link} to="/portal/account/security">
        Security
      </Menu.Item>
    </AccountMenu>
  );
}
