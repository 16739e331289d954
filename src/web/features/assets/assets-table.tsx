// The asset table shared by the Assets page and a client's Assets tab (which hides the client column).
import { Badge, Group, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { assetTypeLabels } from '../../../shared/api/asset-enums.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { AssetStateLabel } from './asset-state.tsx';
import type { Asset } from './assets-api.ts';

const stateOrder = { online: 0, offline: 1, never: 2 } as const;
const dash = <Text c="dimmed">—</Text>;

const columns: Column<Asset>[] = [
  {
    key: 'name',
    header: 'Name',
    sortValue: (asset) => asset.name,
    render: (asset) => (
      <Group gap="xs" wrap="nowrap">
        <AnchorLink to="/assets/$assetId" params={{ assetId: asset.id }} fw={500} size="sm">
          {asset.name}
        </AnchorLink>
        {!asset.isManaged && (
          <Badge size="xs" variant="light" color="gray">
            Unmanaged
          </Badge>
        )}
        {asset.archived && (
          <Badge size="xs" variant="light" color="gray">
            Archived
          </Badge>
        )}
      </Group>
    ),
  },
  {
    key: 'client',
    header: 'Client',
    sortValue: (asset) => asset.clientName,
    render: (asset) => (
      <Text size="sm" truncate maw={280}>
        {asset.clientName}
        {asset.siteName && <Text span c="dimmed" size="sm">{` · ${asset.siteName}`}</Text>}
      </Text>
    ),
  },
  {
    key: 'type',
    header: 'Type',
    width: 130,
    sortValue: (asset) => assetTypeLabels[asset.type],
    render: (asset) => assetTypeLabels[asset.type],
  },
  {
    key: 'hostname',
    header: 'Hostname',
    sortValue: (asset) => asset.hostname,
    render: (asset) => asset.hostname ?? dash,
  },
  {
    key: 'os',
    header: 'OS',
    sortValue: (asset) => asset.os,
    render: (asset) =>
      asset.os ? (
        <Text size="sm" truncate maw={200}>
          {[asset.os, asset.osVersion].filter(Boolean).join(' ')}
        </Text>
      ) : (
        dash
      ),
  },
  {
    key: 'state',
    header: 'State',
    width: 220,
    sortValue: (asset) => stateOrder[asset.state],
    render: (asset) => <AssetStateLabel asset={asset} />,
  },
];

export function AssetsTable(props: { assets: Asset[]; hideClient?: boolean; footer?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <DataTable
      label="Assets"
      columns={props.hideClient ? columns.filter((column) => column.key !== 'client') : columns}
      rows={props.assets}
      rowKey={(asset) => asset.id}
      onOpen={(asset) => navigate({ to: '/assets/$assetId', params: { assetId: asset.id } })}
      footer={props.footer}
    />
  );
}
