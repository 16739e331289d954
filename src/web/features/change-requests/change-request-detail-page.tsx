// One change request: its window, assets and plan, the decision on it (and the client's, where its agreement
// asks for it), and the other live requests whose windows overlap it on a shared asset. One outside the user's scope shows the same page as a missing one.
import { Alert, Badge, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../api/client.ts';
import { DetailField } from '../../ui/detail-field.tsx';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { ChangeRequestActions } from './change-request-actions.tsx';
import {
  AwaitingClientBadge,
  crNumber,
  formatWindow,
  isAwaitingClient,
  RiskBadge,
  StatusBadge,
} from './change-request-labels.tsx';
import { type ChangeRequest, changeRequestQuery } from './change-requests-api.ts';
import { ClientApprovalCard } from './client-approval-card.tsx';

const route = getRouteApi('/app/changes/$changeRequestId');

export function ChangeRequestDetailPage() {
  const { changeRequestId } = route.useParams();
  const request = useQuery(changeRequestQuery(changeRequestId));

  if (request.isPending) return <PageSkeleton />;
  if (request.isError) {
    if (isApiError(request.error, 404) || isApiError(request.error, 400)) {
      return (
        <NotFoundPage
          title="Change request not found"
          message="This change request does not exist, or it belongs to a client outside the clients you have access to."
          action={
            <ButtonLink to="/changes" variant="default">
              Back to changes
            </ButtonLink>
          }
        />
      );
    }
    return <NotFoundPage title="Could not load the change request" message={request.error.message} />;
  }
  const data = request.data;

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/changes" size="sm" c="dimmed">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> Changes
            </Group>
          </AnchorLink>
        }
        title={`${crNumber(data)}: ${data.title}`}
        badges={
          <>
            <StatusBadge status={data.status} />
            <AwaitingClientBadge request={data} />
            {data.emergency && (
              <Badge variant="filled" color="red">
                Emergency
              </Badge>
            )}
          </>
        }
        description={`${data.clientName}${data.vendorName ? ` · ${data.vendorName}` : ''}`}
        actions={<ChangeRequestActions request={data} />}
      />
      <Stack gap="md">
        {data.overlaps.length > 0 && <OverlapAlert request={data} />}
        <ClientApprovalCard request={data} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Details request={data} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              <TextCard title="What will change" text={data.description} />
              <TextCard title="Back-out plan" text={data.backOutPlan} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

function OverlapAlert(props: { request: ChangeRequest }) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title="Overlapping window on a shared asset"
    >
      <Text size="sm" mb={4}>
        These requests are also asking for (or hold) one of these assets at the same time:
      </Text>
      <List size="sm" spacing={2}>
        {props.request.overlaps.map((other) => (
          <List.Item key={other.id}>
            <AnchorLink to="/changes/$changeRequestId" params={{ changeRequestId: other.id }} size="sm">
              CR-{other.number}: {other.title}
            </AnchorLink>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function Details(props: { request: ChangeRequest }) {
  const { request } = props;
  const zone = browserTimeZone();
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="sm">
        Details
      </Title>
      <Stack gap={6}>
        <DetailField label="Client">
          <AnchorLink to="/clients/$clientId" params={{ clientId: request.clientId }} size="sm">
            {request.clientName}
          </AnchorLink>
        </DetailField>
        <DetailField label="Vendor">{request.vendorName ?? 'Our own change'}</DetailField>
        <DetailField label="Assets">
          <Group gap={8}>
            {request.assets.map((asset) => (
              <AnchorLink key={asset.id} to="/assets/$assetId" params={{ assetId: asset.id }} size="sm">
                {asset.name}
              </AnchorLink>
            ))}
          </Group>
        </DetailField>
        <DetailField label="Window">
          <Text size="sm" className="tabular">
            {formatWindow(request.windowStart, request.windowEnd, zone)}
          </Text>
        </DetailField>
        <DetailField label="Risk">
          <RiskBadge risk={request.risk} />
        </DetailField>
        <DetailField label="Requested">
          {`${request.requestedByName ?? 'Someone'}, ${formatDateTime(request.createdAt, zone)}`}
        </DetailField>
        <DetailField label="Decision">{decision(request, zone)}</DetailField>
        {request.decisionReason && (
          <DetailField label="Reason">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {request.decisionReason}
            </Text>
          </DetailField>
        )}
      </Stack>
      {request.emergency && (
        <Text size="xs" c="dimmed" mt="sm">
          Declared as an emergency after the fact, for approval afterwards.
        </Text>
      )}
    </Paper>
  );
}

/** The MSP's decision; a request the client rejected before the MSP decided reads as the client's. */
function decision(request: ChangeRequest, zone: string): string | null {
  const { clientApproval: client } = request;
  if (request.decidedAt) {
    const waiting = isAwaitingClient(request) ? ` (approved; waiting for ${request.clientName})` : '';
    return `${request.decidedByName ?? 'Someone'}, ${formatDateTime(request.decidedAt, zone)}${waiting}`;
  }
  if (request.status === 'rejected' && client.status === 'rejected' && client.decidedAt) {
    return `Rejected for ${request.clientName} by ${client.name ?? 'someone'}, ${formatDateTime(client.decidedAt, zone)}`;
  }
  return null;
}

function TextCard(props: { title: string; text: string }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="xs">
        {props.title}
      </Title>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {props.text}
      </Text>
    </Paper>
  );
}
