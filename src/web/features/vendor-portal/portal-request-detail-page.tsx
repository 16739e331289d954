// One of the vendor's change requests: where it stands (the MSP's decision and the client's), its window,
// assets, risk and plan, how many other requests overlap it; and withdrawing it while it is still open.
import { Alert, Badge, Button, Grid, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { DetailField } from '../../ui/detail-field.tsx';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useSession } from '../auth/session.ts';
import {
  AwaitingClientBadge,
  crNumber,
  formatWindow,
  RiskBadge,
  StatusBadge,
} from '../change-requests/change-request-labels.tsx';
import {
  type PortalChangeRequest,
  portalKeys,
  portalRequestQuery,
  withdrawChangeRequest,
} from './portal-api.ts';
import { PortalRequestStanding } from './portal-request-standing.tsx';

const route = getRouteApi('/vendor/requests/$requestId');

const canWithdraw = (request: PortalChangeRequest) =>
  request.status === 'requested' || request.status === 'approved';

export function PortalRequestDetailPage() {
  const { requestId } = route.useParams();
  const msp = useSession().membership.tenantName;
  const request = useQuery(portalRequestQuery(requestId));
  const [isWithdrawing, setWithdrawing] = useState(false);

  if (request.isPending) return <PageSkeleton />;
  if (request.isError) {
    if (isApiError(request.error, 404) || isApiError(request.error, 400)) {
      return (
        <NotFoundPage
          title="Change request not found"
          message="This change request does not exist, or it is not one of yours."
          action={
            <ButtonLink to="/vendor/requests" variant="default">
              Back to change requests
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
          <AnchorLink to="/vendor/requests" size="sm" c="dimmed">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> Change requests
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
        description={data.clientName}
        actions={
          canWithdraw(data) && (
            <Button variant="default" onClick={() => setWithdrawing(true)}>
              Withdraw request
            </Button>
          )
        }
      />
      <Stack gap="md">
        {data.overlapCount > 0 && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Overlapping window on a shared asset"
          >
            {data.overlapCount === 1
              ? 'One other request asks for one of these assets at an overlapping time.'
              : `${data.overlapCount} other requests ask for one of these assets at overlapping times.`}{' '}
            {msp} takes this into account when deciding, and may ask you to move the window.
          </Alert>
        )}
        <PortalRequestStanding request={data} msp={msp} />
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
      <Modal
        opened={isWithdrawing}
        onClose={() => setWithdrawing(false)}
        title={`Withdraw ${crNumber(data)}?`}
        size="md"
      >
        {isWithdrawing && <WithdrawForm request={data} msp={msp} onDone={() => setWithdrawing(false)} />}
      </Modal>
    </>
  );
}

function Details(props: { request: PortalChangeRequest }) {
  const { request } = props;
  const zone = browserTimeZone();
  return (
    <Paper withBorder p="md" component="section" aria-label="Details">
      <Title order={2} fz="h4" mb="sm">
        Details
      </Title>
      <Stack gap={6}>
        <DetailField label="Client">{request.clientName}</DetailField>
        <DetailField label="Assets">{request.assets.map((asset) => asset.name).join(', ')}</DetailField>
        <DetailField label="Window">
          <Text size="sm" className="tabular">
            {formatWindow(request.windowStart, request.windowEnd, zone)}
          </Text>
          <Text size="xs" c="dimmed">
            Your local time ({zone})
          </Text>
        </DetailField>
        <DetailField label="Risk">
          <RiskBadge risk={request.risk} />
        </DetailField>
        <DetailField label="Requested">
          {`${request.requestedByName ?? 'Someone'}, ${formatDateTime(request.createdAt, zone)}`}
        </DetailField>
      </Stack>
      {request.emergency && (
        <Text size="xs" c="dimmed" mt="sm">
          Declared as an emergency after the fact, for approval afterwards.
        </Text>
      )}
    </Paper>
  );
}

function TextCard(props: { title: string; text: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.title}>
      <Title order={2} fz="h4" mb="xs">
        {props.title}
      </Title>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {props.text}
      </Text>
    </Paper>
  );
}

function WithdrawForm(props: { request: PortalChangeRequest; msp: string; onDone: () => void }) {
  const { request } = props;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const withdraw = useMutation({
    mutationFn: () => withdrawChangeRequest(request.id, reason.trim()),
    onSuccess: async (updated) => {
      queryClient.setQueryData(portalKeys.request(updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: portalKeys.all });
      notifySuccess(`${crNumber(updated)} withdrawn`);
      props.onDone();
    },
    onError: (failure) => {
      if (isApiError(failure, 400)) setError(failure.fieldErrors.reason ?? null);
      notifyError(failure, 'Could not withdraw the request');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError('Say why the request is withdrawn');
    withdraw.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          The change will not go ahead{request.status === 'approved' ? ', although it is approved' : ''}.{' '}
          {props.msp} sees your reason.
        </Text>
        <Textarea
          label="Reason"
          required
          data-autofocus
          autosize
          minRows={3}
          maxLength={2_000}
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onDone}>
            Back
          </Button>
          <Button type="submit" loading={withdraw.isPending}>
            Withdraw request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
