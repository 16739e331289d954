// Add or edit a vendor: its name, the products (line-of-business applications) it supports, how to reach
// its support desk.
import { Button, Group, Modal, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { createVendor, updateVendor, type Vendor, type VendorInput, vendorKeys } from './vendors-api.ts';

interface Values {
  name: string;
  products: string[];
  website: string;
  supportEmail: string;
  supportPhone: string;
  notes: string;
}

function initialValues(vendor: Vendor | undefined): Values {
  return {
    name: vendor?.name ?? '',
    products: vendor?.products ?? [],
    website: vendor?.website ?? '',
    supportEmail: vendor?.supportEmail ?? '',
    supportPhone: vendor?.supportPhone ?? '',
    notes: vendor?.notes ?? '',
  };
}

export function VendorFormModal(props: {
  opened: boolean;
  onClose: () => void;
  vendor?: Vendor;
  onSaved?: (vendor: Vendor) => void;
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.vendor ? 'Edit vendor' : 'Add vendor'}
      size="lg"
    >
      {props.opened && <VendorForm {...props} />}
    </Modal>
  );
}

function VendorForm(props: { onClose: () => void; vendor?: Vendor; onSaved?: (vendor: Vendor) => void }) {
  const { vendor } = props;
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => initialValues(vendor));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (input: VendorInput) => (vendor ? updateVendor(vendor.id, input) : createVendor(input)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
      notifySuccess(vendor ? 'Vendor saved' : `${saved.name} added`);
      props.onClose();
      props.onSaved?.(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        setErrors(error.code === 'vendor.name_taken' ? { name: error.message } : error.fieldErrors);
      }
      notifyError(error, 'Could not save the vendor');
    },
  });

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim()) return setErrors({ name: 'Name the vendor, e.g. “DentalSoft Ltd”' });
    const optional = (value: string) => value.trim() || null;
    save.mutate({
      name: values.name.trim(),
      products: values.products.map((product) => product.trim()).filter(Boolean),
      website: optional(values.website),
      supportEmail: optional(values.supportEmail),
      supportPhone: optional(values.supportPhone),
      notes: values.notes,
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          data-autofocus
          value={values.name}
          error={errors.name}
          onChange={(event) => set('name', event.currentTarget.value)}
        />
        <TagsInput
          label="Products"
          description="The applications it supports; press Enter after each"
          placeholder={values.products.length ? undefined : 'e.g. Dentrix'}
          value={values.products}
          error={errors.products ?? errors['products.0']}
          onChange={(products) => set('products', products)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Support email"
            type="email"
            value={values.supportEmail}
            error={errors.supportEmail}
            onChange={(event) => set('supportEmail', event.currentTarget.value)}
          />
          <TextInput
            label="Support phone"
            value={values.supportPhone}
            error={errors.supportPhone}
            onChange={(event) => set('supportPhone', event.currentTarget.value)}
          />
        </SimpleGrid>
        <TextInput
          label="Website"
          placeholder="https://"
          value={values.website}
          error={errors.website}
          onChange={(event) => set('website', event.currentTarget.value)}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          value={values.notes}
          error={errors.notes}
          onChange={(event) => set('notes', event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {vendor ? 'Save vendor' : 'Add vendor'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
