// Invite one of a vendor's people to the vendor portal: their name and email. The answer says whether they
// need the invitation link (to set a password) or already have an Accord password and simply sign in.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import type { Vendor } from '../vendors/vendors-api.ts';
import { inviteVendorUser, type VendorUserCreated, vendorUserKeys } from './vendor-users-api.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function InviteVendorUserModal(props: {
  opened: boolean;
  onClose: () => void;
  vendor: Vendor;
  onInvited: (created: VendorUserCreated) => void;
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={`Invite a ${props.vendor.name} user`}
      size="md"
    >
      {props.opened && <InviteForm {...props} />}
    </Modal>
  );
}

function InviteForm(props: {
  onClose: () => void;
  vendor: Vendor;
  onInvited: (created: VendorUserCreated) => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const invite = useMutation({
    mutationFn: () => inviteVendorUser(props.vendor.id, { name: name.trim(), email: email.trim() }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: vendorUserKeys.list(props.vendor.id) });
      props.onClose();
      props.onInvited(created);
    },
    onError: (error) => {
      // vendor_user.email_taken, or user.email_taken for someone who is already one of the MSP's members.
      if (error instanceof ApiError) {
        setErrors(error.code.endsWith('.email_taken') ? { email: error.message } : error.fieldErrors);
      }
      notifyError(error, 'Could not invite the user');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Enter the person’s name';
    if (!EMAIL.test(email.trim())) problems.email = 'Enter an email address';
    setErrors(problems);
    if (Object.keys(problems).length === 0) invite.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          They see only {props.vendor.name}’s engagements, rules, change requests and the changes attributed
          to it. Accord emails them a link to set a password; you can also copy it yourself.
        </Text>
        <TextInput
          label="Name"
          required
          data-autofocus
          autoComplete="off"
          value={name}
          error={errors.name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setErrors(({ name: _, ...rest }) => rest);
          }}
        />
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="off"
          value={email}
          error={errors.email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setErrors(({ email: _, ...rest }) => rest);
          }}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending}>
            Invite user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
