// A client's portal users on its page: who they are, their role, whether they have accepted their invitation
// and whether they may sign in; for staff who manage clients, inviting a contact, changing a role, a new
// invitation link, and deactivating or reactivating someone.
import { ActionIcon, Badge, Button, Group, Menu, Text, Title } from '@mantine/core';
import {
  IconDots,
  IconLink,
  IconPlayerPlay,
  IconPlayerStop,
  IconPlus,
  IconUserCog,
  IconUsers,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { ClientUserUpdate } from '../../../shared/api/client-portal.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { addedColumn, type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LinkShownOnceModal } from '../../ui/link-shown-once.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { InvitePortalUserModal } from './invite-portal-user-modal.tsx';
import {
  type ClientUser,
  type ClientUserCreated,
  type OneTimeLink,
  portalUserKeys,
  portalUsersQuery,
  renewPortalInvitation,
  updatePortalUser,
} from './portal-users-api.ts';

/** Short role names for the table; the invite form says what each can see. */
const roleNames = { client_admin: 'Company admin', client_user: 'User' } as const;

/** A link shown once, with whom it is for and whether it was just emailed. */
interface ShownLink {
  link: OneTimeLink;
  user: ClientUser;
  isNewUser: boolean;
}

export function PortalUsersSection(props: { clientId: string; clientName: string; archived: boolean }) {
  const { clientId, clientName } = props;
  const can = useCan();
  const canManage = can('clients.manage');
  const queryClient = useQueryClient();
  const users = useQuery(portalUsersQuery(clientId));
  const [isInviting, setInviting] = useState(false);
  const [shown, setShown] = useState<ShownLink | null>(null);
  const [deactivating, setDeactivating] = useState<ClientUser | null>(null);

  const update = useMutation({
    mutationFn: (change: { user: ClientUser; input: ClientUserUpdate }) =>
      updatePortalUser(change.user.id, change.input),
    onSuccess: async (updated, change) => {
      await queryClient.invalidateQueries({ queryKey: portalUserKeys.list(clientId) });
      if (change.input.role) notifySuccess(`${updated.name} is now ${roleNames[updated.role].toLowerCase()}`);
      else notifySuccess(updated.active ? `${updated.name} reactivated` : `${updated.name} deactivated`);
    },
    onError: (error) => notifyError(error, 'Could not change the portal user'),
  });
  const renew = useMutation({
    mutationFn: (user: ClientUser) => renewPortalInvitation(user.id),
    onSuccess: (link, user) => setShown({ link, user, isNewUser: false }),
    onError: (error) => notifyError(error, 'Could not make a new invitation link'),
  });

  function onInvited(created: ClientUserCreated) {
    if (created.invitation) {
      setShown({ link: created.invitation, user: created.user, isNewUser: true });
    } else {
      notifySuccess(
        `${created.user.name} already has an Accord password and can sign in to the portal with it now`,
      );
    }
  }

  const inviteButton = canManage && !props.archived && (
    <Button leftSection={<IconPlus size={16} />} variant="default" onClick={() => setInviting(true)}>
      Invite to portal
    </Button>
  );

  const columns: Column<ClientUser>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (user) => user.name,
      render: (user) => (
        <Text size="sm" fw={500} c={user.active ? undefined : 'dimmed'}>
          {user.name}
        </Text>
      ),
    },
    {
      key: 'email',
      header: 'Email',
      sortValue: (user) => user.email,
      render: (user) => (
        <Text size="sm" truncate maw={260}>
          {user.email}
        </Text>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      width: 150,
      sortValue: (user) => user.role,
      render: (user) => <Text size="sm">{roleNames[user.role]}</Text>,
    },
    {
      key: 'invitation',
      header: 'Invitation',
      width: 120,
      sortValue: (user) => user.invitation,
      render: (user) => (
        <Badge variant="light" color={user.invitation === 'accepted' ? 'teal' : 'yellow'}>
          {user.invitation === 'accepted' ? 'Accepted' : 'Pending'}
        </Badge>
      ),
    },
    {
      key: 'active',
      header: 'Access',
      width: 120,
      sortValue: (user) => (user.active ? 0 : 1),
      render: (user) => (
        <Badge variant={user.active ? 'outline' : 'light'} color="gray">
          {user.active ? 'Active' : 'Deactivated'}
        </Badge>
      ),
    },
    addedColumn(110),
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: '',
      width: 48,
      render: (user) => (
        <UserActions
          user={user}
          onRole={(role) => update.mutate({ user, input: { role } })}
          onRenew={() => renew.mutate(user)}
          onDeactivate={() => setDeactivating(user)}
          onReactivate={() => update.mutate({ user, input: { active: true } })}
        />
      ),
    });
  }

  let body: ReactNode;
  if (users.isPending) body = <TableSkeleton columns={5} rows={2} />;
  else if (users.isError) body = <Text c="red">{users.error.message}</Text>;
  else if (users.data.length === 0)
    body = (
      <EmptyState
        icon={<IconUsers size={24} />}
        title="No portal users yet"
        description={`Invite ${clientName}’s contacts to the client portal: there they raise and follow tickets, and a company admin also reads the agreements and SLA statements, downloads invoices and approves vendors’ changes.`}
        action={inviteButton}
      />
    );
  else
    body = (
      <DataTable
        label="Portal users"
        columns={columns}
        rows={users.data}
        rowKey={(user) => user.id}
        keyboardNavigation={false}
      />
    );

  return (
    <section aria-label="Portal users">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} fz="h4">
            Portal users
          </Title>
          <Text size="sm" c="dimmed">
            {clientName}’s people who sign in to the client portal.
          </Text>
        </div>
        {users.data?.length ? inviteButton : null}
      </Group>
      {body}
      <InvitePortalUserModal
        opened={isInviting}
        onClose={() => setInviting(false)}
        clientId={clientId}
        clientName={clientName}
        members={users.data ?? []}
        onInvited={onInvited}
      />
      <LinkShownOnceModal
        link={shown?.link ?? null}
        title={`Invitation link for ${shown?.user.name ?? ''}`}
        label="Invitation link"
        onClose={() => setShown(null)}
      >
        {(expires) =>
          `Send it to ${shown?.user.name} (${shown?.user.email})${shown?.isNewUser ? ', who has also been emailed it' : ''}. It opens a page where they set a password for ${clientName}’s client portal, once, until ${expires}.${shown?.isNewUser ? '' : ' Any link sent before no longer works.'}`
        }
      </LinkShownOnceModal>
      <ConfirmDialog
        opened={deactivating !== null}
        onClose={() => setDeactivating(null)}
        title={`Deactivate ${deactivating?.name ?? ''}?`}
        message={`${deactivating?.name} is signed out and can no longer sign in to ${clientName}’s client portal. Their tickets and replies stay, and you can reactivate them at any time.`}
        confirmLabel="Deactivate"
        onConfirm={() =>
          deactivating
            ? update.mutateAsync({ user: deactivating, input: { active: false } })
            : Promise.resolve(undefined)
        }
      />
    </section>
  );
}

function UserActions(props: {
  user: ClientUser;
  onRole: (role: ClientUser['role']) => void;
  onRenew: () => void;
  onDeactivate: () => void;
  onReactivate: () => void;
}) {
  const { user } = props;
  const otherRole = user.role === 'client_admin' ? 'client_user' : 'client_admin';
  return (
    <Menu position="bottom-end" width={300}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.name}`}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {user.active && (
          <Menu.Item leftSection={<IconUserCog size={15} />} onClick={() => props.onRole(otherRole)}>
            Make {roleNames[otherRole].toLowerCase()}
          </Menu.Item>
        )}
        {user.invitation === 'pending' && user.active && (
          <Menu.Item leftSection={<IconLink size={15} />} onClick={props.onRenew}>
            New invitation link
          </Menu.Item>
        )}
        {user.active ? (
          <Menu.Item leftSection={<IconPlayerStop size={15} />} color="red" onClick={props.onDeactivate}>
            Deactivate
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconPlayerPlay size={15} />} onClick={props.onReactivate}>
            Reactivate
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
