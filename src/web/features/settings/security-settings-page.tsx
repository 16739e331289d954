// Settings → Security: whether the organization requires two-factor sign-in, for staff and for portal users.
import { Alert, Button, Group, List, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import {
  mfaKeys,
  mfaStatusQuery,
  type SecuritySettings,
  securitySettingsQuery,
  updateSecuritySettings,
} from '../auth/mfa-api.ts';
import { useCan, useSession } from '../auth/session.ts';
import { usersQuery } from './settings-api.ts';

export function SecuritySettingsPage() {
  const queryClient = useQueryClient();
  const settings = useQuery(securitySettingsQuery);
  const [draft, setDraft] = useState<Partial<SecuritySettings>>({});

  const save = useMutation({
    mutationFn: () => updateSecuritySettings(draft),
    onSuccess: (saved) => {
      queryClient.setQueryData(mfaKeys.securitySettings, saved);
      void queryClient.invalidateQueries({ queryKey: mfaKeys.status });
      setDraft({});
      notifySuccess('Security settings saved');
    },
    onError: (error) => notifyError(error, 'Could not save the security settings'),
  });

  const header = (
    <PageHeader
      title="Security"
      description="Sign-in rules for everyone in this organization. Each person sets up their own authenticator."
    />
  );
  if (!settings.isSuccess)
    return (
      <>
        {header}
        <QueryState query={settings} height={200} />
      </>
    );

  const value = { ...settings.data, ...draft };
  const isDirty = Object.entries(draft).some(
    ([key, next]) => settings.data[key as keyof SecuritySettings] !== next,
  );
  const isTurningOnStaff = value.mfaRequiredForStaff && !settings.data.mfaRequiredForStaff;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <>
      {header}
      <Paper withBorder p="md" maw={760} component="section" aria-label="Two-factor sign-in">
        <form onSubmit={submit}>
          <Stack gap="lg">
            <Switch
              label="Require two-factor sign-in for staff"
              description="Everyone on your team enters a code from an authenticator app after their password. Recommended: staff accounts can reach every client's data."
              checked={value.mfaRequiredForStaff}
              onChange={(event) =>
                setDraft((d) => ({ ...d, mfaRequiredForStaff: event.currentTarget.checked }))
              }
            />
            {isTurningOnStaff && <StaffWarning />}
            {!value.mfaRequiredForStaff && settings.data.mfaRequiredForStaff && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />}>
                Staff will be able to sign in with a password alone. People who already set up an
                authenticator keep using it.
              </Alert>
            )}
            <Switch
              label="Require two-factor sign-in for portal users"
              description="Your clients' and vendors' people set up an authenticator the next time they sign in to their portal."
              checked={value.mfaRequiredForClientUsers}
              onChange={(event) =>
                setDraft((d) => ({ ...d, mfaRequiredForClientUsers: event.currentTarget.checked }))
              }
            />
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!isDirty}>
                Save security settings
              </Button>
              {isDirty && (
                <Button variant="subtle" color="gray" onClick={() => setDraft({})}>
                  Discard changes
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}

/** Who will be stopped at their next request, so turning the rule on is never a surprise. */
function StaffWarning() {
  const can = useCan();
  const session = useSession();
  // Fetched afresh: a list cached by another page may predate a member added since.
  const users = useQuery({ ...usersQuery, staleTime: 0, enabled: can('users.read') });
  const ownStatus = useQuery(mfaStatusQuery);
  const without = (users.data ?? []).filter((user) => user.active && !user.mfaEnabled);
  const includesYou = ownStatus.data ? !ownStatus.data.totpEnabled : false;

  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />} title="When you save">
      <Text size="sm">
        Members without an authenticator will be asked to set one up on their next request, and cannot work
        until they have.
        {includesYou && ' That includes you.'}
      </Text>
      {users.data && without.length > 0 && (
        <>
          <Text size="sm" mt="xs">
            {without.length === 1 ? '1 active member has' : `${without.length} active members have`} none yet:
          </Text>
          <List size="sm" mt={4}>
            {without.slice(0, 8).map((user) => (
              <List.Item key={user.id}>
                {user.name}
                {user.identityId === session.identity.id && ' (you)'}
              </List.Item>
            ))}
            {without.length > 8 && <List.Item>and {without.length - 8} more</List.Item>}
          </List>
        </>
      )}
    </Alert>
  );
}
