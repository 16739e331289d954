// The vendor's own change requests, latest window first, with the status filter in the URL; and a new one.
import { Group, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { changeRequestStatuses, changeRequestStatusLabels } from '../../../shared/api/change-requests.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useSession } from '../auth/session.ts';
import {
  ChangeRequestList,
  countChangeRequests,
  NewChangeRequestButton,
} from '../change-requests/change-request-list.tsx';
import { ChangeRequestTitleLink, changeRequestColumns } from '../change-requests/change-requests-table.tsx';
import { type PortalChangeRequest, portalOverviewQuery, portalRequestListQuery } from './portal-api.ts';
import { PortalRequestFormModal } from './portal-request-form-modal.tsx';
import { type PortalRequestFilter, statusesOf } from './portal-search.ts';

const route = getRouteApi('/vendor/requests');
const PAGE_SIZE = 100;

const filterOptions: { value: PortalRequestFilter; label: string }[] = [
  { value: 'open', label: 'Open (requested or approved)' },
  ...changeRequestStatuses.map((status) => ({ value: status, label: changeRequestStatusLabels[status] })),
];

export function PortalRequestsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const msp = useSession().membership.tenantName;
  const [isFormOpen, setFormOpen] = useState(false);
  const page = search.page ?? 1;
  const overview = useQuery(portalOverviewQuery);
  const list = useQuery(
    portalRequestListQuery({
      status: statusesOf(search.status),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );
  const engagements = overview.data?.engagements ?? [];
  const isFiltered = Boolean(search.status);
  const total = list.data?.total ?? 0;
  const addButton = engagements.length > 0 && <NewChangeRequestButton onClick={() => setFormOpen(true)} />;

  return (
    <>
      <PageHeader
        title="Change requests"
        description={total > 0 ? countChangeRequests(total) : `The windows you ask ${msp} for`}
        // An empty list offers the button in its empty state instead.
        actions={total > 0 || isFiltered ? addButton : undefined}
      />
      {(total > 0 || isFiltered || list.isPending) && (
        <Group gap="sm" mb="sm" align="flex-end">
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            w={260}
            data={filterOptions}
            value={search.status ?? null}
            onChange={(status) =>
              navigate({
                search: { status: filterOptions.find((option) => option.value === status)?.value },
              })
            }
          />
        </Group>
      )}
      <ChangeRequestList
        list={list}
        isFiltered={isFiltered}
        skeletonColumns={6}
        emptyDescription={`Ask ${msp} for a window before you change a client’s systems, so the change is expected and approved.`}
        addButton={addButton}
        noMatchesDescription="Try another status, or clear the filter."
        onClearFilters={() => navigate({ search: {} })}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={(next) =>
          navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) })
        }
      >
        {(requests, footer) => (
          <DataTable
            label="Change requests"
            columns={columns}
            rows={requests}
            rowKey={(request) => request.id}
            onOpen={(request) =>
              navigate({ to: '/vendor/requests/$requestId', params: { requestId: request.id } })
            }
            footer={footer}
          />
        )}
      </ChangeRequestList>
      <PortalRequestFormModal
        opened={isFormOpen}
        onClose={() => setFormOpen(false)}
        engagements={engagements}
        onSaved={(request) =>
          navigate({ to: '/vendor/requests/$requestId', params: { requestId: request.id } })
        }
      />
    </>
  );
}

const columns = changeRequestColumns<PortalChangeRequest>({
  title: (request) => (
    <ChangeRequestTitleLink
      request={request}
      link={{ to: '/vendor/requests/$requestId', params: { requestId: request.id } }}
    />
  ),
});
