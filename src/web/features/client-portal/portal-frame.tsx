// The client portal's frame: the client's name and the portal's places (a company admin's all of them, a
// user's their tickets) in the portals' shell.
import { Badge, Menu } from '@mantine/core';
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
import { AccountMenu } from '../../ui/account-menu.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { PortalShell } from '../../ui/portal-shell.tsx';
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

interface Place {
  label: string;
  to: PlacePath;
  icon: ReactNode;
  /** Only a company admin's: the API refuses the company's user. */
  isAdminOnly?: boolean;
}

const allPlaces: Place[] = [
  { label: 'Overview', to: '/portal', icon: <IconLayoutDashboard size={16} /> },
  { label: 'Tickets', to: '/portal/tickets', icon: <IconTicket size={16} /> },
  { label: 'Agreements', to: '/portal/agreements', icon: <IconFileText size={16} />, isAdminOnly: true },
  { label: 'Invoices', to: '/portal/invoices', icon: <IconReceipt size={16} />, isAdminOnly: true },
  { label: 'Approvals', to: '/portal/approvals', icon: <IconChecklist size={16} />, isAdminOnly: true },
  { label: 'Vendors', to: '/portal/vendors', icon: <IconBuildingStore size={16} />, isAdminOnly: true },
  { label: 'Plans', to: '/portal/plans', icon: <IconHeartHandshake size={16} />, isAdminOnly: true },
];

function isActive(place: Place, pathname: string): boolean {
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
  const clientName = overview.data?.clientName;
  const waiting = overview.data?.approvalsWaiting ?? 0;
  const countOf = (place: Place) =>
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
    <PortalShell
      portalName="Client portal"
      companyName={clientName}
      isLoading={overview.isPending}
      subtitle={`Client portal · ${overview.data?.mspName ?? session.membership.tenantName}`}
      places={places.map((place) => ({
        ...place,
        isActive: isActive(place, pathname),
        badge: countOf(place),
      }))}
      drawerBelow="lg"
      menu={<PortalUserMenu clientName={clientName} />}
    >
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
    </PortalShell>
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
