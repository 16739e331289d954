// Invite one of a client's contacts to the client portal, as a company admin (all the company's tickets) or
// a user (their own). The person signs in with the contact's email, so only contacts with one can be chosen.
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { clientRoleLabels, clientRoles } from '../../../shared/api/client-portal.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import { contactsQuery } from './clients-api.ts';
import {
  type ClientRole,
  type ClientUser,
  type ClientUserCreated,
  invitePortalUser,
  portalUserKeys,
} from './portal-users-api.ts';

/** Refusals about the chosen contact, shown beside the field. */
const contactCodes = new Set(['client_user.contact_email_required', 'user.email_taken']);

export function InvitePortalUserModal(props: {
  opened: boolean;
  onClose: () => void;
  clientId: string;
  clientName: string;
  members: ClientUser[];
  onInvited: (created: ClientUserCreated) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Invite to the client portal" size="md">
      {props.opened && <InviteForm {...props} />}
    </Modal>
  );
}

function InviteForm(props: {
  onClose: () => void;
  clientId: string;
  clientName: string;
  members: ClientUser[];
  onInvited: (created: ClientUserCreated) => void;
}) {
  const queryClient = useQueryClient();
  const contacts = useQuery(contactsQuery(props.clientId));
  const [contactId, setContactId] = useState<string | null>(null);
  const [role, setRole] = useState<ClientRole>('client_user');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const memberContacts = new Set(props.members.map((member) => member.contactId));
  const options = (contacts.data ?? [])
    .filter((contact) => !memberContacts.has(contact.id))
    .map((contact) => ({
      value: contact.id,
      label: contact.email ? `${contact.name} (${contact.email})` : `${contact.name} — no email`,
      disabled: !contact.email,
    }));
  const hasChoice = options.some((option) => !option.disabled);

  const invite = useMutation({
    mutationFn: () => invitePortalUser(props.clientId, { contactId: contactId ?? '', role }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: portalUserKeys.list(props.clientId) });
      props.onClose();
      props.onInvited(created);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        setErrors(contactCodes.has(error.code) ? { contactId: error.message } : error.fieldErrors);
      }
      notifyError(error, 'Could not invite the contact');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!contactId) return setErrors({ contactId: 'Choose the contact to invite' });
    setErrors({});
    invite.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          They sign in with the contact’s email. A user raises tickets and follows their own; a company admin
          sees all of {props.clientName}’s tickets, its agreements, SLA statements, invoices, approvals and
          vendors. Never your internal notes, costs or other clients. Accord emails them a link to set a
          password; you can also copy it yourself.
        </Text>
        {contacts.isSuccess && !hasChoice && (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={16} />}>
            {options.length === 0
              ? `Every contact of ${props.clientName} is already a portal user. Add a contact first.`
              : 'None of the remaining contacts has an email address: add one to the contact first.'}
          </Alert>
        )}
        <Select
          label="Contact"
          description="Only contacts with an email address can sign in"
          placeholder={contacts.isPending ? 'Loading…' : 'Choose a contact'}
          required
          searchable
          data-autofocus
          data={options}
          value={contactId}
          error={errors.contactId}
          nothingFoundMessage="No contact matches"
          onChange={(value) => {
            setContactId(value);
            setErrors(({ contactId: _, ...rest }) => rest);
          }}
        />
        <Radio.Group
          label="Role"
          required
          value={role}
          error={errors.role}
          onChange={(value) => setRole(value as ClientRole)}
        >
          <Stack gap={8} mt={6}>
            {clientRoles.map((value) => (
              <Radio key={value} value={value} label={clientRoleLabels[value]} />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending}>
            Invite to portal
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
