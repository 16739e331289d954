// One change request: its window, assets and plan, the decision on it (and the client's, where its agreement
// asks for it), and the other live requests whose windows overlap it on a shared asset. One outside the user's scope shows the same page as a missing one.
import { Alert, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { DetailField } from '../../ui/detail-field.tsx';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { AnchorLink, BackLink, ButtonLink } from '../../ui/links.tsx';
import { RecordPageFallback } from '../../ui/not-found.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { ChangeRequestActions } from './change-request-actions.tsx';
import { crNumber, isAwaitingClient } from './change-request-labels.tsx';
import { ChangeRequestBadges, ChangeRequestDetails, ChangeRequestPlan } from './change-request-summary.tsx';
import { type ChangeRequest, changeRequestQuery } from './change-requests-api.ts';
import { ClientApprovalCard } from './client-approval-card.tsx';

const route = getRouteApi('/app/changes/$changeRequestId');

export function ChangeRequestDetailPage() {
  const { changeRequestId } = route.useParams();
  const request = useQuery(changeRequestQuery(changeRequestId));

  if (!request.isSuccess)
    return (
      <RecordPageFallback
        query={request}
        notFoundTitle="Change request not found"
        notFoundMessage="This change request does not exist, or it belongs to a client outside the clients you have access to."
        notFoundAction={
          <ButtonLink to="/changes" variant="default">
            Back to changes
          </ButtonLink>
        }
        failedTitle="Could not load the change request"
      />
    );
  const data = request.data;

  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/changes' }}>Changes</BackLink>}
        title={`${crNumber(data)}: ${data.title}`}
        badges={<ChangeRequestBadges request={data} />}
        description={`${data.clientName}${data.vendorName ? ` · ${data.vendorName}` : ''}`}
        actions={<ChangeRequestActions request={data} />}
      />
      <Stack gap="md">
        {data.overlaps.length > 0 && <OverlapAlert request={data} />}
        <ClientApprovalCard request={data} />
        <ChangeRequestPlan request={data} details={<Details request={data} />} />
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
  return (
    <ChangeRequestDetails
      request={request}
      after={
        <>
          <DetailField label="Decision">{decision(request, browserTimeZone())}</DetailField>
          {request.decisionReason && (
            <DetailField label="Reason">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {request.decisionReason}
              </Text>
            </DetailField>
          )}
        </>
      }
    >
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
    </ChangeRequestDetails>
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
