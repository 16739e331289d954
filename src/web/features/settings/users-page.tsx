// Staff members with their roles, the work role they log time as, and client scopes.
import { ActionIcon, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconLogout,
  IconPencil,
  IconPlus,
  IconShieldCheck,
  IconShieldOff,
  IconShieldX,
  IconUsers,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { addedColumn, type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { resetUserMfa } from '../auth/mfa-api.ts';
import { useCan, useSession } from '../auth/session.ts';
import { clientListQuery } from '../clients/clients-api.ts';
import { roleColor, roleLabel } from './roles.ts';
import { settingsKeys, signOutUser, type User, usersQuery } from './settings-api.ts';
import { UserFormModal } from './user-form-modal.tsx';
import { UserWorkRole, useWorkRoles } from './user-work-role.tsx';

export function UsersPage() {
  const can = useCan();
  const session = useSession();
  const users = useQuery(usersQuery);
  const clients = useQuery({
    ...clientListQuery({ archived: 'any', limit: 500 }),
    enabled: can('clients.read'),
  });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [signingOut, setSigningOut] = useState<User | null>(null);
  const [resettingMfa, setResettingMfa] = useState<User | null>(null);
  const queryClient = useQueryClient();
  const signOutEverywhere = useMutation({
    mutationFn: (user: User) => signOutUser(user.id),
    onSuccess: ({ revoked }, user) =>
      notifySuccess(`${user.name} signed out of ${revoked} session${revoked === 1 ? '' : 's'}`),
    onError: (error) => notifyError(error, 'Could not sign the user out'),
  });
  const resetMfa = useMutation({
    mutationFn: (user: User) => resetUserMfa(user.id),
    onSuccess: async (_, user) => {
      await queryClient.invalidateQueries({ queryKey: settingsKeys.users });
      notifySuccess(`${user.name}'s two-factor sign-in was reset`);
    },
    onError: (error) => notifyError(error, 'Could not reset two-factor sign-in'),
  });
  const clientName = (id: string) =>
    clients.data?.items.find((client) => client.id === id)?.name ?? 'Unknown client';
  const canManage = can('users.manage');
  const canReadWorkRoles = can('billing.read');
  const workRoles = useWorkRoles(canReadWorkRoles);

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (user) => user.name,
      render: (user) => (
        <Stack gap={0}>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              {user.name}
            </Text>
            {user.identityId === session.identity.id && (
              <Badge size="xs" variant="outline" color="gray">
                You
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {user.email}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'role',
      header: canReadWorkRoles ? 'Role · work role' : 'Role',
      width: canReadWorkRoles ? 166 : 130,
      sortValue: (user) => user.role,
      // The work role sits under the role: a column of its own left the table too cramped at 1280 px.
      render: (user) => (
        <Stack gap={4} align="flex-start">
          <Badge variant="light" color={roleColor[user.role]}>
            {roleLabel(user.role)}
          </Badge>
          {canReadWorkRoles && <UserWorkRole user={user} canManage={canManage} workRoles={workRoles} />}
        </Stack>
      ),
    },
    {
      key: 'scope',
      header: 'Clients',
      render: (user) =>
        user.allClients ? (
          <Text size="sm">All clients</Text>
        ) : (
          <Tooltip
            label={user.clientIds.map(clientName).join(', ')}
            disabled={user.clientIds.length === 0}
            multiline
            maw={320}
          >
            <Text size="sm" truncate maw={320}>
              {user.clientIds.length <= 2
                ? user.clientIds.map(clientName).join(', ') || 'No clients'
                : `${user.clientIds.length} clients`}
            </Text>
          </Tooltip>
        ),
    },
    {
      key: 'status',
      header: 'Status',
      width: 110,
      sortValue: (user) => (user.active ? 0 : 1),
      render: (user) =>
        user.active ? (
          <Badge variant="dot" color="teal">
            Active
          </Badge>
        ) : (
          <Badge variant="dot" color="gray">
            Deactivated
          </Badge>
        ),
    },
    {
      key: 'mfa',
      header: 'MFA',
      width: 80,
      sortValue: (user) => (user.mfaEnabled ? 0 : 1),
      render: (user) =>
        user.mfaEnabled ? (
          <Tooltip label="Signs in with an authenticator app">
            <Badge variant="light" color="teal" leftSection={<IconShieldCheck size={12} />}>
              On
            </Badge>
          </Tooltip>
        ) : (
          <Tooltip label="No authenticator set up">
            <Badge variant="light" color="gray" leftSection={<IconShieldOff size={12} />}>
              Off
            </Badge>
          </Tooltip>
        ),
    },
    addedColumn(110),
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: '',
      width: 120,
      align: 'right',
      render: (user) => (
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {user.mfaEnabled && user.identityId !== session.identity.id && (
            <Tooltip label="Reset MFA">
              <ActionIcon
                variant="subtle"
                color="orange"
                aria-label={`Reset MFA for ${user.name}`}
                onClick={() => setResettingMfa(user)}
              >
                <IconShieldX size={15} />
              </ActionIcon>
            </Tooltip>
          )}
          {user.identityId !== session.identity.id && (
            <Tooltip label="Sign out everywhere">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Sign ${user.name} out everywhere`}
                onClick={() => setSigningOut(user)}
              >
                <IconLogout size={15} />
              </ActionIcon>
            </Tooltip>
          )}
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Edit ${user.name}`}
            onClick={() => setEditing(user)}
          >
            <IconPencil size={15} />
          </ActionIcon>
        </Group>
      ),
    });
  }

  const addButton = canManage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      Add user
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in to this organization, with which role and which clients."
        actions={addButton}
      />
      {users.isPending ? (
        <TableSkeleton columns={5} rows={4} />
      ) : users.isError ? (
        <Text c="red">{users.error.message}</Text>
      ) : users.data.length === 0 ? (
        <EmptyState
          icon={<IconUsers size={24} />}
          title="No users yet"
          description="Add your team."
          action={addButton}
        />
      ) : (
        <DataTable
          label="Users"
          columns={columns}
          rows={users.data}
          rowKey={(user) => user.id}
          initialSort={{ key: 'name', direction: 'asc' }}
          onOpen={canManage ? (user) => setEditing(user) : undefined}
        />
      )}
      <ConfirmDialog
        opened={signingOut !== null}
        onClose={() => setSigningOut(null)}
        title="Sign out everywhere?"
        message={`${signingOut?.name ?? 'This user'} will be signed out of every browser in this organization and must sign in again. API tokens are not affected.`}
        confirmLabel="Sign out everywhere"
        onConfirm={() => (signingOut ? signOutEverywhere.mutateAsync(signingOut) : Promise.resolve())}
      />
      <ConfirmDialog
        opened={resettingMfa !== null}
        onClose={() => setResettingMfa(null)}
        title="Reset MFA?"
        message={`${resettingMfa?.name ?? 'This user'}'s authenticator app and recovery codes stop working, and they are signed out everywhere. Do this when they lost their phone: at their next sign-in they set up a new authenticator if this organization requires one. Check it is really them asking.`}
        confirmLabel="Reset MFA"
        onConfirm={() => (resettingMfa ? resetMfa.mutateAsync(resettingMfa) : Promise.resolve())}
      />
      <UserFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        user={editing === 'new' || editing === null ? undefined : editing}
      />
    </>
  );
}
