// Sign-in with email and password (then the second factor, when one is owed) or single sign-on; goes on to the
// organization picker when the person belongs to several.
import { Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { signInDestination } from './mfa-api.ts';
import { type SessionData, sessionKey } from './session.ts';
import { SsoSignIn } from './sso-sign-in.tsx';

const route = getRouteApi('/login');

export function LoginPage() {
  const { redirect } = route.useSearch();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => api<SessionData>('/auth/login', { method: 'POST', body: { email, password } }),
    onSuccess: async (session) => {
      queryClient.setQueryData(sessionKey, session);
      // On to the second factor when one is owed, else the organization picker or the page wanted.
      await navigate({ href: signInDestination(session, redirect) });
    },
    onError: (error) => notifyError(error, 'Could not sign in'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate();
  }

  return (
    <PublicFrame title="Sign in" description="Welcome back. Sign in to your Accord workspace.">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={login.isPending} mt="xs" fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
      <Divider label="or" labelPosition="center" my="md" />
      <SsoSignIn />
    </PublicFrame>
  );
}
