// The change requests of the clients the user sees, latest window first, with their filters in the URL.
import { Group, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { changeRequestStatuses, changeRequestStatusLabels } from '../../../shared/api/change-requests.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/session.ts';
import { clientOptionsQuery } from '../clients/clients-api.ts';
import { ChangesViewSwitch } from '../detected-changes/changes-view-switch.tsx';
import { ChangeRequestFormModal } from './change-request-form-modal.tsx';
import { ChangeRequestList, countChangeRequests, NewChangeRequestButton } from './change-request-list.tsx';
import { changeRequestListQuery } from './change-requests-api.ts';
import { ChangeRequestsTable } from './change-requests-table.tsx';
import type { ChangesSearch } from './changes-search.ts';

const route = getRouteApi('/app/changes');
const PAGE_SIZE = 100;

export function ChangeRequestsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const [isFormOpen, setFormOpen] = useState(false);
  const page = search.page ?? 1;
  const list = useQuery(
    changeRequestListQuery({
      clientId: search.clientId,
      status: search.status,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );
  const clients = useQuery({
    ...clientOptionsQuery({ archived: 'any', limit: 500 }),
    enabled: can('clients.read'),
  });
  const setSearch = (patch: Partial<ChangesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }) });

  const isFiltered = Boolean(search.clientId || search.status);
  const total = list.data?.total ?? 0;
  const addButton = can('changes.request') && <NewChangeRequestButton onClick={() => setFormOpen(true)} />;

  return (
    <>
      <PageHeader
        title="Changes"
        description={
          list.data ? countChangeRequests(total) : 'Planned changes to clients’ machines and their windows'
        }
        actions={addButton}
      />
      <ChangesViewSwitch value="requests" />
      {(total > 0 || isFiltered || list.isPending) && (
        <Group gap="sm" mb="sm" align="flex-end">
          {can('clients.read') && (
            <Select
              label="Client"
              placeholder="All clients"
              searchable
              clearable
              w={220}
              data={clients.data ?? []}
              value={search.clientId ?? null}
              onChange={(clientId) => setSearch({ clientId: clientId ?? undefined })}
            />
          )}
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            w={160}
            data={changeRequestStatuses.map((status) => ({
              value: status,
              label: changeRequestStatusLabels[status],
            }))}
            value={search.status ?? null}
            onChange={(status) => setSearch({ status: changeRequestStatuses.find((s) => s === status) })}
          />
        </Group>
      )}
      <ChangeRequestList
        list={list}
        isFiltered={isFiltered}
        skeletonColumns={7}
        emptyDescription="Ask for a window before changing a client's machines, so the change is expected and approved."
        addButton={addButton}
        noMatchesDescription="Try another client or status, or clear the filters."
        onClearFilters={() => navigate({ search: {} })}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={(next) =>
          navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) })
        }
      >
        {(requests, footer) => <ChangeRequestsTable requests={requests} footer={footer} />}
      </ChangeRequestList>
      <ChangeRequestFormModal
        opened={isFormOpen}
        onClose={() => setFormOpen(false)}
        clientId={search.clientId}
        onSaved={(request) =>
          navigate({ to: '/changes/$changeRequestId', params: { changeRequestId: request.id } })
        }
      />
    </>
  );
}
