// Add a staff member, or change one's role, client scope and active state.
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { StaffRoleValue } from '../../../shared/api/identity.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { clientOptionsQuery } from '../clients/clients-api.ts';
import { roleOptions } from './roles.ts';
import { createUser, settingsKeys, type User, updateUser } from './settings-api.ts';

interface FormValues {
  name: string;
  email: string;
  password: string;
  role: StaffRoleValue;
  allClients: boolean;
  clientIds: string[];
  active: boolean;
}

export function UserFormModal(props: { opened: boolean; onClose: () => void; user?: User }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.user ? `Edit ${props.user.name}` : 'Add user'}
    >
      {props.opened && <UserForm {...props} />}
    </Modal>
  );
}

function UserForm(props: { onClose: () => void; user?: User }) {
  const { user } = props;
  const queryClient = useQueryClient();
  // Scope can name archived clients too, so a restored client keeps its technicians.
  const clients = useQuery(clientOptionsQuery({ archived: 'any', limit: 500 }));
  const [values, setValues] = useState<FormValues>({
    name: user?.name ?? '',
    email: user?.email ?? '',
    password: '',
    role: user?.role ?? 'technician',
    allClients: user?.allClients ?? true,
    clientIds: user?.clientIds ?? [],
    active: user?.active ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (form: FormValues) =>
      user
        ? updateUser(user.id, {
            role: form.role,
            allClients: form.allClients,
            clientIds: form.allClients ? [] : form.clientIds,
            active: form.active,
          })
        : createUser({
            name: form.name.trim(),
            email: form.email.trim(),
            password: form.password,
            role: form.role,
            allClients: form.allClients,
            clientIds: form.allClients ? [] : form.clientIds,
          }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: settingsKeys.users });
      notifySuccess(user ? `${saved.name} updated` : `${saved.name} can now sign in`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the user');
    },
  });

  function set<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!user) {
      if (!values.name.trim()) problems.name = 'Enter their name';
      if (!values.email.includes('@')) problems.email = 'Enter their email address';
      if (values.password.length < 12) problems.password = 'Use at least 12 characters';
    }
    if (!values.allClients && values.clientIds.length === 0) problems.clientIds = 'Pick at least one client';
    setErrors(problems);
    if (Object.keys(problems).length === 0) save.mutate(values);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {user ? (
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
        ) : (
          <>
            <TextInput
              label="Name"
              required
              data-autofocus
              value={values.name}
              error={errors.name}
              onChange={(event) => set('name', event.currentTarget.value)}
            />
            <TextInput
              label="Email"
              type="email"
              required
              value={values.email}
              error={errors.email}
              onChange={(event) => set('email', event.currentTarget.value)}
            />
            <PasswordInput
              label="Initial password"
              description="At least 12 characters. Share it with them securely."
              required
              autoComplete="new-password"
              value={values.password}
              error={errors.password}
              onChange={(event) => set('password', event.currentTarget.value)}
            />
          </>
        )}
        <Select
          label="Role"
          allowDeselect={false}
          data={roleOptions.map((option) => ({ value: option.value, label: option.label }))}
          description={roleOptions.find((option) => option.value === values.role)?.description}
          value={values.role}
          error={errors.role}
          onChange={(role) => role && set('role', role as StaffRoleValue)}
        />
        <Switch
          label="Access to all clients"
          description="Turn off to limit this person to the clients you pick."
          checked={values.allClients}
          onChange={(event) => set('allClients', event.currentTarget.checked)}
        />
        {!values.allClients && (
          <MultiSelect
            label="Clients"
            placeholder={values.clientIds.length ? undefined : 'Pick clients'}
            searchable
            data={clients.data ?? []}
            value={values.clientIds}
            error={errors.clientIds}
            nothingFoundMessage="No such client"
            onChange={(ids) => set('clientIds', ids)}
          />
        )}
        {user && (
          <Switch
            label="Active"
            description="Deactivated users cannot sign in; their history stays."
            checked={values.active}
            onChange={(event) => set('active', event.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {user ? 'Save changes' : 'Add user'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
