// A one-time link just made for someone outside Accord (a client, a vendor): shown once in a modal, to copy,
// with who it is for and what it lets them do until it expires.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { OneTimeLink } from '../../shared/api/common.ts';
import { CopyField } from './copy-field.tsx';
import { browserTimeZone, formatDateTime } from './format.ts';

export function LinkShownOnceModal(props: {
  link: OneTimeLink | null;
  title: string;
  /** The copy field's label, "Approval link". */
  label: string;
  /** What the link lets its holder do, given its expiry as text: "Send it to … until Mon 2 Mar 2026, 09:00 UTC." */
  children: (expires: string) => ReactNode;
  onClose: () => void;
}) {
  const { link } = props;
  return (
    <Modal
      opened={link !== null}
      onClose={props.onClose}
      title={props.title}
      size="lg"
      // The link is shown once: a stray click outside must not throw it away.
      closeOnClickOutside={false}
    >
      {link && (
        <Stack gap="sm">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} title="Copy it now">
            You will not see this link again: Accord keeps only a fingerprint of it. If it is lost, make
            another.
          </Alert>
          <Text size="sm">{props.children(formatDateTime(link.expiresAt, browserTimeZone(), true))}</Text>
          <CopyField label={props.label} value={link.url} />
          <Group justify="flex-end" mt="xs">
            <Button onClick={props.onClose}>I have copied it</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
