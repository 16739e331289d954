// The form for the MSP's explanation of one missed target, which the client reads on the statement. A
// refused save (e.g. the month was closed meanwhile) keeps the text and shows the API's message and code.
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { CountedFormFooter } from './counted-form-footer.tsx';
import { type Breach, saveExplanation, slaStatementKeys } from './sla-statements-api.ts';
import { clockLabels } from './statement-format.ts';

const MAX_LENGTH = 4000;

export function ExplanationModal(props: { agreementId: string; breach: Breach | null; onClose: () => void }) {
  const { breach } = props;
  const title = breach
    ? `Explain the missed ${clockLabels[breach.clock].toLowerCase()} of #${breach.ticketNumber}`
    : '';
  return (
    <Modal opened={breach !== null} onClose={props.onClose} title={title} size="lg">
      {/* Keyed by the breach, so each opens with its own saved text. */}
      {breach && (
        <ExplanationForm
          key={`${breach.ticketId}/${breach.clock}`}
          agreementId={props.agreementId}
          breach={breach}
          onDone={props.onClose}
        />
      )}
    </Modal>
  );
}

function ExplanationForm(props: { agreementId: string; breach: Breach; onDone: () => void }) {
  const { breach } = props;
  const queryClient = useQueryClient();
  const [text, setText] = useState(breach.explanation?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: string) => saveExplanation(breach.ticketId, breach.clock, value),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: slaStatementKeys.agreement(props.agreementId) });
      notifySuccess(`Explanation of #${breach.ticketNumber} saved`);
      props.onDone();
    },
    onError: (failure) => {
      if (failure instanceof ApiError) setError(failure.fieldErrors.text ?? null);
      notifyError(failure, 'Could not save the explanation');
      // Closed meanwhile (here or elsewhere): show the statement as it now stands; the text stays here.
      if (failure instanceof ApiError && failure.code === 'sla_statement.closed') {
        void queryClient.invalidateQueries({ queryKey: slaStatementKeys.agreement(props.agreementId) });
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setError('Say what happened');
      return;
    }
    save.mutate(text.trim());
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          #{breach.ticketNumber} {breach.ticketTitle}
        </Text>
        <Textarea
          label="Explanation"
          description="The client reads this on the statement, next to the breach: what happened and what you are doing about it."
          autosize
          minRows={4}
          maxRows={12}
          maxLength={MAX_LENGTH}
          data-autofocus
          value={text}
          error={error}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(null);
          }}
        />
        <CountedFormFooter
          length={text.length}
          max={MAX_LENGTH}
          onCancel={props.onDone}
          submitLabel="Save explanation"
          isSubmitting={save.isPending}
        />
      </Stack>
    </form>
  );
}
