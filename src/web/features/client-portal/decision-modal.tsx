// Approving or rejecting a vendor's change in the portal, in the signed-in person's name: what approving lets
// happen, or why it is rejected (required). The API's refusals show in the form, which keeps the reason.
import { Alert, Button, Code, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import { crNumber } from '../change-requests/change-request-labels.tsx';
import { clientPortalKeys, decideChangeRequest, type PortalChangeRequest } from './portal-api.ts';

export type Decision = 'approve' | 'reject';

export function DecisionModal(props: {
  request: PortalChangeRequest | null;
  decision: Decision;
  clientName: string;
  onClose: () => void;
}) {
  const { request } = props;
  const verb = props.decision === 'approve' ? 'Approve' : 'Reject';
  return (
    <Modal
      opened={request !== null}
      onClose={props.onClose}
      title={request ? `${verb} ${crNumber(request)}?` : verb}
      size="md"
    >
      {request && (
        <DecisionForm
          request={request}
          decision={props.decision}
          clientName={props.clientName}
          onClose={props.onClose}
        />
      )}
    </Modal>
  );
}

function DecisionForm(props: {
  request: PortalChangeRequest;
  decision: Decision;
  clientName: string;
  onClose: () => void;
}) {
  const { request, decision } = props;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const vendor = request.vendorName ?? 'The vendor';

  const decide = useMutation({
    mutationFn: () =>
      decideChangeRequest(
        request.id,
        decision === 'reject' ? { decision, reason: reason.trim() } : { decision },
      ),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: clientPortalKeys.all });
      notifySuccess(`${crNumber(updated)} ${decision === 'approve' ? 'approved' : 'rejected'}`);
      props.onClose();
    },
    onError: (failure) => {
      // Decided meanwhile by a colleague, or through a link: the list behind the form catches up.
      if (failure instanceof ApiError && failure.status === 409)
        void queryClient.invalidateQueries({ queryKey: clientPortalKeys.changeRequests });
      const reasonError = failure instanceof ApiError ? failure.fieldErrors.reason : undefined;
      if (reasonError) return setError(reasonError);
      setRefusal(failure instanceof ApiError ? failure : new ApiError(0, 'unknown', failure.message));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (decision === 'reject' && !reason.trim()) return setError('Say why the change is rejected');
    setRefusal(null);
    decide.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {decision === 'approve'
            ? `${vendor} may then make this change to ${props.clientName}’s systems in its window. Your name is recorded with the approval.`
            : `${vendor} will not make this change; your reason is passed on to them.`}
        </Text>
        {refusal && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Your decision was not recorded"
          >
            {refusal.message} {refusal.code !== 'unknown' && <Code fz="xs">{refusal.code}</Code>}
          </Alert>
        )}
        {decision === 'reject' && (
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
        )}
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" color={decision === 'reject' ? 'red' : 'green'} loading={decide.isPending}>
            {decision === 'reject' ? 'Reject change' : 'Approve change'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
