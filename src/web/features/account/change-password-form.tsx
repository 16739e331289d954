// Change your password: the current one, the new one twice. Every other session of yours ends; this one stays.
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import { changePassword } from '../auth/mfa-api.ts';
import { sessionKey } from '../auth/session.ts';

const MIN_LENGTH = 12;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

const empty: Values = { currentPassword: '', newPassword: '', confirmation: '' };

export function ChangePasswordForm() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [isChanged, setChanged] = useState(false);

  const change = useMutation({
    mutationFn: () =>
      changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: (session) => {
      // The cookie was rotated: the cached session must carry the new CSRF token.
      queryClient.setQueryData(sessionKey, session);
      void queryClient.invalidateQueries({ queryKey: ['auth', 'sessions'] });
      setValues(empty);
      setChanged(true);
    },
    onError: (failure) => {
      if (failure instanceof ApiError && failure.code === 'auth.wrong_password') {
        setErrors({ currentPassword: 'That is not your current password' });
        return;
      }
      if (failure instanceof ApiError) setErrors(failure.fieldErrors);
      notifyError(failure, 'Could not change the password');
    },
  });

  function field(key: keyof Values) {
    return {
      value: values[key],
      error: errors[key],
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const value = event.currentTarget.value;
        setValues((current) => ({ ...current, [key]: value }));
        setErrors(({ [key]: _, ...rest }) => rest);
        setChanged(false);
      },
    };
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: typeof errors = {};
    if (!values.currentPassword) problems.currentPassword = 'Enter your current password';
    if (values.newPassword.length < MIN_LENGTH)
      problems.newPassword = `Use at least ${MIN_LENGTH} characters`;
    else if (values.newPassword === values.currentPassword)
      problems.newPassword = 'Choose a password different from the current one';
    if (values.confirmation !== values.newPassword) problems.confirmation = 'The two new passwords differ';
    setErrors(problems);
    if (Object.keys(problems).length === 0) change.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {isChanged && (
          <Alert color="teal" variant="light" icon={<IconCheck size={16} />} title="Password changed">
            Every other browser and device signed in as you was signed out. This one stays signed in.
          </Alert>
        )}
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          {...field('currentPassword')}
        />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_LENGTH} characters. A few unrelated words make a strong one.`}
          autoComplete="new-password"
          required
          {...field('newPassword')}
        />
        <PasswordInput
          label="Confirm new password"
          autoComplete="new-password"
          required
          {...field('confirmation')}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
