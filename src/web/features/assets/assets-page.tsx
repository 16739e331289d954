// The asset list across the clients the user sees, with its filters in the URL.
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconDeviceDesktop, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { assetTypeLabels, assetTypes } from '../../../shared/api/asset-enums.ts';
import { assetStates } from '../../../shared/api/assets.ts';
import { EmptyState, NoMatches } from '../../ui/empty-state.tsx';
import { ListPagination } from '../../ui/list-pagination.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { clientOptionsQuery } from '../clients/clients-api.ts';
import { AssetFormModal } from './asset-form-modal.tsx';
import { assetStateLabels } from './asset-state.tsx';
import { assetListQuery } from './assets-api.ts';
import type { AssetsSearch } from './assets-search.ts';
import { AssetsTable } from './assets-table.tsx';

const route = getRouteApi('/app/assets');
const PAGE_SIZE = 100;

export function AssetsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const [isFormOpen, setFormOpen] = useState(false);
  const [draft, setDraft] = useState(search.q ?? '');
  const page = search.page ?? 1;
  const { page: _page, archived, ...filters } = search;
  const list = useQuery(
    assetListQuery({
      ...filters,
      archived: archived ?? 'false',
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );
  const clients = useQuery({
    ...clientOptionsQuery({ archived: 'any', limit: 500 }),
    enabled: can('clients.read'),
  });

  const setSearch = (patch: Partial<AssetsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }) });
  // Typing updates the URL (replacing, not pushing, history) once the user pauses.
  const pushQuery = useDebouncedCallback((q: string) => {
    void navigate({
      search: (prev) => ({ ...prev, q: q.trim() || undefined, page: undefined }),
      replace: true,
    });
  }, 250);

  const isFiltered = Object.values(filters).some(Boolean) || archived !== undefined;
  const total = list.data?.total ?? 0;
  const addButton = can('assets.manage') && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setFormOpen(true)}>
      Add asset
    </Button>
  );

  let body: ReactNode;
  if (list.isPending) body = <TableSkeleton columns={6} />;
  else if (list.isError) body = <Text c="red">{list.error.message}</Text>;
  else if (total === 0 && !isFiltered)
    body = (
      <EmptyState
        icon={<IconDeviceDesktop size={24} />}
        title="No assets yet"
        description={
          can('assets.manage')
            ? 'Add the servers, workstations and network gear you look after, or enroll an agent on them.'
            : 'Assets of the clients you are given access to will appear here.'
        }
        action={addButton}
      />
    );
  else if (total === 0)
    body = (
      <NoMatches
        title="No assets match"
        description="Try another search or clear the filters."
        onClear={() => {
          setDraft('');
          void navigate({ search: {} });
        }}
      />
    );
  else
    body = (
      <AssetsTable
        assets={list.data.items}
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
        title="Assets"
        description={
          list.data ? `${total} ${total === 1 ? 'asset' : 'assets'}` : 'What you look after at your clients'
        }
        actions={addButton}
      />
      {(total > 0 || isFiltered || list.isPending) && (
        <Group gap="sm" mb="sm" align="flex-end">
          <TextInput
            label="Search"
            placeholder="Name, hostname or serial"
            leftSection={<IconSearch size={15} />}
            w={240}
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              pushQuery(event.currentTarget.value);
            }}
          />
          {can('clients.read') && (
            <Select
              label="Client"
              placeholder="All clients"
              searchable
              clearable
              w={200}
              data={clients.data ?? []}
              value={search.clientId ?? null}
              onChange={(clientId) => setSearch({ clientId: clientId ?? undefined })}
            />
          )}
          <Select
            label="Type"
            placeholder="All types"
            clearable
            w={160}
            data={assetTypes.map((type) => ({ value: type, label: assetTypeLabels[type] }))}
            value={search.type ?? null}
            onChange={(type) => setSearch({ type: assetTypes.find((t) => t === type) })}
          />
          <Select
            label="Managed"
            placeholder="Any"
            clearable
            w={160}
            data={[
              { value: 'yes', label: 'Managed' },
              { value: 'no', label: 'Unmanaged' },
            ]}
            value={search.managed ?? null}
            onChange={(managed) =>
              setSearch({ managed: managed === 'yes' || managed === 'no' ? managed : undefined })
            }
          />
          <Select
            label="State"
            placeholder="Any"
            clearable
            w={140}
            data={assetStates.map((state) => ({ value: state, label: assetStateLabels[state] }))}
            value={search.state ?? null}
            onChange={(state) => setSearch({ state: assetStates.find((s) => s === state) })}
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
            value={archived ?? 'false'}
            onChange={(value) =>
              setSearch({ archived: value === 'true' || value === 'any' ? value : undefined })
            }
          />
        </Group>
      )}
      {body}
      <AssetFormModal
        opened={isFormOpen}
        onClose={() => setFormOpen(false)}
        clientId={search.clientId}
        onSaved={(asset) => navigate({ to: '/assets/$assetId', params: { assetId: asset.id } })}
      />
    </>
  );
}
