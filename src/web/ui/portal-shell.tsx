// The portals' frame (UI.md "Frame"), shared by the client's and the vendor's: the MSP's and the
// company's names, the portal's places, the person's menu. Lighter than the staff frame and never with
// the staff's menus; on a phone (or a narrow window) the places move into a drawer.
import { AppShell, Box, Burger, Button, Drawer, Group, NavLink, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, type LinkOptions } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ColorSchemeToggle } from './account-menu.tsx';

export interface PortalPlace {
  label: string;
  to: LinkOptions['to'];
  icon: ReactNode;
  isActive: boolean;
  /** A count beside the label (waiting approvals). */
  badge?: ReactNode;
}

export function PortalShell(props: {
  /** "Client portal": the drawer's title, and the header's while the company's name loads. */
  portalName: string;
  /** The company's name; undefined while loading. */
  companyName: string | undefined;
  isLoading: boolean;
  /** The line under the company's name ("Client portal · Northwind IT"). */
  subtitle: string;
  places: PortalPlace[];
  /** Below this width the places move into the drawer: more places need more room. */
  drawerBelow: 'md' | 'lg';
  menu: ReactNode;
  children: ReactNode;
}) {
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  return (
    <AppShell header={{ height: 52 }} padding="lg">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={isNavOpen}
              onClick={toggleNav}
              hiddenFrom={props.drawerBelow}
              size="sm"
              aria-label="Open navigation"
            />
            <img src="/favicon.svg" alt="" width={22} height={22} />
            <Stack gap={0} miw={0} data-testid="portal-names">
              {props.isLoading ? (
                <Skeleton height={12} width={120} my={2} />
              ) : (
                <Text fz="sm" fw={600} truncate lh={1.2}>
                  {props.companyName ?? props.portalName}
                </Text>
              )}
              <Text fz="xs" c="dimmed" truncate lh={1.2}>
                {props.subtitle}
              </Text>
            </Stack>
          </Group>
          <Group
            component="nav"
            aria-label="Portal navigation"
            gap={2}
            wrap="nowrap"
            visibleFrom={props.drawerBelow}
            style={{ flex: 1, justifyContent: 'center' }}
          >
            {props.places.map((place) => (
              <Button
                key={place.to}
                component={Link}
                to={place.to}
                variant={place.isActive ? 'light' : 'subtle'}
                color={place.isActive ? undefined : 'gray'}
                leftSection={place.icon}
                rightSection={place.badge}
                aria-current={place.isActive ? 'page' : undefined}
                size="compact-sm"
                fw={500}
              >
                {place.label}
              </Button>
            ))}
          </Group>
          <Group gap={6} wrap="nowrap">
            <ColorSchemeToggle />
            {props.menu}
          </Group>
        </Group>
      </AppShell.Header>

      <Drawer
        opened={isNavOpen}
        onClose={closeNav}
        title={props.portalName}
        size="xs"
        hiddenFrom={props.drawerBelow}
      >
        <Box component="nav" aria-label="Portal navigation">
          {props.places.map((place) => (
            <NavLink
              key={place.to}
              component={Link}
              to={place.to}
              label={place.label}
              leftSection={place.icon}
              rightSection={place.badge}
              active={place.isActive}
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
          {props.children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
