// The client list: search and archive filter live in the URL so a view can be bookmarked and shared.
import { Badge, Button, Group, Input, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import type { ArchivedFilter } from '../../router.tsx';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { ListPagination } from '../../ui/list-pagination.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { ClientFormModal } from './client-form-modal.tsx';
import { type Client, clientListQuery } from './clients-api.ts';

const route = getRouteApi('/app/clients');
const PAGE_SIZE = 50;

const columns: Column<Client>[] = [
  {
    key: 'name',
    header: 'Name',
    sortValue: (client) => client.name,
    render: (client) => (
      <Group gap="xs" wrap="nowrap">
        <AnchorLink to="/clients/$clientId" params={{ clientId: client.id }} fw={500} size="sm">
          {client.name}
        </AnchorLink>
        {client.archived && (
          <Badge size="xs" variant="light" color="gray">
            Archived
          </Badge>
        )}
      </Group>
    ),
  },
  {
    key: 'domains',
    header: 'Email domains',
    sortValue: (client) => client.emailDomains[0] ?? null,
    render: (client) => (
      <Text size="sm" c={client.emailDomains.length ? undefined : 'dimmed'} truncate maw={260}>
        {client.emailDomains.join(', ') || '—'}
      </Text>
    ),
  },
  { key: 'phone', header: 'Phone', render: (client) => client.phone ?? <Text c="dimmed">—</Text> },
  {
    key: 'sites',
    header: 'Sites',
    align: 'right',
    width: 80,
    sortValue: (client) => client.siteCount,
    render: (client) => <span className="tabular">{client.siteCount}</span>,
  },
  {
    key: 'contacts',
    header: 'Contacts',
    align: 'right',
    width: 96,
    sortValue: (client) => client.contactCount,
    render: (client) => <span className="tabular">{client.contactCount}</span>,
  },
  {
    key: 'updated',
    header: 'Updated',
    width: 120,
    sortValue: (client) => client.updatedAt,
    render: (client) => <RelativeTime value={client.updatedAt} />,
  },
];

export function ClientsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const [isFormOpen, setFormOpen] = useState(false);
  const [draft, setDraft] = useState(search.q ?? '');
  const archived: ArchivedFilter = search.archived ?? 'false';
  const page = search.page ?? 1;

  const list = useQuery(
    clientListQuery({ q: search.q, archived, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  );

  // Typing updates the URL (replacing, not pushing, history) once the user pauses.
  const pushQuery = useDebouncedCallback((q: string) => {
    void navigate({
      search: (prev) => ({ ...prev, q: q.trim() || undefined, page: undefined }),
      replace: true,
    });
  }, 250);

  const isFiltered = Boolean(search.q) || archived !== 'false';
  const total = list.data?.total ?? 0;
  const addButton = can('clients.manage') && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setFormOpen(true)}>
      Add client
    </Button>
  );

  let body: ReactNode;
  if (list.isPending) body = <TableSkeleton columns={6} />;
  else if (list.isError) body = <Text c="red">{list.error.message}</Text>;
  else if (total === 0 && !isFiltered)
    body = (
      <EmptyState
        icon={<IconBuildingSkyscraper size={24} />}
        title="No clients yet"
        description={
          can('clients.manage')
            ? 'Add the businesses you support. Sites, contacts and tickets hang off each client.'
            : 'Clients you are given access to will appear here.'
        }
        action={addButton}
      />
    );
  else if (total === 0)
    body = (
      <EmptyState
        icon={<IconSearch size={24} />}
        title="No clients match"
        description={
          search.q ? `Nothing matches “${search.q}”. Try another name or clear the filters.` : undefined
        }
        action={
          <Button
            variant="default"
            onClick={() => {
              setDraft('');
              void navigate({ search: {} });
            }}
          >
            Clear filters
          </Button>
        }
      />
    );
  else
    body = (
      <DataTable
        label="Clients"
        columns={columns}
        rows={list.data.items}
        rowKey={(client) => client.id}
        initialSort={{ key: 'name', direction: 'asc' }}
        onOpen={(client) => navigate({ to: '/clients/$clientId', params: { clientId: client.id } })}
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
        title="Clients"
        description={list.data ? `${total} ${total === 1 ? 'client' : 'clients'}` : 'Businesses you support'}
        actions={addButton}
      />
      {/* Filters only make sense once there is something to filter. */}
      {(total > 0 || isFiltered || list.isPending) && (
        <Group gap="md" mb="sm" align="flex-start">
          <TextInput
            label="Search"
            placeholder="Client name"
            leftSection={<IconSearch size={15} />}
            w={300}
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              pushQuery(event.currentTarget.value);
            }}
          />
          <Input.Wrapper label="Show" id="clients-archived-filter">
            <SegmentedControl
              display="flex"
              size="sm"
              aria-labelledby="clients-archived-filter-label"
              value={archived}
              onChange={(value) =>
                navigate({
                  search: (prev) => ({
                    ...prev,
                    archived: value === 'false' ? undefined : (value as ArchivedFilter),
                  }),
                })
              }
              data={[
                { value: 'false', label: 'Active' },
                { value: 'true', label: 'Archived' },
                { value: 'any', label: 'All' },
              ]}
            />
          </Input.Wrapper>
        </Group>
      )}
      {body}
      <ClientFormModal
        opened={isFormOpen}
        onClose={() => setFormOpen(false)}
        onSaved={(client) => navigate({ to: '/clients/$clientId', params: { clientId: client.id } })}
      />
    </>
  );
}
