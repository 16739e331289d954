// Add a catalog item, or change one: what it is, how it is sold (unit, device class), its price, for
// resale items what it costs, and its tax code. Amounts are typed as decimals and sent as cents.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type CatalogUnit,
  catalogCategories,
  catalogCategoryLabels,
  catalogUnitLabels,
  catalogUnits,
  type DeviceClass,
  deviceClasses,
  deviceClassLabels,
  formatRate,
} from '../../../shared/api/catalog.ts';
import { centsToDecimal, currencyCodes, minorUnits, parseMoney } from '../../../shared/money.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import {
  type CatalogCategory,
  type CatalogItem,
  catalogKeys,
  createCatalogItem,
  taxCodesQuery,
  updateCatalogItem,
} from './catalog-api.ts';

interface FormValues {
  category: CatalogCategory;
  name: string;
  description: string;
  unit: CatalogUnit;
  deviceClass: DeviceClass | null;
  currency: string;
  price: string;
  isResale: boolean;
  unitCost: string;
  taxCodeId: string | null;
}

/** Why a typed amount was not accepted. */
function amountProblem(text: string, currency: string): string {
  if (!text.trim()) return 'Enter an amount';
  if (text.trim().startsWith('-')) return 'Cannot be negative';
  return minorUnits(currency) === 0
    ? `Enter a whole amount (${currency} has no decimals)`
    : `Enter an amount like 12.50 (at most ${minorUnits(currency)} decimals)`;
}

/** API field names -> the form's. */
const fieldOf: Record<string, keyof FormValues> = { priceCents: 'price', unitCostCents: 'unitCost' };

export function CatalogItemFormModal(props: {
  opened: boolean;
  onClose: () => void;
  item?: CatalogItem;
  /** The category a new item starts in (the page's filter). */
  category?: CatalogCategory;
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.item ? `Edit ${props.item.name}` : 'Add catalog item'}
      size="lg"
    >
      {props.opened && <CatalogItemForm {...props} />}
    </Modal>
  );
}

