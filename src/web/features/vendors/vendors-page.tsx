// The vendor list: the line-of-business software vendors who work on clients' machines, with their
// products and how many clients engage them.
import { Badge, Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconBuildingStore, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState, NoMatches } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { ListPagination } from '../../ui/list-pagination.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { ProductChips } from './product-chips.tsx';
import { VendorFormModal } from './vendor-form-modal.tsx';
import { type Vendor, vendorListQuery } from './vendors-api.ts';
import type { VendorsSearch } from './vendors-search.ts';

const route = getRouteApi('/app/vendors');
const PAGE_SIZE = 100;

const columns: Column<Vendor>[] = [
  {
    key: 'name',
    header: 'Name',
    sortValue: (vendor) => vendor.name,
    render: (vendor) => (
      <Group gap="xs" wrap="nowrap">
        <AnchorLink to="/vendors/$vendorId" params={{ vendorId: vendor.id }} fw={500} size="sm">
          {vendor.name}
        </AnchorLink>
        {vendor.archived && (
          <Badge size="xs" variant="light" color="gray">
            Archived
          </Badge>
        )}
      </Group>
    ),
  },
  { key: 'products', header: 'Products', render: (vendor) => <ProductChips products={vendor.products} /> },
  {
    key: 'support',
    header: 'Support',
    sortValue: (vendor) => vendor.supportEmail ?? vendor.supportPhone,
    render: (vendor) =>
      vendor.supportEmail || vendor.supportPhone ? (
        <Text size="sm" truncate maw={380}>
          {[vendor.supportEmail, vendor.supportPhone].filter(Boolean).join(' · ')}
        </Text>
      ) : (
        <Text c="dimmed">—</Text>
      ),
  },
  {
    key: 'engagements',
    header: 'Clients',
    width: 100,
    align: 'right',
    sortValue: (vendor) => vendor.engagementCount,
    render: (vendor) => <span className="tabular">{vendor.engagementCount}</span>,
  },
];

export function VendorsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const goTo = useNavigate();
  const can = useCan();
  const [isFormOpen, setFormOpen] = useState(false);
  const [draft, setDraft] = useState(search.q ?? '');
  const page = search.page ?? 1;
  const list = useQuery(
    vendorListQuery({
      q: search.q,
      archived: search.archived ?? 'false',
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );

  const setSearch = (patch: Partial<VendorsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }) });
  const pushQuery = useDebouncedCallback((q: string) => {
    void navigate({
      search: (prev) => ({ ...prev, q: q.trim() || undefined, page: undefined }),
      replace: true,
    });
  }, 250);

  const isFiltered = Boolean(search.q) || search.archived !== undefined;
  const total = list.data?.total ?? 0;
  const addButton = can('vendors.manage') && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setFormOpen(true)}>
      Add vendor
    </Button>
  );

  let body: ReactNode;
  if (list.isPending) body = <TableSkeleton columns={4} />;
  else if (list.isError) body = <Text c="red">{list.error.message}</Text>;
  else if (total === 0 && !isFiltered)
    body = (
      <EmptyState
        icon={<IconBuildingStore size={24} />}
        title="No vendors yet"
        description={
          can('vendors.manage')
            ? 'Add the software vendors who support your clients’ line-of-business applications, then engage them at their clients.'
            : 'Vendors your organization works with will appear here.'
        }
        action={addButton}
      />
    );
  else if (total === 0)
    body = (
      <NoMatches
        title="No vendors match"
        description="Try another search or clear the filters."
        onClear={() => {
          setDraft('');
          void navigate({ search: {} });
        }}
      />
    );
  else
    body = (
      <DataTable
        label="Vendors"
        columns={columns}
        rows={list.data.items}
        rowKey={(vendor) => vendor.id}
        onOpen={(vendor) => goTo({ to: '/vendors/$vendorId', params: { vendorId: vendor.id } })}
        footer={
          <ListPagination
            page={page}
            pageSize={PAGE_SIZE}
            total={total}
            onChange={(next) =>
              navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) })
            }
          />
        }
      />
    );

  return (
    <>
      <PageHeader
        title="Vendors"
        description={
          list.data
            ? `${total} ${total === 1 ? 'vendor' : 'vendors'}`
            : 'The vendors who support your clients’ applications'
        }
        actions={addButton}
      />
      {(total > 0 || isFiltered || list.isPending) && (
        <Group gap="sm" mb="sm" align="flex-end">
          <TextInput
            label="Search"
            placeholder="Name or product"
            leftSection={<IconSearch size={15} />}
            w={260}
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              pushQuery(event.currentTarget.value);
            }}
          />
          <Select
            label="Show"
            w={120}
            allowDeselect={false}
            data={[
              { value: 'false', label: 'Active' },
              { value: 'true', label: 'Archived' },
              { value: 'any', label: 'All' },
            ]}
            value={search.archived ?? 'false'}
            onChange={(value) =>
              setSearch({ archived: value === 'true' || value === 'any' ? value : undefined })
            }
          />
        </Group>
      )}
      {body}
      <VendorFormModal
        opened={isFormOpen}
        onClose={() => setFormOpen(false)}
        onSaved={(vendor) => goTo({ to: '/vendors/$vendorId', params: { vendorId: vendor.id } })}
      />
    </>
  );
}
