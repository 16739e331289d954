// Settings → Billing → Service catalog: what the MSP sells, grouped by category, with prices, resale
// costs and margins, and tax codes; category and archived filters live in the URL.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconBook,
  IconPencil,
  IconPlus,
  IconRestore,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import {
  catalogCategories,
  catalogCategoryLabels,
  catalogUnitLabels,
  deviceClassLabels,
} from '../../../shared/api/catalog.ts';
import { formatMoney } from '../../../shared/money.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import {
  addStandardCatalog,
  type CatalogCategory,
  type CatalogItem,
  catalogItemsQuery,
  catalogKeys,
  updateCatalogItem,
} from './catalog-api.ts';
import { CatalogItemFormModal } from './catalog-item-form-modal.tsx';

const route = getRouteApi('/app/settings/catalog');

export interface CatalogSearch {
  category?: CatalogCategory;
  /** true shows archived items beside the active ones. */
  archived?: boolean;
}

const money = (cents: number, currency: string) => formatMoney(cents, currency, navigator.language);

/** Margin on the price, as a whole percentage; null without a price. */
function marginPercent(item: CatalogItem): number | null {
  if (item.unitCostCents === null || item.priceCents === 0) return null;
  return Math.round(((item.priceCents - item.unitCostCents) / item.priceCents) * 100);
}

