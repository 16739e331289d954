// An asset's agent state as a coloured dot with a word ("Online", "Offline", "No agent") and when it last
// checked in; colour is never the only signal (UI.md).
import { Box, Group, Text, Tooltip } from '@mantine/core';
import { ASSET_ONLINE_MINUTES } from '../../../shared/api/assets.ts';
import { browserTimeZone, formatDateTime, formatRelative } from '../../ui/format.ts';
import { useNow } from '../../ui/use-now.ts';
import type { Asset, AssetState } from './assets-api.ts';

export const assetStateLabels: Record<AssetState, string> = {
  online: 'Online',
  offline: 'Offline',
  never: 'No agent',
};
const colors: Record<AssetState, string> = {
  online: 'var(--mantine-color-green-6)',
  offline: 'var(--mantine-color-red-6)',
  never: 'var(--mantine-color-gray-5)',
};
const explanations: Record<AssetState, string> = {
  online: `Its agent checked in within the last ${ASSET_ONLINE_MINUTES} minutes`,
  offline: `Its agent has not checked in for more than ${ASSET_ONLINE_MINUTES} minutes`,
  never: 'No agent has checked in for this asset',
};

export function StateDot(props: { state: AssetState }) {
  return (
    <Box
      component="span"
      w={8}
      h={8}
      bg={colors[props.state]}
      style={{ borderRadius: '50%', flex: 'none' }}
    />
  );
}

export function AssetStateLabel(props: { asset: Pick<Asset, 'state' | 'lastSeenAt'> }) {
  const { state, lastSeenAt } = props.asset;
  const now = useNow(30_000);
  const zone = browserTimeZone();
  const tooltip = lastSeenAt
    ? `${explanations[state]}. Last seen ${formatDateTime(lastSeenAt, zone)} (${zone})`
    : explanations[state];
  return (
    <Tooltip label={tooltip}>
      <Group gap={6} wrap="nowrap">
        <StateDot state={state} />
        <Text size="sm">{assetStateLabels[state]}</Text>
        {lastSeenAt && (
          <Text size="xs" c="dimmed" className="tabular">
            last seen {formatRelative(lastSeenAt, now)}
          </Text>
        )}
      </Group>
    </Tooltip>
  );
}
