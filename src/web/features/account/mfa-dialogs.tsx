// The forms behind Account → Security's two-factor actions: new recovery codes (proved with a current code)
// and turning two-factor sign-in off (proved with the password).
import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { CodeInput, isSixDigitCode } from '../auth/code-input.tsx';
import { disableMfa, mfaKeys, regenerateRecoveryCodes } from '../auth/mfa-api.ts';
import { RecoveryCodes } from '../auth/recovery-codes.tsx';

export function NewRecoveryCodesForm(props: { email: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const regenerate = useMutation({
    mutationFn: () => regenerateRecoveryCodes(code.trim()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaKeys.status }),
    onError: (failure) => {
      if (failure instanceof ApiError && failure.code === 'mfa.invalid_code') {
        setError('That code did not match. Enter the one your app shows now.');
      } else {
        notifyError(failure, 'Could not make new recovery codes');
      }
    },
  });

  if (regenerate.data) {
    return (
      <RecoveryCodes codes={regenerate.data.recoveryCodes} email={props.email} onSaved={props.onClose} />
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isSixDigitCode(code)) return setError('Enter the 6-digit code from your authenticator app');
    regenerate.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          You get a new set of codes, and every code you saved before stops working. Enter a code from your
          authenticator app to continue.
        </Text>
        <CodeInput
          label="Authentication code"
          data-autofocus
          value={code}
          error={error}
          onChange={(value) => {
            setCode(value);
            setError(undefined);
          }}
          w={200}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={regenerate.isPending}>
            Make new codes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TurnOffMfaForm(props: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const turnOff = useMutation({
    mutationFn: () => disableMfa(password),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: mfaKeys.status });
      notifySuccess('Two-factor sign-in is off');
      props.onClose();
    },
    onError: (failure) => {
      if (failure instanceof ApiError && failure.code === 'auth.wrong_password') {
        setError('That is not your password');
      } else {
        notifyError(failure, 'Could not turn off two-factor sign-in');
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return setError('Enter your password');
    turnOff.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="orange" variant="light">
          Anyone with your password will be able to sign in as you. Your authenticator and recovery codes stop
          working.
        </Alert>
        <PasswordInput
          label="Your password"
          autoComplete="current-password"
          data-autofocus
          value={password}
          error={error}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setError(undefined);
          }}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={turnOff.isPending}>
            Turn off
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
