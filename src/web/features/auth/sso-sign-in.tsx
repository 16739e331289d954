// "Sign in with single sign-on" for the sign-in page: asks for the work email, sends the browser to the
// organization's identity provider, and explains a failed attempt it came back from (?sso_error=).
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { SsoErrorCode } from '../../../shared/api/sso.ts';
import { notifyError } from '../../ui/notify.tsx';
import { startSsoSignIn } from '../settings/sso-api.ts';

const ssoErrorMessages: Record<SsoErrorCode, string> = {
  expired:
    'That sign-in took too long, was already used, or was started in another browser. Please try again.',
  denied: 'Sign-in was cancelled or refused at your identity provider.',
  provider:
    'Accord could not verify the answer from your identity provider. Try again; if it keeps happening, ask your administrator to check the single sign-on settings.',
  unverified_email: 'Your identity provider has not verified your email address, so Accord cannot use it.',
  unknown_account:
    'There is no Accord account for you in this organization. Ask your administrator to add you — Accord does not create accounts when you first sign in.',
  already_linked:
    'Your Accord account is already linked to a different account at your identity provider. Ask your administrator.',
  no_membership: 'Your account is deactivated in this organization. Ask your administrator.',
  disabled: 'Single sign-on was turned off for your organization. Sign in with your password.',
  failed: 'Single sign-on did not work. Try again, or sign in with your password.',
};

/** A readable sentence for a /login?sso_error= code; unknown codes get the general one. */
export function ssoErrorMessage(code: string): string {
  return ssoErrorMessages[code as SsoErrorCode] ?? ssoErrorMessages.failed;
}

export function SsoSignIn(props: { defaultEmail?: string }) {
  // Read once: the callback put it there; the router does not know this parameter.
  const [returnedError] = useState(() => new URLSearchParams(window.location.search).get('sso_error'));
  const [isAsking, setAsking] = useState(returnedError !== null);
  const [email, setEmail] = useState(props.defaultEmail ?? '');

  const start = useMutation({
    mutationFn: () => startSsoSignIn(email.trim()),
    // Leaves the app: the provider's page, then back through the callback.
    onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
    onError: (error) => notifyError(error, 'Could not start single sign-on'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    start.mutate();
  }

  return (
    <Stack gap="sm">
      {returnedError && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="Single sign-on did not sign you in"
        >
          {ssoErrorMessage(returnedError)}
        </Alert>
      )}
      {isAsking ? (
        <form onSubmit={submit} aria-label="Single sign-on">
          <Stack gap="sm">
            <TextInput
              label="Work email"
              description="We send you to your organization's sign-in page."
              type="email"
              autoComplete="username"
              required
              autoFocus={returnedError === null}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <Button
              type="submit"
              variant="default"
              leftSection={<IconKey size={16} />}
              loading={start.isPending || start.isSuccess}
              fullWidth
            >
              Continue with single sign-on
            </Button>
          </Stack>
        </form>
      ) : (
        <Button
          variant="default"
          leftSection={<IconKey size={16} />}
          fullWidth
          onClick={() => setAsking(true)}
        >
          Sign in with single sign-on
        </Button>
      )}
    </Stack>
  );
}
