// The assets a ticket is about, each with what changed on it in the last 72 hours — the first thing a
// technician asks when something stops working — and a picker of the client's assets.
import { Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TICKET_CHANGE_HOURS, type TicketAsset } from '../../../shared/api/inventory.ts';
import { api } from '../../api/client.ts';
import { formatRelative } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError } from '../../ui/notify.tsx';
import { useNow } from '../../ui/use-now.ts';
import { StateDot } from '../assets/asset-state.tsx';
import { assetListQuery } from '../assets/assets-api.ts';
import { describeActor, describeChange, isAlarming } from '../assets/change-sentences.ts';
import { Section } from './ticket-panel-section.tsx';
import { type TicketDetail, ticketKeys } from './tickets-api.ts';

const SHOWN_CHANGES = 5;

const ticketAssetsQuery = (ticketId: string) =>
  queryOptions({
    queryKey: [...ticketKeys.detail(ticketId), 'assets'],
    queryFn: () => api<{ items: TicketAsset[] }>(`/tickets/${ticketId}/assets`),
  });

function AssetChanges(props: { asset: TicketAsset }) {
  const { asset } = props;
  const now = useNow(60_000);
  if (asset.state === 'never') return null;
  if (asset.recentChangeCount === 0) {
    return (
      <Text size="xs" c="dimmed">
        No changes in the last {TICKET_CHANGE_HOURS} hours.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="xs" fw={500}>
        {asset.recentChangeCount} {asset.recentChangeCount === 1 ? 'change' : 'changes'} in the last{' '}
        {TICKET_CHANGE_HOURS} hours
      </Text>
      {asset.recentChanges.slice(0, SHOWN_CHANGES).map((change) => (
        <div key={change.id}>
          <Text size="xs" c={isAlarming(change) ? 'red.7' : undefined}>
            {describeChange(change)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatRelative(change.occurredAt, now)} · {describeActor(change).text}
          </Text>
        </div>
      ))}
      {asset.recentChangeCount > SHOWN_CHANGES && (
        <AnchorLink to="/assets/$assetId" params={{ assetId: asset.id }} size="xs">
          All changes
        </AnchorLink>
      )}
    </Stack>
  );
}

function EditAssetsModal(props: { ticket: TicketDetail; linked: TicketAsset[]; onClose: () => void }) {
  const { ticket } = props;
  const queryClient = useQueryClient();
  const [assetIds, setAssetIds] = useState(props.linked.map((asset) => asset.id));
  const assets = useQuery(assetListQuery({ clientId: ticket.clientId, limit: 500 }));
  const save = useMutation({
    mutationFn: () =>
      api<{ items: TicketAsset[] }>(`/tickets/${ticket.id}/assets`, { method: 'PUT', body: { assetIds } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
      props.onClose();
    },
    onError: (error) => notifyError(error, 'Could not change the assets'),
  });
  const data = (assets.data?.items ?? []).map((asset) => ({ value: asset.id, label: asset.name }));
  for (const asset of props.linked) {
    if (!data.some((option) => option.value === asset.id)) data.push({ value: asset.id, label: asset.name });
  }
  return (
    <Modal opened onClose={props.onClose} title="Assets this ticket is about">
      <Stack>
        <MultiSelect
          label={`${ticket.clientName}'s assets`}
          placeholder={assets.isPending ? 'Loading…' : 'Pick assets'}
          searchable
          data={data}
          value={assetIds}
          onChange={setAssetIds}
          maxValues={20}
          nothingFoundMessage="No asset by that name"
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function TicketAssetsSection(props: { ticket: TicketDetail; canWork: boolean }) {
  const linked = useQuery(ticketAssetsQuery(props.ticket.id));
  const [editing, setEditing] = useState(false);
  const items = linked.data?.items ?? [];
  return (
    <Section
      title="Assets"
      action={
        props.canWork && (
          <Button
            variant="subtle"
            size="compact-xs"
            leftSection={<IconEdit size={12} />}
            onClick={() => setEditing(true)}
          >
            {items.length ? 'Edit' : 'Add'}
          </Button>
        )
      }
    >
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {linked.isPending ? 'Loading…' : 'No assets named.'}
        </Text>
      ) : (
        <Stack gap="sm">
          {items.map((asset) => (
            <Stack key={asset.id} gap={4}>
              <Group gap={6} wrap="nowrap">
                <StateDot state={asset.state} />
                <AnchorLink to="/assets/$assetId" params={{ assetId: asset.id }} size="sm" fw={500}>
                  {asset.name}
                </AnchorLink>
              </Group>
              <AssetChanges asset={asset} />
            </Stack>
          ))}
        </Stack>
      )}
      {editing && linked.data && (
        <EditAssetsModal ticket={props.ticket} linked={items} onClose={() => setEditing(false)} />
      )}
    </Section>
  );
}