export function CatalogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const canManage = can('billing.manage');
  const queryClient = useQueryClient();
  const items = useQuery(catalogItemsQuery);
  const [editing, setEditing] = useState<CatalogItem | 'new' | null>(null);

  const archive = useMutation({
    mutationFn: (item: CatalogItem) => updateCatalogItem(item.id, { archived: !item.archived }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      notifySuccess(`${saved.name} ${saved.archived ? 'archived' : 'restored'}`);
    },
    onError: (error) => notifyError(error, 'Could not change the item'),
  });
  const standard = useMutation({
    mutationFn: addStandardCatalog,
    onSuccess: async ({ addedItems, addedTaxCodes }) => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      notifySuccess(
        addedItems + addedTaxCodes === 0
          ? 'The standard catalog is complete: nothing was missing'
          : `Added ${addedItems} item${addedItems === 1 ? '' : 's'} and ${addedTaxCodes} tax code${addedTaxCodes === 1 ? '' : 's'}`,
      );
    },
    onError: (error) => notifyError(error, 'Could not add the standard catalog'),
  });

  const columns: Column<CatalogItem>[] = [
    {
      key: 'name',
      header: 'Item',
      sortValue: (item) => item.name,
      render: (item) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500} c={item.archived ? 'dimmed' : undefined}>
              {item.name}
            </Text>
            {item.archived && (
              <Badge size="xs" variant="light" color="gray">
                Archived
              </Badge>
            )}
          </Group>
          {item.description && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {item.description}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'unit',
      header: 'Unit',
      sortValue: (item) => item.unit,
      render: (item) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {catalogUnitLabels[item.unit]}
          {item.deviceClass && (
            <Text span size="sm" c="dimmed">
              {' · '}
              {deviceClassLabels[item.deviceClass]}
            </Text>
          )}
        </Text>
      ),
    },
    {
      key: 'price',
      header: 'Price',
      width: 110,
      align: 'right',
      sortValue: (item) => item.priceCents,
      render: (item) => (
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {money(item.priceCents, item.currency)}
        </Text>
      ),
    },
    {
      key: 'cost',
      header: 'Cost · margin',
      width: 150,
      align: 'right',
      sortValue: (item) => item.unitCostCents,
      render: (item) => {
        if (item.unitCostCents === null) {
          return (
            <Text size="sm" c="dimmed">
              —
            </Text>
          );
        }
        const margin = marginPercent(item);
        return (
          <Tooltip label="Resale: what one unit costs you, and your margin on the price">
            <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {money(item.unitCostCents, item.currency)}
              <Text span inherit c={margin !== null && margin < 0 ? 'red' : 'dimmed'}>
                {' · '}
                {margin === null ? 'no price' : `${margin} %`}
              </Text>
            </Text>
          </Tooltip>
        );
      },
    },
    {
      key: 'tax',
      header: 'Tax code',
      width: 120,
      sortValue: (item) => item.taxCodeName,
      render: (item) => <Text size="sm">{item.taxCodeName}</Text>,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: '',
      width: 76,
      align: 'right',
      render: (item) => (
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Edit ${item.name}`}
            onClick={() => setEditing(item)}
          >
            <IconPencil size={15} />
          </ActionIcon>
          <Tooltip label={item.archived ? 'Restore' : 'Archive'}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`${item.archived ? 'Restore' : 'Archive'} ${item.name}`}
              loading={archive.isPending && archive.variables?.id === item.id}
              onClick={() => archive.mutate(item)}
            >
              {item.archived ? <IconArchiveOff size={15} /> : <IconArchive size={15} />}
            </ActionIcon>
          </Tooltip>
        </Group>
      ),
    });
  }

  const addButton = canManage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      Add item
    </Button>
  );
  const standardButton = canManage && (
    <Button
      variant="default"
      leftSection={<IconRestore size={16} />}
      loading={standard.isPending}
      onClick={() => standard.mutate()}
    >
      Add the standard catalog
    </Button>
  );

  const all = items.data ?? [];
  const shown = all.filter(
    (item) => (search.archived || !item.archived) && (!search.category || item.category === search.category),
  );
  const categories = catalogCategories.filter((category) => !search.category || category === search.category);

  return (
    <>
      <PageHeader
        title="Service catalog"
        description="What you sell, and how: the unit, the price, what resale items cost you, and the tax code. Agreements and invoices use these items."
        actions={
          <>
            {standardButton}
            {addButton}
          </>
        }
      />
      <Group justify="space-between" mb="md" gap="sm">
        <SegmentedControl
          size="xs"
          aria-label="Category"
          value={search.category ?? 'all'}
          onChange={(value) =>
            void navigate({
              search: (current) => ({
                ...current,
                category: value === 'all' ? undefined : (value as CatalogCategory),
              }),
            })
          }
          data={[
            { value: 'all', label: 'All' },
            ...catalogCategories.map((value) => ({ value, label: catalogCategoryLabels[value] })),
          ]}
        />
        <Switch
          size="sm"
          label="Show archived"
          checked={search.archived === true}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            void navigate({ search: (current) => ({ ...current, archived: checked || undefined }) });
          }}
        />
      </Group>
      {items.isPending ? (
        <TableSkeleton columns={5} rows={8} />
      ) : items.isError ? (
        <Text c="red">{items.error.message}</Text>
      ) : all.length === 0 ? (
        <EmptyState
          icon={<IconBook size={24} />}
          title="No catalog items yet"
          description="Start from the standard MSP catalog and set your prices, or add your own items."
          action={
            canManage ? (
              <Group gap="xs">
                {standardButton}
                {addButton}
              </Group>
            ) : undefined
          }
        />
      ) : shown.length === 0 ? (
        <EmptyState
          icon={<IconBook size={24} />}
          title="Nothing here"
          description={
            search.category
              ? `No ${search.archived ? '' : 'active '}items in ${catalogCategoryLabels[search.category]}.`
              : 'Every item is archived. Show archived items to see them.'
          }
          action={addButton || undefined}
        />
      ) : (
        <Stack gap="lg">
          {categories.map((category) => {
            const rows = shown.filter((item) => item.category === category);
            if (rows.length === 0) return null;
            return (
              <Stack key={category} gap={6} component="section" aria-label={catalogCategoryLabels[category]}>
                <Group gap="xs">
                  <Title order={2} fz="h4">
                    {catalogCategoryLabels[category]}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {rows.length}
                  </Text>
                </Group>
                <DataTable
                  label={`${catalogCategoryLabels[category]} items`}
                  columns={columns}
                  rows={rows}
                  rowKey={(item) => item.id}
                  initialSort={{ key: 'name', direction: 'asc' }}
                  onOpen={canManage ? (item) => setEditing(item) : undefined}
                  // One table per category: keys would move in all of them at once.
                  keyboardNavigation={categories.length === 1}
                />
              </Stack>
            );
          })}
        </Stack>
      )}
      <CatalogItemFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        item={editing === 'new' || editing === null ? undefined : editing}
        category={search.category}
      />
    </>
  );
}
