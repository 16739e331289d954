// One asset: its details, client and site, agent state; its agent's inventory and the changes between reports
// in tabs (the tab is in the URL). An asset outside the user's scope answers 404 like a missing one, and
// shows the same not-found page.
import { Badge, Group, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { assetCriticalityLabels, assetTypeLabels } from '../../../shared/api/asset-enums.ts';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EditArchiveActions } from '../../ui/edit-archive-actions.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { AssetChangeRequests } from '../change-requests/asset-change-requests.tsx';
import { AssetChangesView } from './asset-changes.tsx';
import { AssetFormModal } from './asset-form-modal.tsx';
import { AssetInventoryView } from './asset-inventory.tsx';
import { AssetOverview } from './asset-overview.tsx';
import { AssetTicketsView } from './asset-tickets.tsx';
import { type Asset, assetKeys, assetQuery, updateAsset } from './assets-api.ts';
import { CoverageHoldBanner } from './coverage-hold-banner.tsx';
import { PutOnHoldAction } from './coverage-hold-dialog.tsx';
import { CoverageHoldHistory } from './coverage-hold-history.tsx';

const route = getRouteApi('/app/assets/$assetId');

export function AssetDetailPage() {
  const { assetId } = route.useParams();
  const { tab = 'overview' } = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const queryClient = useQueryClient();
  const asset = useQuery(assetQuery(assetId));
  const [isEditing, setEditing] = useState(false);
  const [isConfirmingArchive, setConfirmingArchive] = useState(false);

  const setArchived = useMutation({
    mutationFn: (archived: boolean) => updateAsset(assetId, { archived }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: assetKeys.all });
      notifySuccess(updated.archived ? `${updated.name} archived` : `${updated.name} restored`);
    },
    onError: (error) => notifyError(error, 'Could not change the asset'),
  });

  if (asset.isPending) return <PageSkeleton />;
  if (asset.isError) {
    if (isApiError(asset.error, 404) || isApiError(asset.error, 400)) {
      return (
        <NotFoundPage
          title="Asset not found"
          message="This asset does not exist, or it belongs to a client outside the clients you have access to."
          action={
            <ButtonLink to="/assets" variant="default">
              Back to assets
            </ButtonLink>
          }
        />
      );
    }
    return <NotFoundPage title="Could not load the asset" message={asset.error.message} />;
  }
  const data = asset.data;
  const canManage = can('assets.manage');

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/assets" size="sm" c="dimmed">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> Assets
            </Group>
          </AnchorLink>
        }
        title={data.name}
        badges={<Badges asset={data} />}
        description={`${assetTypeLabels[data.type]} at ${data.clientName}${data.siteName ? ` · ${data.siteName}` : ''}`}
        actions={
          <>
            <PutOnHoldAction asset={data} />
            {canManage && (
              <EditArchiveActions
                noun="asset"
                archived={data.archived}
                onEdit={() => setEditing(true)}
                onArchive={() => setConfirmingArchive(true)}
                onRestore={() => setArchived.mutate(false)}
              />
            )}
          </>
        }
      />
      <CoverageHoldBanner assetId={assetId} />

      <Tabs
        value={tab}
        onChange={(next) =>
          navigate({
            search: {
              tab: next === 'inventory' || next === 'changes' || next === 'tickets' ? next : undefined,
            },
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="inventory">Inventory</Tabs.Tab>
          <Tabs.Tab value="changes">Changes</Tabs.Tab>
          <Tabs.Tab value="tickets">Tickets</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <AssetOverview asset={data} />
          <AssetChangeRequests assetId={assetId} clientId={data.clientId} />
          <CoverageHoldHistory assetId={assetId} />
        </Tabs.Panel>
        <Tabs.Panel value="inventory">
          <AssetInventoryView assetId={assetId} />
        </Tabs.Panel>
        <Tabs.Panel value="changes">
          <AssetChangesView assetId={assetId} />
        </Tabs.Panel>
        <Tabs.Panel value="tickets">
          <AssetTicketsView assetId={assetId} />
        </Tabs.Panel>
      </Tabs>

      <AssetFormModal opened={isEditing} onClose={() => setEditing(false)} asset={data} />
      <ConfirmDialog
        opened={isConfirmingArchive}
        onClose={() => setConfirmingArchive(false)}
        title="Archive asset?"
        message={`${data.name} will be hidden from asset lists. Its history stays, and you can restore it at any time.`}
        confirmLabel="Archive"
        onConfirm={() => setArchived.mutateAsync(true)}
      />
    </>
  );
}

function Badges(props: { asset: Asset }) {
  const { asset } = props;
  return (
    <>
      {(asset.criticality === 'high' || asset.criticality === 'critical') && (
        <Badge variant="light" color={asset.criticality === 'critical' ? 'red' : 'orange'}>
          {assetCriticalityLabels[asset.criticality]}
        </Badge>
      )}
      {!asset.isManaged && (
        <Badge variant="light" color="gray">
          Unmanaged
        </Badge>
      )}
      {asset.archived && (
        <Badge variant="light" color="gray">
          Archived
        </Badge>
      )}
    </>
  );
}
