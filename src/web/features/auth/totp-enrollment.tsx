// Setting up an authenticator app: scan (or type) the secret, confirm with a code from it, then keep the
// recovery codes. Used by the sign-in step an organization can require and by Account → Security.
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import { CodeInput, isSixDigitCode } from './code-input.tsx';
import { confirmTotp, mfaKeys, totpSetupQuery } from './mfa-api.ts';
import { RecoveryCodes } from './recovery-codes.tsx';
import { type SessionData, sessionKey } from './session.ts';

/** "JBSW Y3DP EHPK 3PXP", four groups a line: easier to read off one screen and type into another. */
export function groupedSecret(secret: string): string {
  const groups = secret.match(/.{1,4}/g) ?? [secret];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 4) lines.push(groups.slice(i, i + 4).join(' '));
  return lines.join('\n');
}

function Step(props: { number: number; title: string; children: ReactNode }) {
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <Box
        w={24}
        h={24}
        fz="xs"
        fw={700}
        style={{
          flex: 'none',
          borderRadius: '50%',
          display: 'grid',
          placeItems: 'center',
          background: 'var(--mantine-primary-color-light)',
          color: 'var(--mantine-primary-color-light-color)',
        }}
        aria-hidden
      >
        {props.number}
      </Box>
      <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={600}>
          {props.title}
        </Text>
        {props.children}
      </Stack>
    </Group>
  );
}

export function TotpEnrollment(props: {
  email: string;
  /** After the recovery codes are saved, with the session the confirmation answered. */
  onDone: (session: SessionData) => void;
  /** When the code was accepted (two-factor sign-in is on) and the recovery codes are on screen. */
  onConfirmed?: () => void;
  onCancel?: () => void;
}) {
  const queryClient = useQueryClient();
  const setup = useQuery(totpSetupQuery);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();

  const confirm = useMutation({
    mutationFn: () => confirmTotp(code.trim()),
    onSuccess: (confirmed) => {
      // The cookie was rotated: the cached session must carry the new CSRF token.
      queryClient.setQueryData(sessionKey, confirmed.session);
      void queryClient.invalidateQueries({ queryKey: mfaKeys.status });
      props.onConfirmed?.();
    },
    onError: (failure) => {
      if (failure instanceof ApiError && failure.code === 'mfa.invalid_code') {
        setError('That code did not match. Codes change every 30 seconds: enter the one showing now.');
      } else if (failure instanceof ApiError && failure.code === 'mfa.not_set_up') {
        notifyError(failure, 'The setup expired; scan the new code');
        setCode('');
        void setup.refetch();
      } else {
        notifyError(failure, 'Could not turn on two-factor sign-in');
      }
    },
  });

  if (confirm.data) {
    const { session, recoveryCodes } = confirm.data;
    return (
      <Stack gap="sm">
        <Alert color="teal" variant="light" icon={<IconCheck size={16} />} title="Two-factor sign-in is on">
          From now on you will enter a code from your authenticator app when you sign in.
        </Alert>
        <RecoveryCodes codes={recoveryCodes} email={props.email} onSaved={() => props.onDone(session)} />
      </Stack>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isSixDigitCode(code)) return setError('Enter the 6-digit code from your authenticator app');
    confirm.mutate();
  }

  return (
    <Stack gap="lg">
      <Step number={1} title="Scan this QR code with your authenticator app">
        <Text size="xs" c="dimmed">
          Any TOTP app works: Microsoft Authenticator, Google Authenticator, 1Password, Bitwarden, Authy.
        </Text>
        {setup.isPending ? (
          <Skeleton w={176} h={176} aria-label="Loading the QR code" />
        ) : setup.isError ? (
          <Alert color="red" variant="light" title="Could not start the setup">
            {setup.error.message} {setup.error instanceof ApiError && <Code fz="xs">{setup.error.code}</Code>}
          </Alert>
        ) : (
          <Box
            p={8}
            w={176}
            bg="white"
            style={{ borderRadius: 8, border: '1px solid var(--mantine-color-default-border)' }}
          >
            <Image
              src={setup.data.qrCode}
              alt={`QR code for ${props.email}: scan it with your authenticator app`}
              w={160}
              h={160}
            />
          </Box>
        )}
      </Step>
      <Step number={2} title="Or type this setup key">
        {setup.data ? (
          <Group gap="xs" wrap="nowrap">
            <Code
              aria-label="Setup key"
              fz="sm"
              py={6}
              px={10}
              style={{ letterSpacing: '0.08em', whiteSpace: 'pre', lineHeight: 1.6 }}
            >
              {groupedSecret(setup.data.secret)}
            </Code>
            <CopyButton value={setup.data.secret}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy setup key'}>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={copied ? 'Copied' : 'Copy setup key'}
                    onClick={copy}
                  >
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        ) : (
          <Skeleton h={30} w={260} />
        )}
        <Text size="xs" c="dimmed">
          Choose “time-based” if the app asks. Spaces do not matter.
        </Text>
      </Step>
      <Step number={3} title="Enter the code the app shows">
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <CodeInput
              value={code}
              error={error}
              disabled={!setup.data}
              onChange={(value) => {
                setCode(value);
                setError(undefined);
              }}
              w={170}
            />
            <Button type="submit" loading={confirm.isPending} disabled={!setup.data} mt={25}>
              Turn on
            </Button>
          </Group>
        </form>
      </Step>
      {props.onCancel && (
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
        </Group>
      )}
    </Stack>
  );
}
