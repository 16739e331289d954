// A client's change calendar: a secret iCal feed of its approved windows that the client (or anyone it
// shares the URL with) subscribes to. The URL is shown once, when made or rotated; rotating ends the old one.
import { Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import {
  changeCalendarQuery,
  changeRequestKeys,
  deleteChangeCalendar,
  rotateChangeCalendar,
} from './change-requests-api.ts';

export function ClientChangeCalendar(props: { clientId: string }) {
  const { clientId } = props;
  const can = useCan();
  const queryClient = useQueryClient();
  const status = useQuery(changeCalendarQuery(clientId));
  const [shownUrl, setShownUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: changeRequestKeys.calendar(clientId) });
  const rotate = useMutation({
    mutationFn: () => rotateChangeCalendar(clientId),
    onSuccess: async (created) => {
      setShownUrl(created.url);
      await refresh();
    },
    onError: (error) => notifyError(error, 'Could not make the calendar link'),
  });
  const remove = useMutation({
    mutationFn: () => deleteChangeCalendar(clientId),
    onSuccess: async () => {
      setShownUrl(null);
      await refresh();
      notifySuccess('Calendar link turned off');
    },
    onError: (error) => notifyError(error, 'Could not turn the calendar link off'),
  });
  const canManage = can('changes.approve');
  const active = status.data?.active ?? false;

  return (
    <Paper withBorder p="md" mt="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} fz="h4">
            Change calendar
          </Title>
          <Text size="sm" c="dimmed">
            {active && status.data?.createdAt
              ? `A private calendar link of approved change windows is on (made ${formatDateTime(status.data.createdAt)}).`
              : 'A private calendar link the client can subscribe to, showing approved change windows.'}
          </Text>
        </Stack>
        {canManage && (
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="default"
              loading={rotate.isPending}
              onClick={() => (active ? setConfirming('rotate') : rotate.mutate())}
            >
              {active ? 'Rotate link' : 'Create calendar link'}
            </Button>
            {active && (
              <Button variant="subtle" color="red" onClick={() => setConfirming('delete')}>
                Turn off
              </Button>
            )}
          </Group>
        )}
      </Group>
      {shownUrl && (
        <Alert color="blue" variant="light" mt="sm" title="Copy the link now: it is shown only once">
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label="Calendar URL"
              readOnly
              value={shownUrl}
              flex={1}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={shownUrl}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'filled'}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed" mt={6}>
            Anyone with this link sees the client’s approved windows. Rotate it if it leaks.
          </Text>
        </Alert>
      )}
      <ConfirmDialog
        opened={confirming === 'rotate'}
        onClose={() => setConfirming(null)}
        title="Rotate the calendar link?"
        message="The current link stops working at once; calendars subscribed to it must be given the new one."
        confirmLabel="Rotate"
        onConfirm={() => rotate.mutateAsync()}
      />
      <ConfirmDialog
        opened={confirming === 'delete'}
        onClose={() => setConfirming(null)}
        title="Turn the calendar link off?"
        message="The link stops working at once. You can make a new one later."
        confirmLabel="Turn off"
        onConfirm={() => remove.mutateAsync()}
      />
    </Paper>
  );
}
