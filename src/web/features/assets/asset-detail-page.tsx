// One asset: its details, client and site, agent state; inventory and changes arrive with the agent. An
// asset outside the user's scope answers 404 like a missing one, and shows the same not-found page.
import { Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { assetCriticalityLabels, assetTypeLabels } from '../../../shared/api/asset-enums.ts';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DetailField } from '../../ui/detail-field.tsx';
import { EditArchiveActions } from '../../ui/edit-archive-actions.tsx';
import { formatDate } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { AssetFormModal } from './asset-form-modal.tsx';
import { AssetStateLabel } from './asset-state.tsx';
import { type Asset, assetKeys, assetQuery, updateAsset } from './assets-api.ts';

const route = getRouteApi('/app/assets/$assetId');

function AgentSection(props: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.title}>
      <Title order={2} fz="h4" mb={4}>
        {props.title}
      </Title>
      <Text size="sm" c="dimmed">
        {props.children}
      </Text>
    </Paper>
  );
}

export function AssetDetailPage() {
  const { assetId } = route.useParams();
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
  const canOpenClient = can('clients.read');
  const hasAgent = data.lastSeenAt !== null;

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
          canManage && (
            <EditArchiveActions
              noun="asset"
              archived={data.archived}
              onEdit={() => setEditing(true)}
              onArchive={() => setConfirmingArchive(true)}
              onRestore={() => setArchived.mutate(false)}
            />
          )
        }
      />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md">
            <Title order={2} fz="h4" mb="sm">
              Details
            </Title>
            <Stack gap={6}>
              <DetailField label="Client">
                {canOpenClient ? (
                  <AnchorLink to="/clients/$clientId" params={{ clientId: data.clientId }} size="sm">
                    {data.clientName}
                  </AnchorLink>
                ) : (
                  data.clientName
                )}
              </DetailField>
              <DetailField label="Site">
                {data.siteName &&
                  (canOpenClient ? (
                    <AnchorLink
                      to="/clients/$clientId"
                      params={{ clientId: data.clientId }}
                      search={{ tab: 'sites' }}
                      size="sm"
                    >
                      {data.siteName}
                    </AnchorLink>
                  ) : (
                    data.siteName
                  ))}
              </DetailField>
              <DetailField label="Type">{assetTypeLabels[data.type]}</DetailField>
              <DetailField label="Hostname">{data.hostname}</DetailField>
              <DetailField label="Serial number">{data.serial}</DetailField>
              <DetailField label="Operating system">
                {[data.os, data.osVersion].filter(Boolean).join(' ')}
              </DetailField>
              <DetailField label="Criticality">{assetCriticalityLabels[data.criticality]}</DetailField>
              <DetailField label="Managed">
                {data.isManaged ? 'Yes' : 'No — not counted for per-device billing'}
              </DetailField>
              <DetailField label="Standard">
                {data.isStandard ? "Matches the client's standard stack" : 'No'}
              </DetailField>
              <DetailField label="Warranty ends">
                {data.warrantyEndsOn && formatDate(data.warrantyEndsOn)}
              </DetailField>
              <DetailField label="Notes">
                {data.notes && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {data.notes}
                  </Text>
                )}
              </DetailField>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-label="Agent">
              <Title order={2} fz="h4" mb="sm">
                Agent
              </Title>
              <AssetStateLabel asset={data} />
              {!hasAgent && (
                <Text size="sm" c="dimmed" mt="xs">
                  Assets added by hand have no agent. Once one is enrolled on this machine, its check-ins show
                  here as online or offline.
                </Text>
              )}
            </Paper>
            <AgentSection title="Inventory">
              Installed software, services, accounts, disks and backups appear here once an agent is enrolled
              on this asset.
            </AgentSection>
            <AgentSection title="Changes">
              What changed on this asset — software, services, accounts, disk health — and who changed it
              appears here once an agent is enrolled.
            </AgentSection>
          </Stack>
        </Grid.Col>
      </Grid>

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
