// Create or edit a client in a modal. The form keeps what was typed when the API refuses it.
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type CurrencyCode, currencyCodes } from '../../../shared/money.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import { calendarsQuery, slaPoliciesQuery } from '../settings/settings-api.ts';
import { type Client, type ClientInput, clientKeys, createClient, updateClient } from './clients-api.ts';

interface FormValues {
  name: string;
  emailDomains: string[];
  phone: string;
  website: string;
  notes: string;
  defaultCalendarId: string | null;
  defaultSlaPolicyId: string | null;
  currency: CurrencyCode;
  taxExempt: boolean;
  taxExemptionReference: string;
  showCoveredWork: boolean;
  agentOfflineMinutes: number | string;
}

function initialValues(client?: Client): FormValues {
  return {
    name: client?.name ?? '',
    emailDomains: client?.emailDomains ?? [],
    phone: client?.phone ?? '',
    website: client?.website ?? '',
    notes: client?.notes ?? '',
    defaultCalendarId: client?.defaultCalendarId ?? null,
    defaultSlaPolicyId: client?.defaultSlaPolicyId ?? null,
    currency: (client?.currency as CurrencyCode | undefined) ?? 'USD',
    taxExempt: client?.taxExempt ?? false,
    taxExemptionReference: client?.taxExemptionReference ?? '',
    showCoveredWork: client?.showCoveredWork ?? false,
    agentOfflineMinutes: client?.agentOfflineMinutes ?? 30,
  };
}

function toInput(values: FormValues): ClientInput {
  return {
    name: values.name.trim(),
    emailDomains: values.emailDomains,
    phone: values.phone.trim() || null,
    website: values.website.trim() || null,
    notes: values.notes,
    defaultCalendarId: values.defaultCalendarId,
    defaultSlaPolicyId: values.defaultSlaPolicyId,
    currency: values.currency,
    taxExempt: values.taxExempt,
    taxExemptionReference: (values.taxExempt && values.taxExemptionReference.trim()) || null,
    showCoveredWork: values.showCoveredWork,
    agentOfflineMinutes: Number(values.agentOfflineMinutes),
  };
}

export function ClientFormModal(props: {
  opened: boolean;
  onClose: () => void;
  /** Edit this client; omitted to create one. */
  client?: Client;
  onSaved?: (client: Client) => void;
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.client ? 'Edit client' : 'Add client'}
      size="lg"
    >
      {/* Mounted only while open, so each opening starts from the client's current values. */}
      {props.opened && <ClientForm {...props} />}
    </Modal>
  );
}

function ClientForm(props: { onClose: () => void; client?: Client; onSaved?: (client: Client) => void }) {
  const queryClient = useQueryClient();
  const can = useCan();
  const [values, setValues] = useState(() => initialValues(props.client));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const calendars = useQuery({ ...calendarsQuery, enabled: can('calendars.read') });
  const policies = useQuery({ ...slaPoliciesQuery, enabled: can('calendars.read') });

  const save = useMutation({
    mutationFn: (input: ClientInput) =>
      props.client ? updateClient(props.client.id, input) : createClient(input),
    onSuccess: async (client) => {
      await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(props.client ? 'Client saved' : `Client ${client.name} added`);
      props.onSaved?.(client);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the client');
    },
  });

  function set<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim()) {
      setErrors({ name: 'Enter the client’s name' });
      return;
    }
    save.mutate(toInput(values));
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
          label="Email domains"
          description="Mail from these domains belongs to this client. Press Enter after each."
          placeholder="contoso.com"
          value={values.emailDomains}
          error={
            errors.emailDomains ??
            Object.entries(errors).find(([key]) => key.startsWith('emailDomains.'))?.[1]
          }
          onChange={(domains) => set('emailDomains', domains)}
          splitChars={[',', ' ']}
          acceptValueOnBlur
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label="Phone"
            value={values.phone}
            error={errors.phone}
            onChange={(event) => set('phone', event.currentTarget.value)}
          />
          <TextInput
            label="Website"
            placeholder="https://"
            value={values.website}
            error={errors.website}
            onChange={(event) => set('website', event.currentTarget.value)}
          />
        </SimpleGrid>
        <Select
          label="Currency"
          description="Agreements and invoices are in this currency; it cannot change once the client has an agreement."
          data={[...currencyCodes]}
          searchable
          allowDeselect={false}
          value={values.currency}
          error={errors.currency}
          onChange={(code) => code && set('currency', code as CurrencyCode)}
        />
        <SimpleGrid cols={2} spacing="sm">
          <Stack gap={6}>
            <Switch
              label="Tax exempt"
              description="Invoices charge no tax and print the exemption reference."
              checked={values.taxExempt}
              onChange={(event) => set('taxExempt', event.currentTarget.checked)}
            />
            {values.taxExempt && (
              <TextInput
                aria-label="Exemption reference"
                placeholder="Exemption certificate number"
                value={values.taxExemptionReference}
                error={errors.taxExemptionReference}
                onChange={(event) => set('taxExemptionReference', event.currentTarget.value)}
              />
            )}
          </Stack>
          <Switch
            label="Show covered work"
            description="Covered work appears on invoices as $0 lines with its value, and the client portal counts the work you began unasked (alerts, planned changes): the client sees what the agreement paid for."
            checked={values.showCoveredWork}
            onChange={(event) => set('showCoveredWork', event.currentTarget.checked)}
          />
        </SimpleGrid>
        {can('calendars.read') && (
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="Default business calendar"
              placeholder="None"
              clearable
              data={(calendars.data ?? []).map((calendar) => ({ value: calendar.id, label: calendar.name }))}
              value={values.defaultCalendarId}
              error={errors.defaultCalendarId}
              onChange={(id) => set('defaultCalendarId', id)}
            />
            <Select
              label="Default SLA policy"
              placeholder="None"
              clearable
              data={(policies.data ?? []).map((policy) => ({ value: policy.id, label: policy.name }))}
              value={values.defaultSlaPolicyId}
              error={errors.defaultSlaPolicyId}
              onChange={(id) => set('defaultSlaPolicyId', id)}
            />
          </SimpleGrid>
        )}
        <NumberInput
          label="Agent offline after (minutes)"
          description="An enrolled agent silent this long opens an “Agent offline” ticket (5 minutes to 7 days)."
          min={5}
          max={10_080}
          step={5}
          allowDecimal={false}
          w={260}
          value={values.agentOfflineMinutes}
          error={errors.agentOfflineMinutes}
          onChange={(value) => set('agentOfflineMinutes', value)}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={3}
          maxRows={8}
          value={values.notes}
          error={errors.notes}
          onChange={(event) => set('notes', event.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {props.client ? 'Save changes' : 'Add client'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
