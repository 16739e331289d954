// The client's decision behind a one-time link: who decides, approve or reject (with the reason to reject).
import { Radio, Stack, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { LinkFormHead, LinkFormSubmit, useSignedLinkForm } from '../../ui/link-form.tsx';
import { decideByLink, type PublicChangeRequest } from './change-requests-api.ts';

type Decision = 'approve' | 'reject';

export interface GivenDecision {
  decision: Decision;
  name: string;
}

export function PublicDecisionForm(props: {
  token: string;
  request: PublicChangeRequest;
  onDone: (given: GivenDecision) => void;
  onSpent: () => void;
}) {
  const { request } = props;
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const form = useSignedLinkForm(props.onSpent);
  const decide = useMutation({
    mutationFn: (input: { decision: Decision; name: string; email: string | null; reason?: string }) =>
      decideByLink(props.token, input),
    onSuccess: (_, input) => props.onDone({ decision: input.decision, name: input.name }),
    onError: form.onError,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = form.problems();
    if (!decision) problems.decision = 'Choose whether you approve or reject the change';
    if (decision === 'reject' && !reason.trim()) problems.reason = 'Say why you reject the change';
    if (!form.check(problems) || !decision) return;
    decide.mutate({
      decision,
      ...form.signer,
      ...(decision === 'reject' ? { reason: reason.trim() } : {}),
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Your decision">
      <Stack gap="sm">
        <LinkFormHead
          title="Your decision"
          refusalTitle="Your decision was not recorded"
          refusal={form.refusal}
        />
        {form.signerFields}
        <Radio.Group
          label={`On behalf of ${request.clientName}, I…`}
          required
          value={decision}
          error={form.errors.decision}
          onChange={(value) => {
            setDecision(value as Decision);
            form.clear('decision');
          }}
        >
          <Stack gap="xs" mt={6}>
            <Radio value="approve" label="Approve this change" />
            <Radio value="reject" label="Reject this change" />
          </Stack>
        </Radio.Group>
        {decision === 'reject' && (
          <Textarea
            label="Reason"
            description={`${request.mspName} will see it`}
            required
            autosize
            minRows={3}
            value={reason}
            error={form.errors.reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              form.clear('reason');
            }}
          />
        )}
        <LinkFormSubmit
          expiresAt={request.expiresAt}
          isPending={decide.isPending}
          color={decision === 'reject' ? 'red' : undefined}
        >
          {decision === 'reject'
            ? 'Reject the change'
            : decision === 'approve'
              ? 'Approve the change'
              : 'Send'}
        </LinkFormSubmit>
      </Stack>
    </form>
  );
}
