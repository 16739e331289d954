// Behind an invitation link, without signing in: who invites whom to which portal (a vendor's, or a client's),
// and a form to set a password; then on to sign in with the email and the new password.
import { Button, Grid, PasswordInput, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { acceptInvitationSchema } from '../../../shared/api/vendor-portal.ts';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { LinkFormHead, useLinkFormErrors } from '../../ui/link-form.tsx';
import { LinkCannotBeUsed, LinkPageFact, LinkPageLoading } from '../../ui/link-page-states.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { acceptInvitation, type PublicInvitation, publicInvitationQuery } from './vendor-users-api.ts';

const route = getRouteApi('/invitation/$token');
const WIDTH = 560;
const MIN_LENGTH = acceptInvitationSchema.shape.password.minLength ?? 12;

export function InvitationPage() {
  const { token } = route.useParams();
  const invitation = useQuery(publicInvitationQuery(token));
  const [isDone, setDone] = useState(false);
  const [isSpent, setSpent] = useState(false);

  if (invitation.isError || isSpent)
    return <LinkCannotBeUsed error={isSpent ? null : invitation.error} width={WIDTH} />;
  if (!invitation.data) return <LinkPageLoading title="Your invitation" width={WIDTH} />;
  const data = invitation.data;
  const words = invitationWords(data);

  if (isDone) {
    return (
      <PublicFrame title="Your password is set" width={WIDTH}>
        <Stack gap="sm" align="flex-start">
          <ThemeIcon size={44} radius="xl" variant="light" color="teal">
            <IconCircleCheck size={26} />
          </ThemeIcon>
          <Text>
            Welcome, {data.name}. Sign in with {data.email} and your new password to reach {words.portal}.
          </Text>
          <ButtonLink to="/login" w={{ base: '100%', sm: 'auto' }}>
            Sign in
          </ButtonLink>
        </Stack>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame
      title={`Join ${words.portal}`}
      description={`${words.invites} Choose a password to finish.`}
      width={WIDTH}
    >
      <Stack gap="lg">
        <Grid gap="xs">
          <LinkPageFact label="Invited by">{data.mspName}</LinkPageFact>
          {data.vendorName && <LinkPageFact label="Vendor">{data.vendorName}</LinkPageFact>}
          {data.clientName && <LinkPageFact label="Company">{data.clientName}</LinkPageFact>}
          <LinkPageFact label="Name">{data.name}</LinkPageFact>
          <LinkPageFact label="Email">{data.email}</LinkPageFact>
        </Grid>
        <PasswordForm
          token={token}
          invitation={data}
          onDone={() => setDone(true)}
          onSpent={() => setSpent(true)}
        />
      </Stack>
    </PublicFrame>
  );
}

/** Which portal the invitation is to, and what the person will do there. */
function invitationWords(data: PublicInvitation): { portal: string; invites: string } {
  if (data.clientName) {
    return {
      portal: `${data.clientName}’s client portal at ${data.mspName}`,
      invites: `${data.mspName} invites you to the client portal of ${data.mspName} for ${data.clientName}: there you raise tickets and follow them with ${data.mspName}.`,
    };
  }
  return {
    portal: data.vendorName ? `${data.vendorName}’s portal at ${data.mspName}` : data.mspName,
    invites: `${data.mspName} invites you to its vendor portal${data.vendorName ? ` for ${data.vendorName}` : ''}: there you see your engagements and the rules you work under, raise change requests and reply about changes.`,
  };
}

function PasswordForm(props: {
  token: string;
  invitation: PublicInvitation;
  onDone: () => void;
  onSpent: () => void;
}) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const form = useLinkFormErrors(props.onSpent);
  const accept = useMutation({
    mutationFn: () => acceptInvitation(props.token, password),
    onSuccess: props.onDone,
    onError: form.onError,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (password.length < MIN_LENGTH) problems.password = `Use at least ${MIN_LENGTH} characters`;
    if (confirmation !== password) problems.confirmation = 'The two passwords differ';
    if (form.check(problems)) accept.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Set your password">
      <Stack gap="sm">
        <LinkFormHead
          title="Set your password"
          refusalTitle="Your password was not set"
          refusal={form.refusal}
        />
        {/* Lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={props.invitation.email} />
        <PasswordInput
          label="Password"
          description={`At least ${MIN_LENGTH} characters; a few unrelated words make a strong one.`}
          required
          autoComplete="new-password"
          value={password}
          error={form.errors.password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            form.clear('password');
          }}
        />
        <PasswordInput
          label="Confirm password"
          required
          autoComplete="new-password"
          value={confirmation}
          error={form.errors.confirmation}
          onChange={(event) => {
            setConfirmation(event.currentTarget.value);
            form.clear('confirmation');
          }}
        />
        <Button
          type="submit"
          loading={accept.isPending}
          w={{ base: '100%', sm: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        >
          Set password
        </Button>
        <Text size="xs" c="dimmed">
          This link can be used once, until{' '}
          {formatDateTime(props.invitation.expiresAt, browserTimeZone(), true)}.
        </Text>
      </Stack>
    </form>
  );
}
