// Create or edit a client's site: a name, the local time zone, an address.
import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { browserTimeZone } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { TimeZoneSelect } from '../../ui/time-zone-select.tsx';
import { clientKeys, createSite, type Site, type SiteInput, updateSite } from './clients-api.ts';

export function SiteFormModal(props: {
  opened: boolean;
  onClose: () => void;
  clientId: string;
  site?: Site;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.site ? 'Edit site' : 'Add site'}>
      {props.opened && <SiteForm {...props} />}
    </Modal>
  );
}

function SiteForm(props: { onClose: () => void; clientId: string; site?: Site }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<SiteInput>({
    name: props.site?.name ?? '',
    timeZone: props.site?.timeZone ?? browserTimeZone(),
    address: props.site?.address ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (input: SiteInput) =>
      props.site ? updateSite(props.site.id, input) : createSite(props.clientId, input),
    onSuccess: async (site) => {
      await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(props.site ? 'Site saved' : `Site ${site.name} added`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the site');
    },
  });

  function set<K extends keyof SiteInput>(key: K, value: SiteInput[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim()) return setErrors({ name: 'Name the site, e.g. “Head office”' });
    save.mutate({ ...values, name: values.name.trim() });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Site name"
          required
          data-autofocus
          value={values.name}
          error={errors.name}
          onChange={(event) => set('name', event.currentTarget.value)}
        />
        <TimeZoneSelect
          label="Time zone"
          description="Local times for this site (opening hours, on-site visits) use this zone."
          value={values.timeZone}
          error={errors.timeZone}
          onChange={(zone) => set('timeZone', zone)}
        />
        <Textarea
          label="Address"
          autosize
          minRows={2}
          value={values.address}
          error={errors.address}
          onChange={(event) => set('address', event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {props.site ? 'Save site' : 'Add site'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
