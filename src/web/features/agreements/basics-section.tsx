// Basics: whose agreement, what kind (both fixed once created), its name and period, whether new tickets
// of the client get it, and the SLA policy and calendar its tickets and rates are measured by.
import { Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type AgreementType, agreementTypeLabels, agreementTypes } from '../../../shared/api/agreements.ts';
import { SectionCard } from '../../ui/section-card.tsx';
import { useCan } from '../auth/session.ts';
import { clientListQuery } from '../clients/clients-api.ts';
import { calendarsQuery, slaPoliciesQuery } from '../settings/settings-api.ts';
import type { SectionProps } from './agreement-form.ts';

const typeDescriptions: Record<AgreementType, string> = {
  managed:
    'A monthly fee for the covered services; work they cover is included, other work is billed at the rates below.',
  block_hours:
    'Hours bought up front and drawn down by time; past the block, work is billed at the overage rate.',
  retainer: 'Money paid each month that billable work draws from before it is invoiced.',
  break_fix: 'Nothing prepaid: every hour is billed at the rates below.',
  project: 'A fixed fee for the project; its work is included in the fee.',
};

export function BasicsSection(props: SectionProps & { isNew: boolean }) {
  const { values, errors, set, readOnly } = props;
  const can = useCan();
  const clients = useQuery({
    ...clientListQuery({ archived: 'false', limit: 500 }),
    enabled: props.isNew && can('clients.read'),
  });
  const calendars = useQuery(calendarsQuery);
  const policies = useQuery(slaPoliciesQuery);

  return (
    <SectionCard title="Basics" description="Whose agreement this is, what kind, and when it is in force.">
      <Stack gap="sm">
        {props.isNew && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              readOnly={readOnly}
              label="Client"
              required
              searchable
              placeholder={clients.isPending ? 'Loading clients…' : 'Choose a client'}
              data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
              value={values.clientId}
              error={errors.clientId}
              onChange={(clientId) => set('clientId', clientId, ['fallbackAgreementId'])}
              nothingFoundMessage="No client by that name"
            />
            <Select
              readOnly={readOnly}
              label="Type"
              required
              allowDeselect={false}
              data={agreementTypes.map((value) => ({ value, label: agreementTypeLabels[value] }))}
              value={values.type}
              error={errors.type}
              onChange={(type) => type && set('type', type as AgreementType)}
            />
          </SimpleGrid>
        )}
        {props.isNew && (
          <Text size="sm" c="dimmed" mt={-4}>
            {typeDescriptions[values.type]} The client and type cannot change later.
          </Text>
        )}
        <TextInput
          readOnly={readOnly}
          label="Name"
          required
          placeholder="e.g. Managed Gold 2026"
          maxLength={200}
          value={values.name}
          error={errors.name}
          onChange={(event) => set('name', event.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            readOnly={readOnly}
            label="Starts on"
            description="The first day it applies."
            type="date"
            required
            value={values.startsOn}
            error={errors.startsOn}
            onChange={(event) => set('startsOn', event.currentTarget.value, ['endsOn'])}
          />
          <TextInput
            readOnly={readOnly}
            label="Ends on"
            description="The last day it applies; leave empty to run until you end it."
            type="date"
            data-path="endsOn"
            value={values.endsOn}
            error={errors.endsOn}
            onChange={(event) => set('endsOn', event.currentTarget.value)}
          />
        </SimpleGrid>
        <Switch
          disabled={readOnly}
          label="Default agreement for this client"
          description="New tickets of the client get this agreement. One default at a time: their periods cannot overlap."
          checked={values.isClientDefault}
          error={errors.isClientDefault}
          onChange={(event) => set('isClientDefault', event.currentTarget.checked)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            readOnly={readOnly}
            label="SLA policy"
            description="Tickets under this agreement are measured by it."
            placeholder="The client's default policy"
            clearable={!readOnly}
            data={(policies.data ?? []).map((policy) => ({ value: policy.id, label: policy.name }))}
            value={values.slaPolicyId}
            error={errors.slaPolicyId}
            onChange={(slaPolicyId) => set('slaPolicyId', slaPolicyId)}
          />
          <Select
            readOnly={readOnly}
            label="Business calendar"
            description="Its hours decide when after-hours, weekend and holiday rates apply."
            placeholder="No calendar"
            clearable={!readOnly}
            data={(calendars.data ?? []).map((calendar) => ({
              value: calendar.id,
              label: `${calendar.name} (${calendar.timeZone})`,
            }))}
            value={values.calendarId}
            error={errors.calendarId}
            onChange={(calendarId) => set('calendarId', calendarId)}
          />
        </SimpleGrid>
      </Stack>
    </SectionCard>
  );
}
