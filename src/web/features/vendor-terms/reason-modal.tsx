// Asks for the reason before an action that must give one (revoking a letter, withdrawing a notice),
// saying what will happen; keeps the reason typed if the action fails.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';

export function ReasonModal(props: {
  opened: boolean;
  onClose: () => void;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Rejects when the action failed; the caller reports it and the dialog stays open for a retry. */
  onConfirm: (reason: string) => Promise<unknown>;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      {props.opened && <ReasonForm {...props} />}
    </Modal>
  );
}

function ReasonForm(props: Parameters<typeof ReasonModal>[0]) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [isBusy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError('Give a reason');
    setBusy(true);
    try {
      await props.onConfirm(reason.trim());
      props.onClose();
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure.fieldErrors.reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{props.message}</Text>
        <Textarea
          label="Reason"
          required
          data-autofocus
          autosize
          minRows={2}
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(undefined);
          }}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={isBusy}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