function CatalogItemForm(props: { onClose: () => void; item?: CatalogItem; category?: CatalogCategory }) {
  const { item } = props;
  const queryClient = useQueryClient();
  const taxCodes = useQuery(taxCodesQuery);
  const currency = item?.currency ?? 'USD';
  const [values, setValues] = useState<FormValues>({
    category: item?.category ?? props.category ?? 'on_premises',
    name: item?.name ?? '',
    description: item?.description ?? '',
    unit: item?.unit ?? 'per_device',
    deviceClass: item ? item.deviceClass : 'workstation',
    currency,
    price: item ? centsToDecimal(item.priceCents, currency) : '',
    isResale: item?.isResale ?? false,
    unitCost: item?.unitCostCents != null ? centsToDecimal(item.unitCostCents, currency) : '',
    taxCodeId: item?.taxCodeId ?? null,
  });
  const [errors, setErrors] = useState<Partial<Record<keyof FormValues, string>>>({});

  // Active codes, plus the item's own if it has since been archived (it may keep it).
  const taxCodeOptions = (taxCodes.data ?? [])
    .filter((code) => !code.archived || code.id === item?.taxCodeId)
    .map((code) => ({
      value: code.id,
      label: `${code.name} (${formatRate(code.rateBasisPoints)})${code.archived ? ' · archived' : ''}`,
    }));
  const taxCodeId = values.taxCodeId ?? taxCodes.data?.find((code) => code.isDefault)?.id ?? null;

  const save = useMutation({
    mutationFn: (body: Parameters<typeof createCatalogItem>[0]) =>
      item ? updateCatalogItem(item.id, body) : createCatalogItem(body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      notifySuccess(item ? `${saved.name} saved` : `${saved.name} added`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const next: Partial<Record<keyof FormValues, string>> = {};
        for (const [key, message] of Object.entries(error.fieldErrors)) {
          next[fieldOf[key] ?? (key as keyof FormValues)] = message;
        }
        if (error.code.endsWith('name_taken')) next.name = error.message;
        setErrors(next);
      }
      notifyError(error, 'Could not save the item');
    },
  });

  function set<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function setUnit(unit: CatalogUnit) {
    setValues((current) => ({
      ...current,
      unit,
      deviceClass: unit === 'per_device' ? (current.deviceClass ?? 'workstation') : null,
    }));
    setErrors(({ unit: _, deviceClass: __, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<keyof FormValues, string>> = {};
    const priceCents = parseMoney(values.price, values.currency);
    const unitCostCents = values.isResale ? parseMoney(values.unitCost, values.currency) : null;
    if (!values.name.trim()) problems.name = 'Enter a name';
    if (priceCents === null) problems.price = amountProblem(values.price, values.currency);
    if (values.isResale && unitCostCents === null) {
      problems.unitCost = values.unitCost.trim()
        ? amountProblem(values.unitCost, values.currency)
        : 'A resale item needs a unit cost';
    }
    if (!taxCodeId) problems.taxCodeId = 'Choose a tax code';
    setErrors(problems);
    if (Object.keys(problems).length > 0 || priceCents === null || !taxCodeId) return;
    save.mutate({
      category: values.category,
      name: values.name.trim(),
      description: values.description.trim() || null,
      unit: values.unit,
      deviceClass: values.unit === 'per_device' ? values.deviceClass : null,
      priceCents,
      currency: values.currency as (typeof currencyCodes)[number],
      isResale: values.isResale,
      unitCostCents,
      taxCodeId,
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
          onChange={(event) => set('name', event.currentTarget.value)}
          error={errors.name}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={5}
          value={values.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          error={errors.description}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Category"
            allowDeselect={false}
            data={catalogCategories.map((value) => ({ value, label: catalogCategoryLabels[value] }))}
            value={values.category}
            onChange={(value) => value && set('category', value as CatalogCategory)}
            error={errors.category}
          />
          <Select
            label="Unit"
            allowDeselect={false}
            data={catalogUnits.map((value) => ({ value, label: catalogUnitLabels[value] }))}
            value={values.unit}
            onChange={(value) => value && setUnit(value as CatalogUnit)}
            error={errors.unit}
          />
          {values.unit === 'per_device' && (
            <Select
              label="Device class"
              allowDeselect={false}
              data={deviceClasses.map((value) => ({ value, label: deviceClassLabels[value] }))}
              value={values.deviceClass}
              onChange={(value) => value && set('deviceClass', value as DeviceClass)}
              error={errors.deviceClass}
            />
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Currency"
            allowDeselect={false}
            searchable
            data={[...currencyCodes]}
            value={values.currency}
            onChange={(value) => value && set('currency', value)}
            error={errors.currency}
          />
          <TextInput
            label="Price"
            required
            inputMode="decimal"
            placeholder="0.00"
            rightSection={values.currency}
            rightSectionWidth={48}
            value={values.price}
            onChange={(event) => set('price', event.currentTarget.value)}
            error={errors.price}
          />
          <Select
            label="Tax code"
            allowDeselect={false}
            data={taxCodeOptions}
            value={taxCodeId}
            onChange={(value) => value && set('taxCodeId', value)}
            error={errors.taxCodeId}
          />
        </SimpleGrid>
        <Switch
          label="Resale item"
          description="Bought in and sold on, like Microsoft 365 seats or backup storage: has a unit cost."
          checked={values.isResale}
          onChange={(event) => set('isResale', event.currentTarget.checked)}
        />
        {values.isResale && (
          <TextInput
            label="Unit cost"
            description="What one unit costs you, in the item's currency."
            required
            inputMode="decimal"
            placeholder="0.00"
            rightSection={values.currency}
            rightSectionWidth={48}
            w={{ base: '100%', sm: '33%' }}
            value={values.unitCost}
            onChange={(event) => set('unitCost', event.currentTarget.value)}
            error={errors.unitCost}
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {item ? 'Save' : 'Add item'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
