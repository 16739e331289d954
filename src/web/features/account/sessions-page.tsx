// Your signed-in sessions (browsers and devices): see where you are signed in and end any of them.
import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconDeviceDesktop, IconLogout } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccountSession } from '../../../shared/api/identity.ts';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';

const sessionsKey = ['auth', 'sessions'] as const;

const browsers: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A short device description from the user agent; the full string is in the tooltip. */
function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  return browser || system ? [browser, system].filter(Boolean).join(' on ') : userAgent.slice(0, 40);
}

export function SessionsPage() {
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: sessionsKey,
    queryFn: () => api<{ items: AccountSession[] }>('/auth/sessions'),
    select: (data) => data.items,
  });
  const [isConfirmingAll, setConfirmingAll] = useState(false);

  const revoke = useMutation({
    mutationFn: (session: AccountSession) => api<void>(`/auth/sessions/${session.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
      notifySuccess('Session signed out');
    },
    onError: (error) => notifyError(error, 'Could not sign the session out'),
  });
  const revokeOthers = useMutation({
    mutationFn: () => api<{ revoked: number }>('/auth/sessions', { method: 'DELETE' }),
    onSuccess: async ({ revoked }) => {
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
      notifySuccess(`Signed out of ${revoked} other session${revoked === 1 ? '' : 's'}`);
    },
    onError: (error) => notifyError(error, 'Could not sign out the other sessions'),
  });

  const columns: Column<AccountSession>[] = [
    {
      key: 'device',
      header: 'Device',
      render: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Tooltip label={s.userAgent ?? 'No user agent was sent'}>
            <Text size="sm" fw={500}>
              {describeDevice(s.userAgent)}
            </Text>
          </Tooltip>
          {s.current && (
            <Badge size="sm" variant="light" color="teal">
              This session
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'ip',
      header: 'IP address',
      width: 150,
      render: (s) => (
        <Text size="sm" c={s.ip ? undefined : 'dimmed'}>
          {s.ip ?? 'Unknown'}
        </Text>
      ),
    },
    {
      key: 'created',
      header: 'Signed in',
      width: 120,
      sortValue: (s) => s.createdAt,
      render: (s) => <RelativeTime value={s.createdAt} />,
    },
    {
      key: 'seen',
      header: 'Last active',
      width: 120,
      sortValue: (s) => s.lastSeenAt,
      render: (s) => <RelativeTime value={s.lastSeenAt} />,
    },
    {
      key: 'actions',
      header: '',
      width: 110,
      align: 'right',
      render: (s) =>
        !s.current && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={`Sign out ${describeDevice(s.userAgent)} (${s.ip ?? 'unknown address'})`}
            loading={revoke.isPending && revoke.variables?.id === s.id}
            onClick={() => revoke.mutate(s)}
          >
            Sign out
          </Button>
        ),
    },
  ];

  const hasOthers = (sessions.data ?? []).some((s) => !s.current);

  return (
    <>
      <PageHeader
        title="Sessions"
        description="Where you are signed in. Sign out any session you do not recognise."
        actions={
          <Button
            leftSection={<IconLogout size={16} />}
            variant="default"
            disabled={!hasOthers}
            onClick={() => setConfirmingAll(true)}
          >
            Sign out everywhere else
          </Button>
        }
      />
      {sessions.isPending ? (
        <TableSkeleton columns={5} rows={2} />
      ) : sessions.isError ? (
        <Text c="red">{sessions.error.message}</Text>
      ) : sessions.data.length === 0 ? (
        <EmptyState icon={<IconDeviceDesktop size={24} />} title="No sessions" />
      ) : (
        <DataTable label="Sessions" columns={columns} rows={sessions.data} rowKey={(s) => s.id} />
      )}
      <ConfirmDialog
        opened={isConfirmingAll}
        onClose={() => setConfirmingAll(false)}
        title="Sign out everywhere else?"
        message="Every other browser and device signed in as you will have to sign in again. This one stays signed in."
        confirmLabel="Sign out everywhere else"
        onConfirm={() => revokeOthers.mutateAsync()}
      />
    </>
  );
}
