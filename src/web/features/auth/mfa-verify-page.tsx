// The second sign-in step for people with an authenticator: the current 6-digit code, or a recovery code.
import { Alert, Anchor, Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { CodeInput, isSixDigitCode } from './code-input.tsx';
import { signInDestination, verifyMfa } from './mfa-api.ts';
import { sessionKey, sessionQuery } from './session.ts';
import { SignOutLink } from './sign-out-link.tsx';

const route = getRouteApi('/login/verify');

type Mode = 'code' | 'recovery';

export function MfaVerifyPage() {
  const { redirect } = route.useSearch();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('code');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [throttled, setThrottled] = useState<ApiError | null>(null);

  const verify = useMutation({
    mutationFn: () =>
      verifyMfa(mode === 'code' ? { code: code.trim() } : { recoveryCode: recoveryCode.trim() }),
    onSuccess: async (next) => {
      // The cookie was rotated: the cached session must carry the new CSRF token.
      queryClient.setQueryData(sessionKey, next);
      if (mode === 'recovery') {
        notifySuccess('Recovery code used; it will not work again. Get new codes in Account → Security.');
      }
      await navigate({ href: signInDestination(next, redirect) });
    },
    onError: (failure) => {
      if (failure instanceof ApiError && failure.code === 'mfa.invalid_code') {
        setError(
          mode === 'code'
            ? 'That code did not match. Codes change every 30 seconds: enter the one showing now.'
            : 'That recovery code is not valid, or it was used already.',
        );
      } else if (failure instanceof ApiError && failure.status === 429) {
        setThrottled(failure);
      } else {
        notifyError(failure, 'Could not check the code');
      }
    },
  });

  function switchMode(next: Mode) {
    setMode(next);
    setError(undefined);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setThrottled(null);
    if (mode === 'code' && !isSixDigitCode(code))
      return setError('Enter the 6-digit code from your authenticator app');
    if (mode === 'recovery' && !recoveryCode.trim()) return setError('Enter one of your recovery codes');
    verify.mutate();
  }

  return (
    <PublicFrame
      title="Two-factor sign-in"
      description={
        mode === 'code'
          ? `Open your authenticator app and enter the code it shows for Accord (${session?.identity.email ?? ''}).`
          : 'Lost your phone? Enter one of the recovery codes you saved when you set up two-factor sign-in. Each works once.'
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {throttled && (
            <Alert color="red" variant="light" icon={<IconClockPause size={16} />} title="Too many attempts">
              {throttled.message} <Code fz="xs">{throttled.code}</Code>
            </Alert>
          )}
          {mode === 'code' ? (
            <CodeInput
              key="code"
              label="Authentication code"
              autoFocus
              value={code}
              error={error}
              onChange={(value) => {
                setCode(value);
                setError(undefined);
              }}
            />
          ) : (
            <TextInput
              key="recovery"
              label="Recovery code"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              value={recoveryCode}
              error={error}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              onChange={(event) => {
                setRecoveryCode(event.currentTarget.value);
                setError(undefined);
              }}
            />
          )}
          <Button type="submit" loading={verify.isPending} mt="xs" fullWidth>
            Verify
          </Button>
          <Group justify="space-between" mt={4}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => switchMode(mode === 'code' ? 'recovery' : 'code')}
            >
              {mode === 'code' ? 'Use a recovery code instead' : 'Use the authenticator app instead'}
            </Anchor>
            <SignOutLink />
          </Group>
          {mode === 'recovery' && (
            <Text size="xs" c="dimmed">
              No codes either? An administrator of your organization can reset your two-factor sign-in.
            </Text>
          )}
        </Stack>
      </form>
    </PublicFrame>
  );
}
