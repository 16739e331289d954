// An asset's Overview tab: the details kept by hand and its agent's check-in state.
import { Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { assetCriticalityLabels, assetTypeLabels } from '../../../shared/api/asset-enums.ts';
import { DetailField } from '../../ui/detail-field.tsx';
import { formatDate } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { useCan } from '../auth/session.ts';
import { AssetStateLabel } from './asset-state.tsx';
import type { Asset } from './assets-api.ts';

export function AssetOverview(props: { asset: Asset }) {
  const data = props.asset;
  const can = useCan();
  const canOpenClient = can('clients.read');
  const hasAgent = data.lastSeenAt !== null;
  return (
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
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
