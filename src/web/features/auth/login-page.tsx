// Sign-in with email and password; goes on to the organization picker when the person belongs to several.
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { type SessionData, sessionKey } from './session.ts';

const route = getRouteApi('/login');

/** Only same-origin paths, so a crafted link cannot send someone elsewhere after sign-in. */
function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') ? target : '/';
}

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
      if (!session.membership) await navigate({ to: '/select-organization' });
      else await navigate({ href: safeRedirect(redirect) });
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
    </PublicFrame>
  );
}
