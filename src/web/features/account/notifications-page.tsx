// Account → Notifications: how you hear of each kind of event (in the app, by email, both, or not at all).
import { Badge, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  type NotificationChannel,
  type NotificationEventType,
  notificationEventTypes,
} from '../../../shared/api/notification-enums.ts';
import { type NotificationPreference, notificationEventLabels } from '../../../shared/api/notifications.ts';
import { api } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

const preferencesKey = ['notification-preferences'] as const;

const channelOptions: { value: NotificationChannel; label: string }[] = [
  { value: 'both', label: 'Both' },
  { value: 'in_app', label: 'In app' },
  { value: 'email', label: 'Email' },
  { value: 'none', label: 'Off' },
];
const channelWords = Object.fromEntries(channelOptions.map((o) => [o.value, o.label])) as Record<
  NotificationChannel,
  string
>;

type Choices = Partial<Record<NotificationEventType, NotificationChannel>>;

export function NotificationsPage() {
  const queryClient = useQueryClient();
  const preferences = useQuery({
    queryKey: preferencesKey,
    queryFn: () => api<{ items: NotificationPreference[] }>('/notification-preferences'),
    select: (data) => data.items,
  });
  const [choices, setChoices] = useState<Choices>({});
  useEffect(() => {
    if (preferences.data) setChoices(Object.fromEntries(preferences.data.map((p) => [p.type, p.channel])));
  }, [preferences.data]);

  const save = useMutation({
    mutationFn: (items: { type: NotificationEventType; channel: NotificationChannel }[]) =>
      api<{ items: NotificationPreference[] }>('/notification-preferences', {
        method: 'PUT',
        body: { items },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(preferencesKey, data);
      notifySuccess('Notification preferences saved');
    },
    onError: (error) => notifyError(error, 'Could not save the preferences'),
  });

  const rows = preferences.data ?? [];
  const isChanged = rows.some((p) => choices[p.type] !== p.channel);
  const submit = () =>
    save.mutate(rows.map((p) => ({ type: p.type, channel: choices[p.type] ?? p.channel })));
  const resetToDefaults = () => setChoices(Object.fromEntries(rows.map((p) => [p.type, p.defaultChannel])));

  return (
    <>
      <PageHeader
        title="Notifications"
        description="How you hear of what happens on your tickets and your clients. Clients' contacts get their own emails whatever you choose here."
        actions={
          <Button onClick={submit} disabled={!isChanged} loading={save.isPending}>
            Save
          </Button>
        }
      />
      <Paper withBorder radius="md">
        {preferences.isPending ? (
          <Stack p="md" gap="sm">
            {notificationEventTypes.map((type) => (
              <Skeleton key={type} h={30} />
            ))}
          </Stack>
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th w={320}>Tell me</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => {
                const value = choices[p.type] ?? p.channel;
                const label = notificationEventLabels[p.type];
                return (
                  <Table.Tr key={p.type}>
                    <Table.Td>
                      <Text size="sm" fw={500} id={`pref-${p.type}`}>
                        {label}
                      </Text>
                      <Group gap={6} mt={2}>
                        <Text size="xs" c="dimmed">
                          Default: {channelWords[p.defaultChannel]}
                        </Text>
                        {value !== p.defaultChannel && (
                          <Badge size="xs" variant="light" color="gray">
                            Changed
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        fullWidth
                        aria-label={label}
                        value={value}
                        data={channelOptions}
                        onChange={(next) =>
                          setChoices((c) => ({ ...c, [p.type]: next as NotificationChannel }))
                        }
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Group mt="sm">
        <Button
          variant="subtle"
          size="xs"
          color="gray"
          onClick={resetToDefaults}
          disabled={rows.length === 0}
        >
          Reset to defaults
        </Button>
      </Group>
    </>
  );
}
