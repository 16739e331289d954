// A vendor's portal users on its page: who they are, whether they have accepted their invitation, and (for
// staff who manage vendors) inviting someone, a new invitation link, and deactivating or reactivating them.
import { ActionIcon, Badge, Button, Group, Menu, Text, Title } from '@mantine/core';
import { IconDots, IconLink, IconPlayerPlay, IconPlayerStop, IconPlus, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { addedColumn, type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LinkShownOnceModal } from '../../ui/link-shown-once.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import type { Vendor } from '../vendors/vendors-api.ts';
import { InviteVendorUserModal } from './invite-vendor-user-modal.tsx';
import {
  type OneTimeLink,
  renewInvitation,
  setVendorUserActive,
  type VendorUser,
  type VendorUserCreated,
  vendorUserKeys,
  vendorUsersQuery,
} from './vendor-users-api.ts';

/** A link shown once, with whom it is for and whether it was just emailed. */
interface ShownLink {
  link: OneTimeLink;
  user: VendorUser;
  isNewUser: boolean;
}

export function VendorUsersSection(props: { vendor: Vendor }) {
  const { vendor } = props;
  const can = useCan();
  const canManage = can('vendors.manage');
  const queryClient = useQueryClient();
  const users = useQuery(vendorUsersQuery(vendor.id));
  const [isInviting, setInviting] = useState(false);
  const [shown, setShown] = useState<ShownLink | null>(null);
  const [deactivating, setDeactivating] = useState<VendorUser | null>(null);

  const setActive = useMutation({
    mutationFn: (change: { user: VendorUser; active: boolean }) =>
      setVendorUserActive(change.user.id, change.active),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: vendorUserKeys.list(vendor.id) });
      notifySuccess(updated.active ? `${updated.name} reactivated` : `${updated.name} deactivated`);
    },
    onError: (error) => notifyError(error, 'Could not change the user'),
  });
  const renew = useMutation({
    mutationFn: (user: VendorUser) => renewInvitation(user.id),
    onSuccess: (link, user) => setShown({ link, user, isNewUser: false }),
    onError: (error) => notifyError(error, 'Could not make a new invitation link'),
  });

  function onInvited(created: VendorUserCreated) {
    if (created.invitation) {
      setShown({ link: created.invitation, user: created.user, isNewUser: true });
    } else {
      notifySuccess(
        `${created.user.name} already has an Accord password and can sign in to the portal with it now`,
      );
    }
  }

  const inviteButton = canManage && !vendor.archived && (
    <Button leftSection={<IconPlus size={16} />} variant="default" onClick={() => setInviting(true)}>
      Invite user
    </Button>
  );

  const columns: Column<VendorUser>[] = [
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
        <Text size="sm" truncate maw={280}>
          {user.email}
        </Text>
      ),
    },
    {
      key: 'invitation',
      header: 'Invitation',
      width: 130,
      sortValue: (user) => user.invitation,
      render: (user) =>
        user.invitation === 'accepted' ? (
          <Badge variant="light" color="teal">
            Accepted
          </Badge>
        ) : (
          <Badge variant="light" color="yellow">
            Pending
          </Badge>
        ),
    },
    {
      key: 'active',
      header: 'Access',
      width: 130,
      sortValue: (user) => (user.active ? 0 : 1),
      render: (user) =>
        user.active ? (
          <Badge variant="outline" color="gray">
            Active
          </Badge>
        ) : (
          <Badge variant="light" color="gray">
            Deactivated
          </Badge>
        ),
    },
    addedColumn(120),
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: '',
      width: 48,
      render: (user) => (
        <UserActions
          user={user}
          onRenew={() => renew.mutate(user)}
          onDeactivate={() => setDeactivating(user)}
          onReactivate={() => setActive.mutate({ user, active: true })}
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
        description={`Invite ${vendor.name}’s people to the vendor portal: there they acknowledge the rules, raise change requests and reply about changes tied to ${vendor.name}.`}
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
            {vendor.name}’s people who sign in to the vendor portal.
          </Text>
        </div>
        {users.data?.length ? inviteButton : null}
      </Group>
      {body}
      <InviteVendorUserModal
        opened={isInviting}
        onClose={() => setInviting(false)}
        vendor={vendor}
        onInvited={onInvited}
      />
      <LinkShownOnceModal
        link={shown?.link ?? null}
        title={`Invitation link for ${shown?.user.name ?? ''}`}
        label="Invitation link"
        onClose={() => setShown(null)}
      >
        {(expires) =>
          `Send it to ${shown?.user.name} (${shown?.user.email})${shown?.isNewUser ? ', who has also been emailed it' : ''}. It opens a page where they set a password for the ${vendor.name} portal, once, until ${expires}.${shown?.isNewUser ? '' : ' Any link sent before no longer works.'}`
        }
      </LinkShownOnceModal>
      <ConfirmDialog
        opened={deactivating !== null}
        onClose={() => setDeactivating(null)}
        title={`Deactivate ${deactivating?.name ?? ''}?`}
        message={`${deactivating?.name} is signed out and can no longer sign in to the ${vendor.name} portal. Their requests and replies stay, and you can reactivate them at any time.`}
        confirmLabel="Deactivate"
        onConfirm={() =>
          deactivating
            ? setActive.mutateAsync({ user: deactivating, active: false })
            : Promise.resolve(undefined)
        }
      />
    </section>
  );
}

function UserActions(props: {
  user: VendorUser;
  onRenew: () => void;
  onDeactivate: () => void;
  onReactivate: () => void;
}) {
  const { user } = props;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.name}`}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
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
