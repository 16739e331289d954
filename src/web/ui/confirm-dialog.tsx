// Asks before a destructive action, naming exactly what will happen.
import { Button, Group, Modal, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';

export function ConfirmDialog(props: {
  opened: boolean;
  onClose: () => void;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Rejects when the action failed; the caller reports it and the dialog stays open for a retry. */
  onConfirm: () => Promise<unknown>;
}) {
  const [isBusy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    try {
      await props.onConfirm();
      props.onClose();
    } catch {
      // Reported by the caller's mutation; keep the dialog open.
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="sm">
      <Text size="sm">{props.message}</Text>
      <Group justify="flex-end" mt="lg" gap="xs">
        <Button variant="default" onClick={props.onClose}>
          Cancel
        </Button>
        <Button color="red" loading={isBusy} onClick={confirm}>
          {props.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
