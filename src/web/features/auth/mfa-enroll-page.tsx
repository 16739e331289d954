// The sign-in step for people whose organization requires two-factor sign-in and who have not set it up.
import { Stack, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { signInDestination } from './mfa-api.ts';
import { sessionQuery } from './session.ts';
import { SignOutLink } from './sign-out-link.tsx';
import { TotpEnrollment } from './totp-enrollment.tsx';

const route = getRouteApi('/login/enroll');

export function MfaEnrollPage() {
  const { redirect } = route.useSearch();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const navigate = useNavigate();
  const [isConfirmed, setConfirmed] = useState(false);
  // The organization is not chosen while the step is pending; with one membership its name is known.
  const organization =
    session?.memberships.length === 1 ? session.memberships[0]?.tenantName : 'Your organization';

  return (
    <PublicFrame
      title="Set up two-factor sign-in"
      width={480}
      description={
        <>
          {organization} requires a second step at sign-in for its staff: a code from an app on your phone, so
          a stolen password alone cannot open client data. It takes about a minute.
        </>
      }
    >
      <Stack gap="lg">
        <TotpEnrollment
          email={session?.identity.email ?? ''}
          onConfirmed={() => setConfirmed(true)}
          onDone={(next) => void navigate({ href: signInDestination(next, redirect) })}
        />
        {!isConfirmed && (
          <Text size="sm" c="dimmed" ta="center">
            Not now? <SignOutLink />
          </Text>
        )}
      </Stack>
    </PublicFrame>
  );
}
