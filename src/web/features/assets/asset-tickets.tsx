// The tickets about an asset, newest first: its alerts (opened by Accord) and those staff linked to it.
import { Badge, Text } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { AssetTicket } from '../../../shared/api/inventory.ts';
import { api } from '../../api/client.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatRelative } from '../../ui/format.ts';
import { QueryState } from '../../ui/query-state.tsx';
import { priorityLabels, statusLabels } from '../tickets/ticket-labels.ts';

const assetTicketsQuery = (assetId: string) =>
  queryOptions({
    queryKey: ['assets', 'tickets', assetId],
    queryFn: () => api<{ items: AssetTicket[] }>(`/assets/${assetId}/tickets`),
  });

export function AssetTicketsView(props: { assetId: string }) {
  const tickets = useQuery(assetTicketsQuery(props.assetId));
  const navigate = useNavigate();
  const data = tickets.data;
  if (!data) return <QueryState query={tickets} height={160} />;
  return data.items.length === 0 ? (
    <EmptyState
      icon={<IconTicket size={24} />}
      title="No tickets about this asset"
      description="Alerts from its agent open tickets here; staff can name the asset on any ticket of its client."
    />
  ) : (
    <DataTable
      label="Tickets about this asset"
      rows={data.items}
      rowKey={(ticket) => ticket.id}
      onOpen={(ticket) => navigate({ to: '/tickets/$ticketId', params: { ticketId: ticket.id } })}
      columns={[
        {
          key: 'number',
          header: '#',
          width: 70,
          render: (ticket) => <Text className="tabular">#{ticket.number}</Text>,
          sortValue: (ticket) => ticket.number,
        },
        { key: 'title', header: 'Title', render: (ticket) => ticket.title },
        {
          key: 'status',
          header: 'Status',
          width: 130,
          render: (ticket) => (
            <Badge variant="light" color={ticket.resolvedAt ? 'gray' : 'blue'}>
              {statusLabels[ticket.status]}
            </Badge>
          ),
        },
        {
          key: 'priority',
          header: 'Priority',
          width: 110,
          render: (ticket) => priorityLabels[ticket.priority],
        },
        {
          key: 'opened',
          header: 'Opened',
          width: 140,
          render: (ticket) => formatRelative(ticket.openedAt),
          sortValue: (ticket) => ticket.openedAt,
        },
      ]}
    />
  );
}
