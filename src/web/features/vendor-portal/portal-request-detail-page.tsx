// One of the vendor's change requests: where it stands (the MSP's decision and the client's), its window,
// assets, risk and plan, how many other requests overlap it; and withdrawing it while it is still open.
import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { DetailField } from '../../ui/detail-field.tsx';
import { BackLink, ButtonLink } from '../../ui/links.tsx';
import { RecordPageFallback } from '../../ui/not-found.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useSession } from '../auth/session.ts';
import { crNumber } from '../change-requests/change-request-labels.tsx';
import {
  ChangeRequestBadges,
  ChangeRequestDetails,
  ChangeRequestPlan,
} from '../change-requests/change-request-summary.tsx';
import { ReasonForm } from '../change-requests/reason-form.tsx';
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

  if (!request.isSuccess)
    return (
      <RecordPageFallback
        query={request}
        notFoundTitle="Change request not found"
        notFoundMessage="This change request does not exist, or it is not one of yours."
        notFoundAction={
          <ButtonLink to="/vendor/requests" variant="default">
            Back to change requests
          </ButtonLink>
        }
        failedTitle="Could not load the change request"
      />
    );
  const data = request.data;

  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/vendor/requests' }}>Change requests</BackLink>}
        title={`${crNumber(data)}: ${data.title}`}
        badges={<ChangeRequestBadges request={data} />}
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
        <ChangeRequestPlan
          request={data}
          details={
            <ChangeRequestDetails request={data} isZoneNamed>
              <DetailField label="Client">{data.clientName}</DetailField>
              <DetailField label="Assets">{data.assets.map((asset) => asset.name).join(', ')}</DetailField>
            </ChangeRequestDetails>
          }
        />
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

function WithdrawForm(props: { request: PortalChangeRequest; msp: string; onDone: () => void }) {
  const { request } = props;
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: (reason: string) => withdrawChangeRequest(request.id, reason),
    onSuccess: async (updated) => {
      queryClient.setQueryData(portalKeys.request(updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: portalKeys.all });
      notifySuccess(`${crNumber(updated)} withdrawn`);
      props.onDone();
    },
    onError: (failure) => notifyError(failure, 'Could not withdraw the request'),
  });

  return (
    <ReasonForm
      missingMessage="Say why the request is withdrawn"
      submitLabel="Withdraw request"
      maxLength={2_000}
      isBusy={withdraw.isPending}
      onCancel={props.onDone}
      onSubmit={(reason, showError) =>
        withdraw.mutate(reason, {
          onError: (failure) => {
            if (isApiError(failure, 400)) showError(failure.fieldErrors.reason ?? null);
          },
        })
      }
    >
      <Text size="sm">
        The change will not go ahead{request.status === 'approved' ? ', although it is approved' : ''}.{' '}
        {props.msp} sees your reason.
      </Text>
    </ReasonForm>
  );
}
