// A client's contacts, searchable by name or email.
import { ActionIcon, Anchor, Badge, Button, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { type Contact, clientKeys, contactsQuery, deleteContact, sitesQuery } from './clients-api.ts';
import { ContactFormModal } from './contact-form-modal.tsx';

export function ContactsTab(props: { clientId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const contacts = useQuery(contactsQuery(props.clientId, q || undefined));
  const sites = useQuery(sitesQuery(props.clientId));
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const siteName = (id: string | null) => sites.data?.find((site) => site.id === id)?.name;

  const remove = useMutation({
    mutationFn: (contact: Contact) => deleteContact(contact.id),
    onSuccess: async (_, contact) => {
      await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(`Contact ${contact.name} deleted`);
    },
    onError: (error) => notifyError(error, 'Could not delete the contact'),
  });

  const columns: Column<Contact>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (contact) => contact.name,
      render: (contact) => (
        <Group gap="xs" wrap="nowrap">
          <Text fw={500} size="sm">
            {contact.name}
          </Text>
          {contact.isBillableUser && (
            <Badge size="xs" variant="light" color="teal">
              Billable
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'title',
      header: 'Title',
      sortValue: (c) => c.title,
      render: (c) => c.title ?? <Text c="dimmed">—</Text>,
    },
    {
      key: 'email',
      header: 'Email',
      sortValue: (c) => c.email,
      render: (c) =>
        c.email ? (
          <Anchor href={`mailto:${c.email}`} size="sm">
            {c.email}
          </Anchor>
        ) : (
          <Text c="dimmed">—</Text>
        ),
    },
    { key: 'phone', header: 'Phone', render: (c) => c.phone ?? <Text c="dimmed">—</Text> },
    {
      key: 'site',
      header: 'Site',
      sortValue: (c) => siteName(c.siteId) ?? null,
      render: (c) => siteName(c.siteId) ?? <Text c="dimmed">—</Text>,
    },
  ];
  if (props.canManage) {
    columns.push({
      key: 'actions',
      header: '',
      width: 80,
      align: 'right',
      render: (contact) => (
        <Group gap={2} justify="flex-end" wrap="nowrap">
          <Tooltip label="Edit contact">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Edit ${contact.name}`}
              onClick={() => setEditing(contact)}
            >
              <IconPencil size={15} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Delete contact">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${contact.name}`}
              onClick={() => setDeleting(contact)}
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ),
    });
  }

  const addButton = props.canManage && (
    <Button leftSection={<IconPlus size={15} />} onClick={() => setEditing('new')}>
      Add contact
    </Button>
  );
  const isEmptyClient = contacts.data?.length === 0 && !q;

  return (
    <>
      {!isEmptyClient && (
        <Group justify="space-between" align="flex-end" mb="sm">
          <TextInput
            label="Search contacts"
            placeholder="Name or email"
            leftSection={<IconSearch size={15} />}
            w={280}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          {addButton}
        </Group>
      )}
      {contacts.isPending ? (
        <TableSkeleton columns={5} rows={3} />
      ) : contacts.isError ? (
        <Text c="red">{contacts.error.message}</Text>
      ) : isEmptyClient ? (
        <EmptyState
          icon={<IconAddressBook size={24} />}
          title="No contacts yet"
          description="Add the people at this client who raise tickets, approve changes or pay invoices."
          action={addButton}
        />
      ) : contacts.data.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          No contacts match “{q}”.
        </Text>
      ) : (
        <DataTable label="Contacts" columns={columns} rows={contacts.data} rowKey={(contact) => contact.id} />
      )}
      <ContactFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        clientId={props.clientId}
        contact={editing === 'new' || editing === null ? undefined : editing}
      />
      <ConfirmDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete contact?"
        message={`${deleting?.name ?? 'This contact'} will be removed from the client.`}
        confirmLabel="Delete contact"
        onConfirm={() => (deleting ? remove.mutateAsync(deleting) : Promise.resolve())}
      />
    </>
  );
}
