// The change requests that name an asset, latest window first, with a button to raise one for it.
import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconCalendarTime, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { QueryState } from '../../ui/query-state.tsx';
import { useCan } from '../auth/session.ts';
import { ChangeRequestFormModal } from './change-request-form-modal.tsx';
import { changeRequestListQuery } from './change-requests-api.ts';
import { ChangeRequestsTable } from './change-requests-table.tsx';

export function AssetChangeRequests(props: { assetId: string; clientId: string }) {
  const can = useCan();
  const navigate = useNavigate();
  const [isFormOpen, setFormOpen] = useState(false);
  const list = useQuery(changeRequestListQuery({ assetId: props.assetId, limit: 200 }));
  const data = list.data;
  const raise = can('changes.request') && (
    <Button
      leftSection={<IconPlus size={16} />}
      variant="default"
      size="xs"
      onClick={() => setFormOpen(true)}
    >
      New change request
    </Button>
  );
  return (
    <Paper withBorder p="md" mt="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Change requests
        </Title>
        {raise}
      </Group>
      {!data ? (
        <QueryState query={list} height={80} />
      ) : data.items.length === 0 ? (
        <Group gap="xs" c="dimmed">
          <IconCalendarTime size={18} />
          <Text size="sm">
            No change requests for this asset. Changes planned for it, by your team or a vendor, show here.
          </Text>
        </Group>
      ) : (
        <ChangeRequestsTable
          requests={data.items}
          hideClient
          label="Change requests for this asset"
          keyboardNavigation={false}
        />
      )}
      <ChangeRequestFormModal
        opened={isFormOpen}
        onClose={() => setFormOpen(false)}
        clientId={props.clientId}
        assetIds={[props.assetId]}
        onSaved={(request) =>
          navigate({ to: '/changes/$changeRequestId', params: { changeRequestId: request.id } })
        }
      />
    </Paper>
  );
}
