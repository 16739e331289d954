// Asking why, in the same click, before a change request is rejected, cancelled or withdrawn: the reason, a
// way back, and the button that does it.
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';

export function ReasonForm(props: {
  /** Above the field, e.g. what withdrawing means. */
  children?: ReactNode;
  /** Said beside the field when it is left empty. */
  missingMessage: string;
  submitLabel: string;
  submitColor?: string;
  maxLength?: number;
  isBusy: boolean;
  onCancel: () => void;
  /** Gets the trimmed reason, and a way to show beside the field what the server says is wrong with it. */
  onSubmit: (reason: string, showError: (message: string | null) => void) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError(props.missingMessage);
    props.onSubmit(reason.trim(), setError);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {props.children}
        <Textarea
          label="Reason"
          required
          data-autofocus
          autosize
          minRows={3}
          maxLength={props.maxLength}
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onCancel}>
            Back
          </Button>
          <Button type="submit" color={props.submitColor} loading={props.isBusy}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
