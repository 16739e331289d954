// Engage a vendor at a client for a product (from the vendor's page, choosing the client; or from the
// client's page, choosing the vendor), or edit an engagement: its support contract, renewal and SLA.
import {
  Autocomplete,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { clientOptionsQuery } from '../clients/clients-api.ts';
import {
  createEngagement,
  type Engagement,
  updateEngagement,
  type Vendor,
  vendorKeys,
  vendorListQuery,
} from './vendors-api.ts';

interface Values {
  vendorId: string | null;
  clientId: string | null;
  product: string;
  supportContract: string;
  renewsOn: string;
  slaTerms: string;
  notes: string;
}

export interface EngagementFormProps {
  onClose: () => void;
  /** Editing: vendor and client stay as they are. */
  engagement?: Engagement;
  /** Adding from the vendor's page: choose the client. */
  vendor?: Vendor;
  /** Adding from the client's page: choose the vendor. */
  clientId?: string;
}

export function EngagementFormModal(props: EngagementFormProps & { opened: boolean }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.engagement ? 'Edit engagement' : 'Engage vendor at a client'}
      size="lg"
    >
      {props.opened && <EngagementForm {...props} />}
    </Modal>
  );
}

function EngagementForm(props: EngagementFormProps) {
  const { engagement, vendor } = props;
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => ({
    vendorId: engagement?.vendorId ?? vendor?.id ?? null,
    clientId: engagement?.clientId ?? props.clientId ?? null,
    product: engagement?.product ?? (vendor?.products.length === 1 ? vendor.products[0]! : ''),
    supportContract: engagement?.supportContract ?? '',
    renewsOn: engagement?.renewsOn ?? '',
    slaTerms: engagement?.slaTerms ?? '',
    notes: engagement?.notes ?? '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const choosesClient = !engagement && !props.clientId;
  const choosesVendor = !engagement && !vendor;
  const clients = useQuery({
    ...clientOptionsQuery({ archived: 'false', limit: 500 }),
    enabled: choosesClient,
  });
  const vendors = useQuery({ ...vendorListQuery({ archived: 'false', limit: 500 }), enabled: choosesVendor });
  const chosenVendor = vendor ?? vendors.data?.items.find((v) => v.id === values.vendorId);

  const save = useMutation({
    mutationFn: () => {
      const fields = {
        product: values.product.trim(),
        supportContract: values.supportContract.trim() || null,
        renewsOn: values.renewsOn || null,
        slaTerms: values.slaTerms,
        notes: values.notes,
      };
      if (engagement) return updateEngagement(engagement.id, fields);
      return createEngagement(values.vendorId!, { clientId: values.clientId!, ...fields });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
      notifySuccess(engagement ? 'Engagement saved' : `${saved.vendorName} engaged at ${saved.clientName}`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the engagement');
    },
  });

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.vendorId) problems.vendorId = 'Choose the vendor';
    if (!values.clientId) problems.clientId = 'Choose the client the vendor works for';
    if (!values.product.trim()) problems.product = 'Name the product, e.g. “Dentrix”';
    if (Object.keys(problems).length > 0) return setErrors(problems);
    save.mutate();
  }

  const fixed = (label: string, value: string) => <TextInput label={label} value={value} disabled readOnly />;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {choosesVendor ? (
            <Select
              label="Vendor"
              required
              searchable
              placeholder="Choose a vendor"
              data={(vendors.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
              value={values.vendorId}
              error={errors.vendorId}
              onChange={(vendorId) => set('vendorId', vendorId)}
            />
          ) : (
            fixed('Vendor', engagement?.vendorName ?? vendor?.name ?? '')
          )}
          {choosesClient ? (
            <Select
              label="Client"
              required
              searchable
              placeholder="Choose a client"
              data={clients.data ?? []}
              value={values.clientId}
              error={errors.clientId}
              onChange={(clientId) => set('clientId', clientId)}
            />
          ) : engagement ? (
            fixed('Client', engagement.clientName)
          ) : null}
          <Autocomplete
            label="Product"
            required
            description="The application the vendor supports there"
            data={chosenVendor?.products ?? []}
            value={values.product}
            error={errors.product}
            onChange={(product) => set('product', product)}
          />
          <TextInput
            label="Support contract"
            description="The vendor's contract with the client: number or plan"
            value={values.supportContract}
            error={errors.supportContract}
            onChange={(event) => set('supportContract', event.currentTarget.value)}
          />
          <TextInput
            label="Renews on"
            description="When the vendor's contract renews"
            type="date"
            value={values.renewsOn}
            error={errors.renewsOn}
            onChange={(event) => set('renewsOn', event.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          label="Vendor's SLA terms"
          description="The vendor's own response and fix promises, as its contract states them"
          autosize
          minRows={2}
          value={values.slaTerms}
          error={errors.slaTerms}
          onChange={(event) => set('slaTerms', event.currentTarget.value)}
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
            {engagement ? 'Save engagement' : 'Engage vendor'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
