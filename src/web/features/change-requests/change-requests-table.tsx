// The change request table shared by the Changes page and an asset's page (which hides the client), and its
// columns, which the vendor portal's list of its own requests shows too.
import { Group, Text } from '@mantine/core';
import {
  type LinkOptions,
  type RegisteredRouter,
  useNavigate,
  type ValidateLinkOptions,
} from '@tanstack/react-router';
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
import type { ViewedChangeRequest } from './change-request-summary.tsx';
import type { ChangeRequest } from './change-requests-api.ts';

/**
 * The columns of a list of change requests, in the staff app and in the vendor portal: its number, the title
 * linking to its page, the client, the vendor (staff only), the window, the risk and the status.
 */
export function changeRequestColumns<R extends ViewedChangeRequest>(options: {
  /** The title as a link to the request's page: a ChangeRequestTitleLink. */
  title: (request: R) => ReactNode;
  /** Beside the number, e.g. the warning of overlapping windows. */
  besideNumber?: (request: R) => ReactNode;
  /** The vendor doing the work; in the vendor portal every request is the vendor's own. */
  hasVendorColumn?: boolean;
}): Column<R>[] {
  const { besideNumber } = options;
  const vendorColumn: Column<R> = {
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
  };
  return [
    {
      key: 'number',
      header: 'CR',
      width: 90,
      sortValue: (request) => request.number,
      render: (request) => {
        const number = (
          <Text size="sm" className="tabular">
            {crNumber(request)}
          </Text>
        );
        if (!besideNumber) return number;
        return (
          <Group gap={6} wrap="nowrap">
            {number}
            {besideNumber(request)}
          </Group>
        );
      },
    },
    {
      key: 'title',
      header: 'Title',
      sortValue: (request) => request.title,
      render: options.title,
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
    ...(options.hasVendorColumn ? [vendorColumn] : []),
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
}

/** A request's title as a link to its page, marked when it is an emergency. */
export function ChangeRequestTitleLink<TOptions>(props: {
  request: ViewedChangeRequest;
  link: ValidateLinkOptions<RegisteredRouter, TOptions>;
}): ReactNode;
export function ChangeRequestTitleLink(props: { request: ViewedChangeRequest; link: LinkOptions }) {
  return (
    <AnchorLink {...props.link} fw={500} size="sm" lineClamp={1}>
      {props.request.title}
      {props.request.emergency && (
        <Text span c="red" size="xs" fw={600}>
          {' '}
          · Emergency
        </Text>
      )}
    </AnchorLink>
  );
}

const columns = changeRequestColumns<ChangeRequest>({
  title: (request) => (
    <ChangeRequestTitleLink
      request={request}
      link={{ to: '/changes/$changeRequestId', params: { changeRequestId: request.id } }}
    />
  ),
  besideNumber: (request) => <OverlapIcon request={request} />,
  hasVendorColumn: true,
});

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
