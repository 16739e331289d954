// Settings → Audit log: who changed what, newest first, with filters kept in the URL and a chain check.
import { Alert, Button, Code, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { AuditEvent } from '../../../shared/api/audit.ts';
import { notifyError } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { type AuditLogSearch, auditEventsQuery, usersQuery, verifyAuditChain } from './settings-api.ts';

const route = getRouteApi('/app/settings/audit-log');

export type { AuditLogSearch };

function describeChange(event: AuditEvent): string {
  if (event.before && event.after && typeof event.before === 'object' && typeof event.after === 'object') {
    const before = event.before as Record<string, unknown>;
    const after = event.after as Record<string, unknown>;
    const changed = Object.keys(after).filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    );
    return changed
      .slice(0, 3)
      .map((key) => `${key}: ${JSON.stringify(before[key] ?? null)} → ${JSON.stringify(after[key])}`)
      .join('; ');
  }
  if (event.after && !event.before) return 'created';
  if (event.before && !event.after) return 'removed';
  return '';
}

export function AuditLogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [draft, setDraft] = useState<AuditLogSearch>(search);
  const users = useQuery(usersQuery);
  const names = new Map((users.data ?? []).map((user) => [user.id, user.name]));

  const events = useInfiniteQuery(auditEventsQuery(search));
  const verify = useMutation({
    mutationFn: verifyAuditChain,
    onError: (error) => notifyError(error),
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    const clean = Object.fromEntries(
      Object.entries(draft).map(([key, value]) => [key, value?.trim() ? value.trim() : undefined]),
    );
    void navigate({ search: clean });
  }

  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title="Audit log"
        description="Every change made in this organization, sealed into a tamper-evident chain."
        actions={
          <Button variant="default" loading={verify.isPending} onClick={() => verify.mutate()}>
            Verify chain
          </Button>
        }
      />
      {verify.data && (
        <Alert
          color={verify.data.isValid ? 'green' : 'red'}
          title={verify.data.isValid ? 'The chain is intact' : `Broken at event ${verify.data.firstBadSeq}`}
          role="status"
        >
          {verify.data.isValid ? `${verify.data.checked} sealed events checked.` : verify.data.message}
          {verify.data.unsealed > 0 && ` ${verify.data.unsealed} newer events are waiting to be sealed.`}
        </Alert>
      )}

      <form onSubmit={apply} aria-label="Filter the audit log">
        <Group align="end" gap="sm" wrap="wrap">
          <TextInput
            label="Action starts with"
            placeholder="ticket."
            value={draft.action ?? ''}
            onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
            w={160}
          />
          <Select
            label="Actor"
            placeholder="Anyone"
            clearable
            searchable
            data={(users.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
            value={draft.actorId ?? null}
            onChange={(value) => setDraft({ ...draft, actorId: value ?? undefined })}
            w={200}
          />
          <TextInput
            label="Target type"
            placeholder="ticket"
            value={draft.targetType ?? ''}
            onChange={(e) => setDraft({ ...draft, targetType: e.currentTarget.value })}
            w={140}
          />
          <TextInput
            label="Target id"
            value={draft.targetId ?? ''}
            onChange={(e) => setDraft({ ...draft, targetId: e.currentTarget.value })}
            w={200}
          />
          <TextInput
            label="From (UTC day)"
            type="date"
            value={draft.from ?? ''}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
          <TextInput
            label="To (UTC day)"
            type="date"
            value={draft.to ?? ''}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <Button type="submit">Apply</Button>
          <Button
            variant="subtle"
            onClick={() => {
              setDraft({});
              void navigate({ search: {} });
            }}
          >
            Clear
          </Button>
        </Group>
      </form>

      {events.isError && <Alert color="red">The audit log could not be loaded.</Alert>}
      <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-label="Audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When (UTC)</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Target</Table.Th>
            <Table.Th>Change</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>Seq</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {event.occurredAt.replace('T', ' ').slice(0, 19)}
              </Table.Td>
              <Table.Td>
                <Code>{event.action}</Code>
              </Table.Td>
              <Table.Td>
                {(event.actor.membershipId && names.get(event.actor.membershipId)) ??
                  event.actor.membershipId ??
                  '—'}
                {event.actor.apiTokenId && (
                  <Text span c="dimmed" fz="xs">
                    {' '}
                    (API token)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {event.target.type}
                {event.target.id && (
                  <Text span c="dimmed" fz="xs">
                    {' '}
                    {event.target.id}
                  </Text>
                )}
              </Table.Td>
              <Table.Td maw={360} style={{ overflowWrap: 'anywhere' }}>
                {describeChange(event)}
              </Table.Td>
              <Table.Td>{event.ip ?? '—'}</Table.Td>
              <Table.Td>
                {event.sealSeq ?? (
                  <Text span c="dimmed">
                    pending
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {rows.length === 0 && !events.isPending && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed">No events match these filters.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {events.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={events.isFetchingNextPage}
            onClick={() => events.fetchNextPage()}
          >
            Load older events
          </Button>
        </Group>
      )}
    </Stack>
  );
}
