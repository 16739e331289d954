// The bell in the top bar: the unread count (polled, and refetched when the window regains focus) and a
// popover of recent notifications; opening one marks it read and goes where it leads (a ticket, a vendor).
import {
  ActionIcon,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconSettings } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { Notification } from '../../../shared/api/notifications.ts';
import { api } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';

export const notificationsKey = ['notifications'] as const;
const unreadKey = [...notificationsKey, 'unread-count'] as const;
const recentKey = [...notificationsKey, 'recent'] as const;

function NotificationRow(props: { item: Notification; onOpen(item: Notification): void }) {
  const { item } = props;
  const isUnread = item.readAt === null;
  return (
    <UnstyledButton
      onClick={() => props.onOpen(item)}
      px="sm"
      py={8}
      w="100%"
      data-unread={isUnread || undefined}
      aria-label={`${isUnread ? 'Unread: ' : ''}${item.title}`}
      style={{
        borderRadius: 6,
        background: isUnread ? 'var(--mantine-color-blue-light)' : undefined,
      }}
    >
      <Group gap={8} wrap="nowrap" align="flex-start">
        <Box
          mt={6}
          w={7}
          h={7}
          style={{
            flexShrink: 0,
            borderRadius: '50%',
            background: isUnread ? 'var(--mantine-color-blue-filled)' : 'transparent',
          }}
        />
        <Stack gap={0} miw={0} style={{ flex: 1 }}>
          <Text size="sm" fw={isUnread ? 600 : 400} lineClamp={1}>
            {item.title}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {item.body}
          </Text>
          <RelativeTime value={item.createdAt} size="xs" />
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

export function NotificationBell() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [isOpen, { toggle, close }] = useDisclosure(false);
  const unread = useQuery({
    queryKey: unreadKey,
    queryFn: () => api<{ count: number }>('/notifications/unread-count'),
    select: (data) => data.count,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
  const recent = useQuery({
    queryKey: recentKey,
    queryFn: () => api<{ items: Notification[] }>('/notifications', { query: { limit: 15 } }),
    select: (data) => data.items,
    enabled: isOpen,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });
  const markRead = useMutation({
    mutationFn: (item: Notification) =>
      api<Notification>(`/notifications/${item.id}/read`, { method: 'POST' }),
    onSettled: refresh,
  });
  const markAllRead = useMutation({
    mutationFn: () => api<{ updated: number }>('/notifications/read-all', { method: 'POST' }),
    onSuccess: refresh,
    onError: (error) => notifyError(error, 'Could not mark the notifications read'),
  });

  function open(item: Notification) {
    close();
    if (item.readAt === null) markRead.mutate(item);
    if (item.link) void navigate({ href: item.link });
  }

  const count = unread.data ?? 0;
  const label = count > 0 ? `Notifications (${count} unread)` : 'Notifications';
  return (
    <Popover
      opened={isOpen}
      onChange={(value) => !value && close()}
      position="bottom-end"
      width={380}
      shadow="md"
    >
      <Popover.Target>
        <Tooltip label={label} disabled={isOpen}>
          <Indicator
            label={count > 99 ? '99+' : count}
            size={16}
            offset={4}
            disabled={count === 0}
            color="red"
            data-testid="notification-count"
          >
            <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={toggle}>
              <IconBell size={17} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label="Notifications">
        <Group justify="space-between" px="sm" py={8}>
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={count === 0}
            loading={markAllRead.isPending}
            onClick={() => markAllRead.mutate()}
          >
            Mark all read
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420} type="auto">
          <Stack gap={2} p={4}>
            {recent.isPending ? (
              [0, 1, 2].map((i) => <Skeleton key={i} h={52} radius="sm" />)
            ) : (recent.data ?? []).length === 0 ? (
              <Text size="sm" c="dimmed" ta="center" py="lg" px="md">
                Nothing yet. You will hear here when a ticket is assigned to you, someone replies, or an SLA
                is at risk.
              </Text>
            ) : (
              recent.data?.map((item) => <NotificationRow key={item.id} item={item} onOpen={open} />)
            )}
          </Stack>
        </ScrollArea.Autosize>
        <Divider />
        <Group justify="flex-end" px="sm" py={6}>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconSettings size={13} />}
            component={Link}
            to="/account/notifications"
            onClick={close}
          >
            Notification settings
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
