// Create or edit a contact: who they are, how to reach them, which site, whether they are a billable user.
import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import {
  type Contact,
  type ContactInput,
  clientKeys,
  createContact,
  sitesQuery,
  updateContact,
} from './clients-api.ts';

interface FormValues {
  name: string;
  title: string;
  email: string;
  phone: string;
  siteId: string | null;
  isBillableUser: boolean;
}

export function ContactFormModal(props: {
  opened: boolean;
  onClose: () => void;
  clientId: string;
  contact?: Contact;
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.contact ? 'Edit contact' : 'Add contact'}
    >
      {props.opened && <ContactForm {...props} />}
    </Modal>
  );
}

function ContactForm(props: { onClose: () => void; clientId: string; contact?: Contact }) {
  const queryClient = useQueryClient();
  const sites = useQuery(sitesQuery(props.clientId));
  const [values, setValues] = useState<FormValues>({
    name: props.contact?.name ?? '',
    title: props.contact?.title ?? '',
    email: props.contact?.email ?? '',
    phone: props.contact?.phone ?? '',
    siteId: props.contact?.siteId ?? null,
    isBillableUser: props.contact?.isBillableUser ?? false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (input: ContactInput) =>
      props.contact ? updateContact(props.contact.id, input) : createContact(props.clientId, input),
    onSuccess: async (contact) => {
      await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(props.contact ? 'Contact saved' : `Contact ${contact.name} added`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the contact');
    },
  });

  function set<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim()) return setErrors({ name: 'Enter the contact’s name' });
    save.mutate({
      name: values.name.trim(),
      title: values.title.trim() || null,
      email: values.email.trim() || null,
      phone: values.phone.trim() || null,
      siteId: values.siteId,
      isBillableUser: values.isBillableUser,
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label="Contact name"
            required
            data-autofocus
            value={values.name}
            error={errors.name}
            onChange={(event) => set('name', event.currentTarget.value)}
          />
          <TextInput
            label="Job title"
            value={values.title}
            error={errors.title}
            onChange={(event) => set('title', event.currentTarget.value)}
          />
          <TextInput
            label="Email"
            type="email"
            value={values.email}
            error={errors.email}
            onChange={(event) => set('email', event.currentTarget.value)}
          />
          <TextInput
            label="Phone"
            value={values.phone}
            error={errors.phone}
            onChange={(event) => set('phone', event.currentTarget.value)}
          />
        </SimpleGrid>
        <Select
          label="Site"
          placeholder={sites.data?.length ? 'No particular site' : 'This client has no sites yet'}
          clearable
          data={(sites.data ?? []).map((site) => ({ value: site.id, label: site.name }))}
          value={values.siteId}
          error={errors.siteId}
          onChange={(id) => set('siteId', id)}
        />
        <Checkbox
          label="Billable user"
          description="Counts towards per-user billing on the client's agreement."
          checked={values.isBillableUser}
          onChange={(event) => set('isBillableUser', event.currentTarget.checked)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {props.contact ? 'Save contact' : 'Add contact'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
