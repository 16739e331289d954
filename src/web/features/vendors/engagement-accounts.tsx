// An engagement's vendor accounts (the OS user names and remote-tool IDs its people use at the client),
// with add and remove for those who manage vendors. Changes by these accounts are tied to the vendor.
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type VendorAccountKind,
  vendorAccountKindLabels,
  vendorAccountKinds,
} from '../../../shared/api/vendors.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import {
  addVendorAccount,
  type Engagement,
  removeVendorAccount,
  type VendorAccount,
  vendorKeys,
} from './vendors-api.ts';

const shortKind: Record<VendorAccountKind, string> = { os_user: 'Account', remote_tool: 'Remote tool' };

export function EngagementAccounts(props: { engagement: Engagement; canManage: boolean }) {
  const { engagement, canManage } = props;
  const queryClient = useQueryClient();
  const [isAdding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<VendorAccount | null>(null);
  const remove = useMutation({
    mutationFn: (account: VendorAccount) => removeVendorAccount(account.id),
    onSuccess: async (_, account) => {
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
      notifySuccess(`${account.identifier} removed`);
    },
    onError: (error) => notifyError(error, 'Could not remove the account'),
  });

  return (
    <Stack gap={2}>
      {engagement.accounts.length === 0 && (
        <Text size="sm" c="dimmed">
          No accounts
        </Text>
      )}
      {engagement.accounts.map((account) => (
        <Group key={account.id} gap={6} wrap="nowrap">
          <Tooltip label={vendorAccountKindLabels[account.kind]} withArrow>
            <Text size="xs" c="dimmed" w={72} style={{ flexShrink: 0 }}>
              {shortKind[account.kind]}
            </Text>
          </Tooltip>
          <Text size="sm" ff="monospace" truncate maw={220} title={account.notes || undefined}>
            {account.identifier}
          </Text>
          {canManage && (
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={`Remove account ${account.identifier}`}
              onClick={() => setRemoving(account)}
            >
              <IconX size={13} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {canManage && !engagement.archived && (
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => setAdding(true)}
          aria-label={`Add account for ${engagement.vendorName} at ${engagement.clientName}`}
          style={{ alignSelf: 'flex-start' }}
          px={4}
        >
          Add account
        </Button>
      )}
      <Modal opened={isAdding} onClose={() => setAdding(false)} title="Add vendor account">
        {isAdding && <AccountForm engagement={engagement} onClose={() => setAdding(false)} />}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove vendor account?"
        message={`Changes made by ${removing?.identifier ?? ''} will no longer be tied to ${engagement.vendorName}.`}
        confirmLabel="Remove"
        onConfirm={() => remove.mutateAsync(removing!)}
      />
    </Stack>
  );
}

function AccountForm(props: { engagement: Engagement; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<VendorAccountKind>('os_user');
  const [identifier, setIdentifier] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () =>
      addVendorAccount(props.engagement.id, { kind, identifier: identifier.trim(), notes: notes.trim() }),
    onSuccess: async (account) => {
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
      notifySuccess(`${account.identifier} added`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not add the account');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!identifier.trim()) return setErrors({ identifier: 'Enter the user name or ID' });
    add.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Changes on {props.engagement.clientName}’s machines made by this account are tied to{' '}
          {props.engagement.vendorName}.
        </Text>
        <Select
          label="Kind"
          allowDeselect={false}
          data={vendorAccountKinds.map((k) => ({ value: k, label: vendorAccountKindLabels[k] }))}
          value={kind}
          onChange={(value) => setKind(vendorAccountKinds.find((k) => k === value) ?? 'os_user')}
        />
        <TextInput
          label="Identifier"
          required
          data-autofocus
          description={
            kind === 'os_user'
              ? 'The user name, with or without its domain: DOMAIN\\user or user'
              : 'The ID the remote-access tool shows, e.g. a TeamViewer or AnyDesk ID'
          }
          value={identifier}
          error={errors.identifier}
          onChange={(event) => {
            setIdentifier(event.currentTarget.value);
            setErrors({});
          }}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={1}
          value={notes}
          error={errors.notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending}>
            Add account
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
