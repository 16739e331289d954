// Toasts: API errors show their message and code (UI.md), successes are brief.
import { Code, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';

/** `details` is shown under the message (e.g. which items refused); `autoClose` is in ms. */
export function notifyError(
  error: unknown,
  title = 'That did not work',
  options: { details?: ReactNode; autoClose?: number } = {},
) {
  const apiError = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  const text = (
    <Text size="sm" component="span">
      {message}
      {apiError && (
        <>
          {' '}
          <Code fz="xs">{apiError.code}</Code>
        </>
      )}
    </Text>
  );
  notifications.show({
    color: 'red',
    title,
    icon: <IconAlertTriangle size={16} />,
    autoClose: options.autoClose ?? 8000,
    message:
      options.details === undefined ? (
        text
      ) : (
        <Stack gap={4}>
          {text}
          {options.details}
        </Stack>
      ),
  });
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, icon: <IconCheck size={16} />, autoClose: 3000 });
}
