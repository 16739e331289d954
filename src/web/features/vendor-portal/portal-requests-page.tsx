// The vendor's own change requests, latest window first, with the status filter in the URL; and a new one.
import { Button, Group, Select, Text } from '@mantine/core';
import { IconCalendarTime, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { changeRequestStatuses, changeRequestStatusLabels } from '../../../shared/api/change-requests.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState, NoMatches } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { ListPagination } from '../../ui/list-pagination.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useSession } from '../auth/session.ts';
import {
  AwaitingClientBadge,
  crNumber,
  formatWindow,
  RiskBadge,
  riskLabels,
  StatusBadge,
} from '../change-requests/change-request-labels.tsx';
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
  const addButton = engagements.length > 0 && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setFormOpen(true)}>
      New change request
    </Button>
  );

  let body: ReactNode;
  if (list.isPending) body = <TableSkeleton columns={6} />;
  else if (list.isError) body = <Text c="red">{list.error.message}</Text>;
  else if (total === 0 && !isFiltered)
    body = (
      <EmptyState
        icon={<IconCalendarTime size={24} />}
        title="No change requests yet"
        description={`Ask ${msp} for a window before you change a client’s systems, so the change is expected and approved.`}
        action={addButton}
      />
    );
  else if (total === 0)
    body = (
      <NoMatches
        title="No change requests match"
        description="Try another status, or clear the filter."
        onClear={() => navigate({ search: {} })}
      />
    );
  else
    body = (
      <DataTable
        label="Change requests"
        columns={columns}
        rows={list.data.items}
        rowKey={(request) => request.id}
        onOpen={(request) =>
          navigate({ to: '/vendor/requests/$requestId', params: { requestId: request.id } })
        }
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
        title="Change requests"
        description={
          total > 0
            ? `${total} change ${total === 1 ? 'request' : 'requests'}`
            : `The windows you ask ${msp} for`
        }
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
      {body}
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

const columns: Column<PortalChangeRequest>[] = [
  {
    key: 'number',
    header: 'CR',
    width: 90,
    sortValue: (request) => request.number,
    render: (request) => (
      <Text size="sm" className="tabular">
        {crNumber(request)}
      </Text>
    ),
  },
  {
    key: 'title',
    header: 'Title',
    sortValue: (request) => request.title,
    render: (request) => (
      <AnchorLink
        to="/vendor/requests/$requestId"
        params={{ requestId: request.id }}
        fw={500}
        size="sm"
        lineClamp={1}
      >
        {request.title}
        {request.emergency && (
          <Text span c="red" size="xs" fw={600}>
            {' '}
            · Emergency
          </Text>
        )}
      </AnchorLink>
    ),
  },
  {
    key: 'client',
    header: 'Client',
    sortValue: (request) => request.clientName,
    render: (request) => (
      <Text size="sm" truncate maw={200}>
        {request.clientName}
      </Text>
    ),
  },
  {
    key: 'window',
    header: 'Window',
    sortValue: (request) => request.windowStart,
    render: (request) => (
      <Text size="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
        {formatWindow(request.windowStart, request.windowEnd, undefined, true)}
      </Text>
    ),
  },
  {
    key: 'risk',
    header: 'Risk',
    width: 100,
    sortValue: (request) => riskLabels[request.risk],
    render: (request) => <RiskBadge risk={request.risk} />,
  },
  {
    key: 'status',
    header: 'Status',
    width: 230,
    sortValue: (request) => request.status,
    render: (request) => (
      <Group gap={6} wrap="nowrap">
        <StatusBadge status={request.status} />
        <AwaitingClientBadge request={request} />
      </Group>
    ),
  },
];
