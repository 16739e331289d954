// Minimums and rounding (how billable minutes are counted) and the clauses about vendors.
import { NumberInput, Radio, SimpleGrid, Stack, Switch } from '@mantine/core';
import { vendorCausedRuleLabels, vendorCausedRules } from '../../../shared/api/agreements.ts';
import { SectionCard } from '../../ui/section-card.tsx';
import type { FormValues, SectionProps } from './agreement-form.ts';
import { MoneyInput } from './money-input.tsx';

const minuteFields = [
  {
    key: 'onsiteMinimumMinutes',
    label: 'On-site minimum',
    description: 'Each billable visit (work types marked on-site) bills at least this long.',
    max: 480,
  },
  {
    key: 'remoteTicketMinimumMinutes',
    label: 'Remote ticket minimum',
    description: "A ticket's first billable remote entry bills at least this long.",
    max: 480,
  },
  {
    key: 'roundingMinutes',
    label: 'Round up to',
    description: "Each entry's billable minutes round up to a multiple of this; 1 = no rounding.",
    max: 60,
  },
] as const satisfies { key: keyof FormValues; label: string; description: string; max: number }[];

export function MinimumsSection(props: SectionProps) {
  const { values, errors, set, currency, readOnly } = props;
  return (
    <SectionCard
      title="Minimums and rounding"
      description="How billable minutes are counted before they are priced. 0 means no minimum."
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {minuteFields.map((field) => (
          <NumberInput
            readOnly={readOnly}
            key={field.key}
            label={field.label}
            description={field.description}
            // Under the input, so inputs line up whatever the length of their explanations.
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            suffix=" min"
            min={field.key === 'roundingMinutes' ? 1 : 0}
            max={field.max}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            value={values[field.key]}
            error={errors[field.key]}
            onChange={(value) => set(field.key, value)}
          />
        ))}
        <MoneyInput
          readOnly={readOnly}
          label="Trip charge"
          description="Added once to each billable on-site visit."
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          currency={currency}
          value={values.tripCharge}
          error={errors.tripChargeCents}
          onChange={(value) => set('tripCharge', value)}
        />
      </SimpleGrid>
    </SectionCard>
  );
}

export function ClausesSection(props: SectionProps) {
  const { values, errors, set, readOnly } = props;
  return (
    <SectionCard
      title="Clauses"
      description="What the client agreed to about work caused by, or done by, their vendors."
    >
      <Stack gap="md">
        <Radio.Group
          readOnly={readOnly}
          label="Vendor-caused work"
          description="How time spent on problems a vendor caused is billed."
          value={values.vendorCausedWork}
          error={errors.vendorCausedWork}
          onChange={(value) => set('vendorCausedWork', value as FormValues['vendorCausedWork'])}
        >
          <Stack gap={6} mt={6}>
            {vendorCausedRules.map((value) => (
              <Radio key={value} value={value} label={vendorCausedRuleLabels[value]} />
            ))}
          </Stack>
        </Radio.Group>
        <Switch
          disabled={readOnly}
          label="Letter of Agency required"
          description="A vendor works for the client only once a signed Letter of Agency is on file."
          checked={values.requiresLoa}
          error={errors.requiresLoa}
          onChange={(event) => set('requiresLoa', event.currentTarget.checked)}
        />
        <Switch
          disabled={readOnly}
          label="Client approves vendor changes"
          description="Changes a vendor makes need the client's approval first."
          checked={values.requiresClientApprovalOfVendorChanges}
          error={errors.requiresClientApprovalOfVendorChanges}
          onChange={(event) => set('requiresClientApprovalOfVendorChanges', event.currentTarget.checked)}
        />
      </Stack>
    </SectionCard>
  );
}
