// The signed-in person's menu at the top right of the staff app and of the vendor portal (their initials and
// name; in it, who they are, the frame's own account pages and signing out), and the light/dark switch.
import {
  ActionIcon,
  Avatar,
  Box,
  Group,
  Menu,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { IconChevronDown, IconLogout, IconMoon, IconSun } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useSession } from '../features/auth/session.ts';
import { useSignOut } from '../features/auth/sign-out-link.tsx';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** Whether the dark theme shows, and a switch to the other one. */
export function useColorSchemeToggle(): { isDark: boolean; toggle: () => void } {
  const { setColorScheme } = useMantineColorScheme();
  const isDark = useComputedColorScheme('light') === 'dark';
  return { isDark, toggle: () => setColorScheme(isDark ? 'light' : 'dark') };
}

/** The sun or moon in the top bar. */
export function ColorSchemeToggle() {
  const { isDark, toggle } = useColorSchemeToggle();
  return (
    <Tooltip label={isDark ? 'Light theme' : 'Dark theme'}>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={isDark ? 'Switch to light theme' : 'Switch to dark theme'}
        onClick={toggle}
      >
        {isDark ? <IconSun size={17} /> : <IconMoon size={17} />}
      </ActionIcon>
    </Tooltip>
  );
}

export function AccountMenu(props: {
  /** The avatar's colour, which tells the frames apart. */
  avatarColor: string;
  /** The dimmed lines under the person's name, e.g. their email. */
  details: string[];
  /** The items between who they are and "Sign out". */
  children: ReactNode;
}) {
  const session = useSession();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label="User menu" px={6} py={4} style={{ borderRadius: 6 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={26} radius="xl" color={props.avatarColor}>
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
          {props.details.map((line) => (
            <Text key={line} size="xs" c="dimmed" truncate>
              {line}
            </Text>
          ))}
        </Box>
        <Menu.Divider />
        {props.children}
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={15} />} onClick={signOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
