// First run: create the organization and its owner; the owner is signed in straight away.
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import type { SetupInput } from '../../../shared/api/identity.ts';
import { ApiError, api } from '../../api/client.ts';
import { notifyError } from '../../ui/notify.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { signInDestination } from '../auth/mfa-api.ts';
import { type SessionData, sessionKey, setupStatusQuery } from '../auth/session.ts';

export function SetupPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<SetupInput>({
    organizationName: '',
    name: '',
    email: '',
    password: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const setup = useMutation({
    mutationFn: (input: SetupInput) => api<SessionData>('/setup', { method: 'POST', body: input }),
    onSuccess: async (session) => {
      queryClient.setQueryData(sessionKey, session);
      queryClient.setQueryData(setupStatusQuery.queryKey, false);
      // New organizations require two-factor sign-in for staff, so this is usually the enrolment step.
      await navigate({ href: signInDestination(session) });
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Setup failed');
    },
  });

  function field(key: keyof SetupInput) {
    return {
      value: values[key],
      error: errors[key],
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        // Read now: React clears currentTarget once the handler returns, before the updater runs.
        const value = event.currentTarget.value;
        setValues((current) => ({ ...current, [key]: value }));
        setErrors(({ [key]: _, ...rest }) => rest);
      },
    };
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.organizationName.trim()) problems.organizationName = 'Name your organization';
    if (!values.name.trim()) problems.name = 'Enter your name';
    if (!values.email.includes('@')) problems.email = 'Enter an email address';
    if (values.password.length < 12) problems.password = 'Use at least 12 characters';
    setErrors(problems);
    if (Object.keys(problems).length === 0) setup.mutate(values);
  }

  return (
    <PublicFrame
      title="Set up Accord"
      description="Create your organization and its first owner account. You can invite your team afterwards."
      width={440}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Organization name"
            placeholder="Northwind IT"
            autoFocus
            required
            {...field('organizationName')}
          />
          <TextInput label="Your name" autoComplete="name" required {...field('name')} />
          <TextInput label="Email" type="email" autoComplete="email" required {...field('email')} />
          <PasswordInput
            label="Password"
            description="At least 12 characters"
            autoComplete="new-password"
            required
            {...field('password')}
          />
          <Button type="submit" loading={setup.isPending} mt="xs" fullWidth>
            Create organization
          </Button>
        </Stack>
      </form>
    </PublicFrame>
  );
}
