// Settings → Billing → Invoicing: invoice and credit note numbering, payment terms, whether prices include tax, the revenue
// account accounting exports use, and the margin below which profitability flags a client.
import { Button, Grid, Group, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { SectionCard } from '../../ui/section-card.tsx';
import { useCan } from '../auth/session.ts';
import {
  type BillingSettings,
  type BillingSettingsUpdate,
  billingSettingsQuery,
  invoiceKeys,
  updateBillingSettings,
} from '../invoices/invoices-api.ts';

type Form = {
  [K in keyof BillingSettings]: BillingSettings[K] extends number ? number | string : BillingSettings[K];
};
type Errors = Partial<Record<keyof BillingSettings, string>>;

const numberFields = [
  'nextInvoiceNumber',
  'nextCreditNoteNumber',
  'paymentTermsDays',
  'marginThresholdPercent',
] as const;

/** What changed, as the PATCH body; a number field left empty or not whole is reported instead. */
function changesOf(form: Form, saved: BillingSettings): { body: BillingSettingsUpdate; errors: Errors } {
  const body: Record<string, unknown> = {};
  const errors: Errors = {};
  for (const key of Object.keys(saved) as (keyof BillingSettings)[]) {
    let value: unknown = form[key];
    if ((numberFields as readonly string[]).includes(key)) {
      if (value === '' || !Number.isInteger(Number(value))) {
        errors[key] = 'Enter a whole number';
        continue;
      }
      value = Number(value);
    }
    if (typeof value === 'string') value = value.trim();
    if (value !== saved[key]) body[key] = value;
  }
  return { body: body as BillingSettingsUpdate, errors };
}

/**
 * The two numbering sequences, each in its own settings fields. `noun` is lower case, as in "Next invoice
 * number"; `nextIs` leads into the number the next one gets.
 */
const numberings = [
  {
    noun: 'invoice',
    nextIs: 'The next finalized invoice is',
    prefixField: 'invoicePrefix',
    numberField: 'nextInvoiceNumber',
  },
  {
    noun: 'credit note',
    nextIs: 'The next credit note is',
    prefixField: 'creditNotePrefix',
    numberField: 'nextCreditNoteNumber',
  },
] as const;

/** One numbering sequence's prefix and next number, and the number they make. */
function NumberingFields(props: {
  numbering: (typeof numberings)[number];
  form: Form;
  errors: Errors;
  disabled: boolean;
  onChange: (patch: Partial<Form>) => void;
}) {
  const { form, errors, disabled, onChange } = props;
  const { noun, nextIs, prefixField, numberField } = props.numbering;
  const nextNumber = form[numberField];
  const preview = `${String(form[prefixField]).trim()}${nextNumber === '' ? '…' : nextNumber}`;
  return (
    <>
      <Group grow align="flex-start">
        <TextInput
          label={`${noun[0]?.toUpperCase()}${noun.slice(1)} prefix`}
          description="Letters, digits and - _ / . (may be empty)"
          maxLength={20}
          disabled={disabled}
          value={form[prefixField]}
          error={errors[prefixField]}
          onChange={(event) => onChange({ [prefixField]: event.currentTarget.value })}
        />
        <NumberInput
          label={`Next ${noun} number`}
          description="Any number not used yet"
          min={1}
          max={999_999_999}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          disabled={disabled}
          value={nextNumber}
          error={errors[numberField]}
          onChange={(value) => onChange({ [numberField]: value })}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {nextIs}{' '}
        <Text span fw={600} c="var(--mantine-color-text)">
          {preview}
        </Text>
        .
      </Text>
    </>
  );
}

export function BillingSettingsPage() {
  const settings = useQuery(billingSettingsQuery);
  return (
    <>
      <PageHeader
        title="Invoicing"
        description="How invoices and credit notes are numbered, when invoices fall due, how tax is read from prices, and what exports and profitability use."
      />
      {settings.isSuccess ? (
        <BillingSettingsForm settings={settings.data} />
      ) : (
        <QueryState query={settings} height={360} />
      )}
    </>
  );
}

/** What the payment terms field says of the days typed. */
function termsDescription(typed: number | string): string {
  const terms = Number(typed);
  if (String(typed) === '' || !Number.isInteger(terms)) return 'Days from issue to due date, 0 to 365.';
  if (terms === 0) return 'Invoices are due on the day they are issued.';
  return `Invoices are due ${terms} ${terms === 1 ? 'day' : 'days'} after they are issued (net ${terms}).`;
}

function BillingSettingsForm(props: { settings: BillingSettings }) {
  const { settings } = props;
  const can = useCan();
  const canManage = can('billing.manage');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(settings);
  const [errors, setErrors] = useState<Errors>({});
  const set = (patch: Partial<Form>) => {
    setForm((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key as keyof Errors];
      return next;
    });
  };
  const { body, errors: localErrors } = changesOf(form, settings);
  const isDirty = Object.keys(body).length > 0 || Object.keys(localErrors).length > 0;

  const save = useMutation({
    mutationFn: () => updateBillingSettings(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(invoiceKeys.settings, saved);
      setForm(saved);
      setErrors({});
      notifySuccess('Invoicing settings saved');
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors as Errors);
      notifyError(error, 'Could not save the invoicing settings');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(localErrors).length > 0) return setErrors(localErrors);
    save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <SectionCard
            title="Invoices and credit notes"
            description="Numbers are given when an invoice is finalized or a credit note issued, each in its own order, and never skip or repeat."
          >
            <Stack gap="sm">
              {numberings.map((numbering) => (
                <NumberingFields
                  key={numbering.noun}
                  numbering={numbering}
                  form={form}
                  errors={errors}
                  disabled={!canManage}
                  onChange={set}
                />
              ))}
              <NumberInput
                label="Payment terms (days)"
                description={termsDescription(form.paymentTermsDays)}
                min={0}
                max={365}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                w={260}
                disabled={!canManage}
                value={form.paymentTermsDays}
                error={errors.paymentTermsDays}
                onChange={(value) => set({ paymentTermsDays: value })}
              />
              <Switch
                label="Prices include tax"
                description="Catalog and agreement prices already hold the tax, as in much of Europe and Australia; invoices show the tax they contain. Off: tax is added on top."
                disabled={!canManage}
                checked={form.pricesIncludeTax}
                error={errors.pricesIncludeTax}
                onChange={(event) => set({ pricesIncludeTax: event.currentTarget.checked })}
              />
              <Text size="xs" c="dimmed">
                Changes apply to drafts when they are next built or rebuilt; finalized invoices keep theirs.
              </Text>
            </Stack>
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <SectionCard
              title="Accounting export"
              description="Exported invoice lines are posted to this revenue account in your accounting system."
            >
              <TextInput
                label="Revenue account code"
                description="e.g. 200 (Xero needs an account on every line)"
                maxLength={20}
                w={260}
                disabled={!canManage}
                value={form.revenueAccountCode}
                error={errors.revenueAccountCode}
                onChange={(event) => set({ revenueAccountCode: event.currentTarget.value })}
              />
            </SectionCard>
            <SectionCard
              title="Profitability"
              description="Clients whose margin (what they pay less what their work and resale cost) falls below this are flagged."
            >
              <NumberInput
                label="Margin threshold (%)"
                min={-100}
                max={100}
                allowDecimal={false}
                clampBehavior="none"
                suffix=" %"
                w={200}
                disabled={!canManage}
                value={form.marginThresholdPercent}
                error={errors.marginThresholdPercent}
                onChange={(value) => set({ marginThresholdPercent: value })}
              />
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
      {canManage && (
        <Group mt="md">
          <Button type="submit" loading={save.isPending} disabled={!isDirty}>
            Save invoicing settings
          </Button>
          {isDirty && (
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setForm(settings);
                setErrors({});
              }}
            >
              Discard changes
            </Button>
          )}
        </Group>
      )}
    </form>
  );
}
