// The change request table shared by the Changes page and an asset's page (which hides the client).
import { Group, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import {
  AwaitingClientBadge,
  crNumber,
  formatWindow,
  OverlapIcon,
  RiskBadge,
  riskLabels,
  StatusBadge,
} from './change-request-labels.tsx';
import type { ChangeRequest } from './change-requests-api.ts';

const columns: Column<ChangeRequest>[] = [
  {
    key: 'number',
    header: 'CR',
    width: 90,
    sortValue: (request) => request.number,
    render: (request) => (
      <Group gap={6} wrap="nowrap">
        <Text size="sm" className="tabular">
          {crNumber(request)}
        </Text>
        <OverlapIcon request={request} />
      </Group>
    ),
  },
  {
    key: 'title',
    header: 'Title',
    sortValue: (request) => request.title,
    render: (request) => (
      <AnchorLink
        to="/changes/$changeRequestId"
        params={{ changeRequestId: request.id }}
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
    key: 'vendor',
    header: 'Vendor',
    sortValue: (request) => request.vendorName,
    render: (request) =>
      request.vendorName ? (
        <Text size="sm" truncate maw={180}>
          {request.vendorName}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          Our own
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
    // Room for "Awaiting client" beside the status.
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

export function ChangeRequestsTable(props: {
  requests: ChangeRequest[];
  hideClient?: boolean;
  footer?: ReactNode;
  label?: string;
  keyboardNavigation?: boolean;
}) {
  const navigate = useNavigate();
  return (
    <DataTable
      label={props.label ?? 'Change requests'}
      columns={props.hideClient ? columns.filter((column) => column.key !== 'client') : columns}
      rows={props.requests}
      rowKey={(request) => request.id}
      onOpen={(request) =>
        navigate({ to: '/changes/$changeRequestId', params: { changeRequestId: request.id } })
      }
      footer={props.footer}
      keyboardNavigation={props.keyboardNavigation}
    />
  );
}
