// Staff record the client's decision on a vendor's change, given by phone or mail: approve or reject, who
// decided for the client, and (to reject) why. The server's refusals show in the form, which keeps the input.
import { Alert, Button, Code, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import { useSession } from '../auth/session.ts';
import { crNumber } from './change-request-labels.tsx';
import { type ChangeRequest, changeRequestKeys, recordClientDecision } from './change-requests-api.ts';

type Decision = 'approve' | 'reject';

export function ClientDecisionModal(props: { request: ChangeRequest; opened: boolean; onClose: () => void }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={`Record ${props.request.clientName}’s decision`}
      size="md"
    >
      {props.opened && <ClientDecisionForm request={props.request} onClose={props.onClose} />}
    </Modal>
  );
}

function ClientDecisionForm(props: { request: ChangeRequest; onClose: () => void }) {
  const { request } = props;
  const queryClient = useQueryClient();
  const msp = useSession().membership.tenantName;
  const [decision, setDecision] = useState<Decision | null>(null);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const save = useMutation({
    mutationFn: (input: { decision: Decision; name: string; reason?: string }) =>
      recordClientDecision(request.id, input),
    onSuccess: async (updated, input) => {
      await queryClient.invalidateQueries({ queryKey: changeRequestKeys.all });
      notifySuccess(
        `${crNumber(updated)}: ${request.clientName}’s ${input.decision === 'approve' ? 'approval' : 'rejection'} recorded`,
      );
      props.onClose();
    },
    onError: (error) => {
      // Decided meanwhile (by a colleague or through the link): the page behind the form catches up.
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: changeRequestKeys.detail(request.id) });
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(fieldErrors);
      // A field's problem shows under the field; anything else (already decided, window passed) above.
      if (Object.keys(fieldErrors).length === 0)
        setRefusal(error instanceof ApiError ? error : new ApiError(0, 'unknown', error.message));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!decision) problems.decision = 'Choose whether the client approves or rejects the change';
    if (!name.trim()) problems.name = `Enter the name of who decided for ${request.clientName}`;
    if (decision === 'reject' && !reason.trim()) problems.reason = 'Say why the client rejects the change';
    if (Object.keys(problems).length > 0 || !decision) return setErrors(problems);
    setRefusal(null);
    save.mutate({
      decision,
      name: name.trim(),
      ...(reason.trim() && decision === 'reject' ? { reason: reason.trim() } : {}),
    });
  }

  const clear = (field: string) => {
    setErrors(({ [field]: _, ...rest }) => rest);
    setRefusal(null);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Record ${request.clientName}’s decision`}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Record what {request.clientName} decided about {crNumber(request)}, e.g. on the phone or by mail.
          {request.decidedAt
            ? ` ${msp} has approved it already, so the client’s approval approves the change.`
            : ` The change also needs ${msp}’s approval.`}{' '}
          A rejection rejects the change.
        </Text>
        {refusal && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Could not record the decision"
          >
            {refusal.message} {refusal.code !== 'unknown' && <Code fz="xs">{refusal.code}</Code>}
          </Alert>
        )}
        <Radio.Group
          label="Decision"
          required
          value={decision}
          error={errors.decision}
          onChange={(value) => {
            setDecision(value as Decision);
            clear('decision');
          }}
        >
          <Group gap="lg" mt={6}>
            <Radio value="approve" label={`${request.clientName} approves`} />
            <Radio value="reject" label={`${request.clientName} rejects`} />
          </Group>
        </Radio.Group>
        <TextInput
          label="Name"
          description={`Who decided for ${request.clientName}`}
          required
          value={name}
          error={errors.name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            clear('name');
          }}
        />
        {decision === 'reject' && (
          <Textarea
            label="Reason"
            description="The requester and the audit trail will see it"
            required
            autosize
            minRows={3}
            value={reason}
            error={errors.reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              clear('reason');
            }}
          />
        )}
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" color={decision === 'reject' ? 'red' : undefined} loading={save.isPending}>
            {decision === 'reject'
              ? 'Record rejection'
              : decision === 'approve'
                ? 'Record approval'
                : 'Record decision'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
