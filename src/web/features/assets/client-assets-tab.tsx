// A client's assets, on the client page.
import { Button, Group, Text } from '@mantine/core';
import { IconDeviceDesktop, IconPlus, IconRobot } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { EnrollmentTokenModal } from '../settings/agents-token-modal.tsx';
import { AssetFormModal } from './asset-form-modal.tsx';
import { assetListQuery } from './assets-api.ts';
import { AssetsTable } from './assets-table.tsx';

const LIMIT = 500;

export function ClientAssetsTab(props: { clientId: string }) {
  const can = useCan();
  const [isFormOpen, setFormOpen] = useState(false);
  const [isEnrolling, setEnrolling] = useState(false);
  const list = useQuery(assetListQuery({ clientId: props.clientId, limit: LIMIT }));
  const canEnroll = can('agents.manage');
  const canAdd = can('assets.manage');
  const addButton = (canEnroll || canAdd) && (
    <Group gap="xs">
      {canEnroll && (
        <Button variant="default" leftSection={<IconRobot size={16} />} onClick={() => setEnrolling(true)}>
          Enroll a machine
        </Button>
      )}
      {canAdd && (
        <Button leftSection={<IconPlus size={16} />} onClick={() => setFormOpen(true)}>
          Add asset
        </Button>
      )}
    </Group>
  );

  let body: ReactNode;
  if (list.isPending) body = <TableSkeleton columns={5} />;
  else if (list.isError) body = <Text c="red">{list.error.message}</Text>;
  else if (list.data.total === 0)
    body = (
      <EmptyState
        icon={<IconDeviceDesktop size={24} />}
        title="No assets yet"
        description="Add this client's servers, workstations and network gear, or enroll an agent on them."
        action={addButton}
      />
    );
  else
    body = (
      <>
        <Group justify="space-between" mb="sm">
          <Text size="sm" c="dimmed">
            {list.data.total} {list.data.total === 1 ? 'asset' : 'assets'}
            {list.data.total > LIMIT && (
              <>
                {` (first ${LIMIT}; `}
                <AnchorLink to="/assets" search={{ clientId: props.clientId }} size="sm">
                  see all
                </AnchorLink>
                )
              </>
            )}
          </Text>
          {addButton}
        </Group>
        <AssetsTable assets={list.data.items} hideClient />
      </>
    );

  return (
    <>
      {body}
      <AssetFormModal opened={isFormOpen} onClose={() => setFormOpen(false)} clientId={props.clientId} />
      <EnrollmentTokenModal
        opened={isEnrolling}
        onClose={() => setEnrolling(false)}
        clientId={props.clientId}
      />
    </>
  );
}
