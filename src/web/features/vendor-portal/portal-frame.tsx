// The vendor portal's frame: the vendor's name and the portal's four places in the portals' shell.
import { Menu } from '@mantine/core';
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
import { AccountMenu } from '../../ui/account-menu.tsx';
import { PortalShell } from '../../ui/portal-shell.tsx';
import { useSession } from '../auth/session.ts';
import { portalOverviewQuery } from './portal-api.ts';

interface Place {
  label: string;
  to: '/vendor' | '/vendor/requests' | '/vendor/attributions' | '/vendor/plans';
  icon: ReactNode;
  /** Other paths that belong to this place. */
  also?: string[];
}

const places: Place[] = [
  { label: 'Overview', to: '/vendor', icon: <IconLayoutDashboard size={16} />, also: ['/vendor/rules'] },
  { label: 'Change requests', to: '/vendor/requests', icon: <IconCalendarTime size={16} /> },
  { label: 'Changes attributed to you', to: '/vendor/attributions', icon: <IconEyeExclamation size={16} /> },
  { label: 'Plans', to: '/vendor/plans', icon: <IconHeartHandshake size={16} /> },
];

function isActive(place: Place, pathname: string): boolean {
  const path = pathname.replace(/\/$/, '');
  if (path === place.to) return true;
  const under = place.to === '/vendor' ? (place.also ?? []) : [place.to, ...(place.also ?? [])];
  return under.some((prefix) => path.startsWith(`${prefix}/`) || path === prefix);
}

export function PortalFrame() {
  const session = useSession();
  const overview = useQuery(portalOverviewQuery);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const vendorName = overview.data?.vendor.name;

  return (
    <PortalShell
      portalName="Vendor portal"
      companyName={vendorName}
      isLoading={overview.isPending}
      subtitle={`Vendor portal · ${session.membership.tenantName}`}
      places={places.map((place) => ({ ...place, isActive: isActive(place, pathname) }))}
      drawerBelow="md"
      menu={<PortalUserMenu vendorName={vendorName} />}
    >
      <Outlet />
    </PortalShell>
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
