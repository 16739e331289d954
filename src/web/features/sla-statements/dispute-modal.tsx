// Disputing a proposed service credit: the exclusion that applies (why the breach was not the MSP's to answer
// for) and a reason, both shown to the client on the statement. A refusal (the window closed, or someone
// disputed it meanwhile) shows the API's message and code, keeps what was typed, and refreshes the statement.
import { Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type CreditExclusion,
  creditExclusionLabels,
  creditExclusions,
} from '../../../shared/api/service-credits.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { money } from '../agreements/agreement-display.tsx';
import { CountedFormFooter } from './counted-form-footer.tsx';
import { disputeServiceCredit, type ServiceCredit, slaStatementKeys } from './sla-statements-api.ts';
import { creditName } from './statement-format.ts';

const MAX_LENGTH = 4000;
const exclusionOptions = creditExclusions.map((value) => ({ value, label: creditExclusionLabels[value] }));

export function DisputeModal(props: {
  agreementId: string;
  credit: ServiceCredit | null;
  onClose: () => void;
}) {
  const { credit } = props;
  return (
    <Modal
      opened={credit !== null}
      onClose={props.onClose}
      title={credit ? `Dispute ${creditName(credit)}` : ''}
      size="lg"
    >
      {credit && (
        <DisputeForm key={credit.id} agreementId={props.agreementId} credit={credit} onDone={props.onClose} />
      )}
    </Modal>
  );
}

function DisputeForm(props: { agreementId: string; credit: ServiceCredit; onDone: () => void }) {
  const { credit } = props;
  const queryClient = useQueryClient();
  const [exclusion, setExclusion] = useState<CreditExclusion | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ exclusion?: string; reason?: string }>({});
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: slaStatementKeys.agreement(props.agreementId) });

  const dispute = useMutation({
    mutationFn: (input: { exclusion: CreditExclusion; reason: string }) =>
      disputeServiceCredit(credit.id, input),
    onSuccess: async () => {
      await refresh();
      notifySuccess(`${capitalise(creditName(credit))} is disputed`);
      props.onDone();
    },
    onError: (failure) => {
      if (failure instanceof ApiError) {
        const fields = failure.fieldErrors;
        setErrors({ exclusion: fields.exclusion, reason: fields.reason });
        // Disputed or closed meanwhile: show the credit as it now stands; what was typed stays here.
        if (failure.code === 'service_credit.dispute_closed' || failure.code === 'service_credit.disputed') {
          void refresh();
        }
      }
      notifyError(failure, 'Could not dispute the credit');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = {
      exclusion: exclusion ? undefined : 'Choose why the credit does not stand',
      reason: reason.trim() ? undefined : 'Say why the credit does not stand',
    };
    setErrors(problems);
    if (!exclusion || problems.reason) return;
    dispute.mutate({ exclusion, reason: reason.trim() });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          <Text span fw={600} className="tabular">
            {money(-credit.amountCents, credit.currency)}
          </Text>{' '}
          — {credit.explanation}
        </Text>
        <Text size="sm" c="dimmed">
          A disputed credit is withdrawn: it no longer counts towards the month's total
          {credit.invoiceId === null ? ' and is not invoiced' : ''}. The client sees the exclusion and your
          reason on the statement.
        </Text>
        <Select
          label="Exclusion"
          description="Why the breach was not yours to answer for."
          placeholder="Choose an exclusion"
          data={exclusionOptions}
          allowDeselect={false}
          data-autofocus
          value={exclusion}
          error={errors.exclusion}
          onChange={(value) => {
            setExclusion(value as CreditExclusion | null);
            setErrors((current) => ({ ...current, exclusion: undefined }));
          }}
        />
        <Textarea
          label="Reason"
          description="The client reads this on the statement, next to the credit: what happened, and what shows it."
          autosize
          minRows={4}
          maxRows={12}
          maxLength={MAX_LENGTH}
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setErrors((current) => ({ ...current, reason: undefined }));
          }}
        />
        <CountedFormFooter
          length={reason.length}
          max={MAX_LENGTH}
          onCancel={props.onDone}
          submitLabel="Dispute credit"
          isSubmitting={dispute.isPending}
        />
      </Stack>
    </form>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
