// Coverage: which services and asset types the agreement covers, what it excludes, and the agreement that
// bills whatever falls outside it.
import { Divider, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { agreementTypeLabels } from '../../../shared/api/agreements.ts';
import {
  catalogCategories,
  catalogCategoryLabels,
  type DeviceClass,
  deviceClasses,
  deviceClassLabels,
} from '../../../shared/api/catalog.ts';
import { type TicketType, ticketTypes } from '../../../shared/api/ticket-enums.ts';
import { SectionCard } from '../../ui/section-card.tsx';
import { catalogItemsQuery } from '../settings/catalog-api.ts';
import { typeLabels } from '../tickets/ticket-labels.ts';
import { allWorkTypesQuery } from '../tickets/tickets-api.ts';
import type { SectionProps } from './agreement-form.ts';
import { type Agreement, agreementListQuery, workRolesQuery } from './agreements-api.ts';

/** Active entries, plus archived ones the agreement already names (so they still show, marked). */
function options<T extends { id: string; name: string; archived: boolean }>(list: T[], chosen: string[]) {
  return list
    .filter((item) => !item.archived || chosen.includes(item.id))
    .map((item) => ({ value: item.id, label: item.archived ? `${item.name} (archived)` : item.name }));
}

/** "Break/fix 2026", "Gold · Managed services", "… (ended)": the type only where the name does not say it. */
function fallbackLabel(agreement: Agreement): string {
  const type = agreementTypeLabels[agreement.type];
  const named = agreement.name.toLowerCase().includes(type.toLowerCase());
  return `${agreement.name}${named ? '' : ` · ${type}`}${agreement.status === 'ended' ? ' (ended)' : ''}`;
}

export function CoverageSection(props: SectionProps & { agreementId?: string }) {
  const { values, errors, set, readOnly } = props;
  const catalog = useQuery(catalogItemsQuery);
  const workTypes = useQuery(allWorkTypesQuery);
  const workRoles = useQuery(workRolesQuery);
  const siblings = useQuery({
    ...agreementListQuery({ clientId: values.clientId ?? undefined }),
    enabled: values.clientId !== null,
  });

  const serviceGroups = catalogCategories
    .map((category) => ({
      group: catalogCategoryLabels[category],
      items: options(
        (catalog.data ?? []).filter((item) => item.category === category),
        values.coveredServiceIds,
      ),
    }))
    .filter((group) => group.items.length > 0);
  const fallbacks = (siblings.data ?? [])
    .filter((agreement) => agreement.id !== props.agreementId)
    .map((agreement) => ({ value: agreement.id, label: fallbackLabel(agreement) }));

  return (
    <SectionCard
      title="Coverage"
      description="What the agreement covers. Leaving a list empty covers everything of that kind."
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MultiSelect
            readOnly={readOnly}
            label="Covered services"
            description="Catalog items whose work is covered."
            placeholder={values.coveredServiceIds.length ? undefined : 'Every service'}
            searchable
            clearable={!readOnly}
            data={serviceGroups}
            value={values.coveredServiceIds}
            error={errors.coveredServiceIds}
            onChange={(ids) => set('coveredServiceIds', ids)}
            nothingFoundMessage="No catalog item by that name"
          />
          <MultiSelect
            readOnly={readOnly}
            label="Covered asset types"
            description="For tickets about an asset."
            placeholder={values.coveredAssetTypes.length ? undefined : 'Every asset type'}
            clearable={!readOnly}
            data={deviceClasses.map((value) => ({ value, label: deviceClassLabels[value] }))}
            value={values.coveredAssetTypes}
            error={errors.coveredAssetTypes}
            onChange={(types) => set('coveredAssetTypes', types as DeviceClass[])}
          />
        </SimpleGrid>
        <Divider label="Exclusions" labelPosition="left" mt={4} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <MultiSelect
            readOnly={readOnly}
            label="Excluded ticket types"
            placeholder={values.excludedTicketTypes.length ? undefined : 'None'}
            clearable={!readOnly}
            data={ticketTypes.map((value) => ({ value, label: typeLabels[value] }))}
            value={values.excludedTicketTypes}
            error={errors.excludedTicketTypes}
            onChange={(types) => set('excludedTicketTypes', types as TicketType[])}
          />
          <MultiSelect
            readOnly={readOnly}
            label="Excluded work types"
            placeholder={values.excludedWorkTypeIds.length ? undefined : 'None'}
            clearable={!readOnly}
            data={options(workTypes.data ?? [], values.excludedWorkTypeIds)}
            value={values.excludedWorkTypeIds}
            error={errors.excludedWorkTypeIds}
            onChange={(ids) => set('excludedWorkTypeIds', ids)}
          />
          <MultiSelect
            readOnly={readOnly}
            label="Excluded work roles"
            placeholder={values.excludedWorkRoleIds.length ? undefined : 'None'}
            clearable={!readOnly}
            data={options(workRoles.data ?? [], values.excludedWorkRoleIds)}
            value={values.excludedWorkRoleIds}
            error={errors.excludedWorkRoleIds}
            onChange={(ids) => set('excludedWorkRoleIds', ids)}
          />
        </SimpleGrid>
        <Select
          readOnly={readOnly}
          label="Fallback agreement"
          description="Excluded or uncovered work is billed under the fallback agreement, at its rates; without one, it is billed at this agreement's rates."
          placeholder={values.clientId ? 'No fallback' : 'Choose the client first'}
          clearable={!readOnly}
          disabled={values.clientId === null}
          data={fallbacks}
          value={values.fallbackAgreementId}
          error={errors.fallbackAgreementId}
          onChange={(id) => set('fallbackAgreementId', id)}
          nothingFoundMessage="This client has no other agreement"
          maw={560}
        />
        {values.clientId && siblings.isSuccess && fallbacks.length === 0 && (
          <Text size="xs" c="dimmed" mt={-6}>
            This client has no other agreement yet. Add a break/fix agreement first to bill uncovered work
            under its rates.
          </Text>
        )}
      </Stack>
    </SectionCard>
  );
}
