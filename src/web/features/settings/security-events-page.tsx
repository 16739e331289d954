// Settings → Security events: sign-in events that belong to no organization (failed sign-ins, sign-ins
// before choosing one, …) about this organization's people, newest first, with filters kept in the URL.
import { Alert, Badge, Code, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { LoadOlderEvents, LogFilterForm } from './log-filter-form.tsx';
import {
  type SecurityEventsSearch,
  type SecurityLogEntry,
  securityEventsQuery,
  type User,
  usersQuery,
} from './settings-api.ts';

const route = getRouteApi('/app/settings/security-events');

export type { SecurityEventsSearch };

/** The action filter's choices; each is a prefix, as the API reads it. */
const actionChoices = [
  { value: 'auth.login_failed', label: 'Failed sign-ins' },
  { value: 'auth.login', label: 'Sign-ins and failed sign-ins' },
  { value: 'auth.mfa', label: 'Two-factor codes and set-up' },
  { value: 'auth.recovery', label: 'Recovery codes' },
  { value: 'auth.password', label: 'Password changes' },
  { value: 'auth.sso', label: 'Single sign-on' },
  { value: 'auth.logout', label: 'Sign-outs' },
];

const actionLabels: Record<string, string> = {
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in failed',
  'auth.logout': 'Signed out',
  'auth.select_tenant': 'Chose an organization',
  'auth.setup': 'Set up Accord',
  'auth.sso_login': 'Signed in with SSO',
  'auth.password_changed': 'Changed password',
  'auth.password_change_failed': 'Password change failed',
  'auth.mfa_verified': 'Two-factor code accepted',
  'auth.mfa_failed': 'Two-factor code refused',
  'auth.mfa_enabled': 'Turned on two-factor',
  'auth.mfa_disabled': 'Turned off two-factor',
  'auth.recovery_code_used': 'Used a recovery code',
  'auth.recovery_codes_regenerated': 'New recovery codes',
  'auth.invitation_accepted': 'Accepted an invitation',
};

const isFailure = (action: string) => action.endsWith('_failed');

function EventAction(props: { action: string }) {
  const label = actionLabels[props.action];
  return (
    <Group gap={6} wrap="nowrap">
      {isFailure(props.action) ? (
        <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} />}>
          {label ?? props.action}
        </Badge>
      ) : (
        <Text span fz="sm">
          {label ?? props.action}
        </Text>
      )}
      {label && (
        <Code fz="xs" c="dimmed">
          {props.action}
        </Code>
      )}
    </Group>
  );
}

/** Who the event is about: the member, or the address tried when no account had it then. */
function EventPerson(props: {
  event: SecurityLogEntry;
  byIdentity: Map<string, User>;
  byEmail: Map<string, User>;
}) {
  const { event } = props;
  const user =
    (event.identityId && props.byIdentity.get(event.identityId)) ||
    (event.email ? props.byEmail.get(event.email) : undefined);
  return (
    <Stack gap={0}>
      <Text span fz="sm">
        {user?.name ?? event.email ?? event.identityId ?? '—'}
        {user && !user.active && (
          <Text span c="dimmed" fz="xs">
            {' '}
            (deactivated)
          </Text>
        )}
      </Text>
      {event.email && (
        <Text span c="dimmed" fz="xs">
          {event.identityId ? event.email : `${event.email} (no account then)`}
        </Text>
      )}
    </Stack>
  );
}

export function SecurityEventsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [draft, setDraft] = useState<SecurityEventsSearch>(search);
  const users = useQuery(usersQuery);
  const byIdentity = new Map((users.data ?? []).map((user) => [user.identityId, user]));
  const byEmail = new Map((users.data ?? []).map((user) => [user.email.toLowerCase(), user]));
  const events = useInfiniteQuery(securityEventsQuery(search));

  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  const choices = actionChoices.some((choice) => choice.value === draft.action)
    ? actionChoices
    : [...actionChoices, ...(draft.action ? [{ value: draft.action, label: draft.action }] : [])];

  return (
    <Stack gap="md">
      <PageHeader
        title="Security events"
        description="Sign-in events that happen outside any organization — failed sign-ins, sign-ins before choosing an organization — for people in this one. Kept for 365 days."
      />

      <LogFilterForm
        label="Filter the security events"
        draft={draft}
        setDraft={setDraft}
        onApply={(clean) => void navigate({ search: clean })}
      >
        <Select
          label="Event"
          placeholder="Any event"
          clearable
          data={choices}
          value={draft.action ?? null}
          onChange={(value) => setDraft({ ...draft, action: value ?? undefined })}
          w={240}
        />
        <Select
          label="Person"
          placeholder="Anyone"
          clearable
          searchable
          data={(users.data ?? []).map((user) => ({ value: user.identityId, label: user.name }))}
          value={draft.identityId ?? null}
          onChange={(value) => setDraft({ ...draft, identityId: value ?? undefined })}
          w={220}
        />
      </LogFilterForm>

      {events.isError && <Alert color="red">The security events could not be loaded.</Alert>}
      {events.isPending ? (
        <TableSkeleton rows={6} columns={5} />
      ) : (
        <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-label="Security events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When (UTC)</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>Person</Table.Th>
              <Table.Th>IP</Table.Th>
              <Table.Th>Browser or client</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {event.occurredAt.replace('T', ' ').slice(0, 19)}
                </Table.Td>
                <Table.Td>
                  <EventAction action={event.action} />
                </Table.Td>
                <Table.Td>
                  <EventPerson event={event} byIdentity={byIdentity} byEmail={byEmail} />
                </Table.Td>
                <Table.Td>{event.ip ?? '—'}</Table.Td>
                <Table.Td maw={320}>
                  <Text fz="xs" c="dimmed" lineClamp={1} title={event.userAgent ?? undefined}>
                    {event.userAgent ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed">
                    No security events match these filters. Failed sign-ins of your people will show up here.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
      <LoadOlderEvents events={events} />
    </Stack>
  );
}
