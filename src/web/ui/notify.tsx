// Toasts: API errors show their message and code (UI.md), successes are brief.
import { Code, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { ApiError } from '../api/client.ts';

export function notifyError(error: unknown, title = 'That did not work') {
  const apiError = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  notifications.show({
    color: 'red',
    title,
    icon: <IconAlertTriangle size={16} />,
    autoClose: 8000,
    message: (
      <Text size="sm" component="span">
        {message}
        {apiError && (
          <>
            {' '}
            <Code fz="xs">{apiError.code}</Code>
          </>
        )}
      </Text>
    ),
  });
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, icon: <IconCheck size={16} />, autoClose: 3000 });
}
