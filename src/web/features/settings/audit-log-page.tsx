// Settings → Audit log: who changed what, newest first, with filters kept in the URL and a chain check.
// A row opens to show the fields the event changed, before and after.
import {
  ActionIcon,
  Alert,
  Button,
  Code,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import type { AuditEvent } from '../../../shared/api/audit.ts';
import { notifyError } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { changedFields } from './audit-diff.ts';
import { LoadOlderEvents, LogFilterForm } from './log-filter-form.tsx';
import { type AuditLogSearch, auditEventsQuery, usersQuery, verifyAuditChain } from './settings-api.ts';

const route = getRouteApi('/app/settings/audit-log');

export type { AuditLogSearch };

const COLUMNS = 8;

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** One line for the table: a single change with its values, else the fields; the row's details show all. */
function describeChange(event: AuditEvent): string {
  if (event.after && !event.before) return 'created';
  if (event.before && !event.after) return 'removed';
  const changes = changedFields(event.before, event.after);
  const [only] = changes;
  if (changes.length === 1 && only) return `${only.field}: ${clip(only.before)} → ${clip(only.after)}`;
  const names = changes.slice(0, 4).map((change) => change.field);
  if (changes.length > 4) names.push(`${changes.length - 4} more`);
  return names.join(', ');
}

/** Plain words for actions whose code alone reads poorly; others show their code only. */
const actionLabels: Record<string, string> = {
  'agent.enrolled': 'Agent enrolled',
  'agent.revoke': 'Agent revoked',
  'enrollment_token.create': 'Enrollment token created',
  'enrollment_token.revoke': 'Enrollment token revoked',
  'ticket.assets': 'Ticket assets changed',
};

const hasSnapshots = (event: AuditEvent) => event.before !== null || event.after !== null;

/** The changed fields as field | before | after, and where the change came from. */
function EventChanges(props: { event: AuditEvent }) {
  const { event } = props;
  const changes = changedFields(event.before, event.after);
  const cell = { overflowWrap: 'anywhere', fontFamily: 'var(--mantine-font-family-monospace)' } as const;
  return (
    <Stack gap={6} py={6} pl={36} pr="sm">
      {changes.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No field changed.
        </Text>
      ) : (
        <Table
          withTableBorder
          withColumnBorders
          layout="fixed"
          fz="xs"
          verticalSpacing={3}
          aria-label={`Fields changed by ${event.action}`}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.field}>
                <Table.Td>
                  <Code>{change.field}</Code>
                </Table.Td>
                <Table.Td
                  style={cell}
                  bg={change.before === '—' ? undefined : 'var(--mantine-color-red-light)'}
                >
                  {change.before}
                </Table.Td>
                <Table.Td
                  style={cell}
                  bg={change.after === '—' ? undefined : 'var(--mantine-color-green-light)'}
                >
                  {change.after}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        Request {event.requestId ?? '—'}
        {event.userAgent && ` · ${event.userAgent}`}
      </Text>
    </Stack>
  );
}

export function AuditLogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [draft, setDraft] = useState<AuditLogSearch>(search);
  const users = useQuery(usersQuery);
  const names = new Map((users.data ?? []).map((user) => [user.id, user.name]));

  const events = useInfiniteQuery(auditEventsQuery(search));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const verify = useMutation({
    mutationFn: verifyAuditChain,
    onError: (error) => notifyError(error),
  });

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

      <LogFilterForm
        label="Filter the audit log"
        draft={draft}
        setDraft={setDraft}
        onApply={(clean) => void navigate({ search: clean })}
      >
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
      </LogFilterForm>

      {events.isError && <Alert color="red">The audit log could not be loaded.</Alert>}
      <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-label="Audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <VisuallyHidden>Details</VisuallyHidden>
            </Table.Th>
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
          {rows.map((event) => {
            const isOpen = expanded.has(event.id);
            const detailsId = `audit-event-${event.id}`;
            const canOpen = hasSnapshots(event);
            return (
              <Fragment key={event.id}>
                <Table.Tr
                  className={canOpen ? 'accord-row-clickable' : undefined}
                  onClick={
                    canOpen
                      ? (click) => {
                          // The toggle button handles its own click.
                          if (!(click.target as HTMLElement).closest('button')) toggle(event.id);
                        }
                      : undefined
                  }
                >
                  <Table.Td>
                    {canOpen && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? detailsId : undefined}
                        aria-label={`${isOpen ? 'Hide' : 'Show'} changes of ${event.action} at ${event.occurredAt}`}
                        onClick={() => toggle(event.id)}
                      >
                        {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                      </ActionIcon>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {event.occurredAt.replace('T', ' ').slice(0, 19)}
                  </Table.Td>
                  <Table.Td>
                    {actionLabels[event.action] && (
                      <Text span fz="sm" mr={6}>
                        {actionLabels[event.action]}
                      </Text>
                    )}
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
                {isOpen && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={COLUMNS} p={0}>
                      <EventChanges event={event} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
          {rows.length === 0 && !events.isPending && (
            <Table.Tr>
              <Table.Td colSpan={COLUMNS}>
                <Text c="dimmed">No events match these filters.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <LoadOlderEvents events={events} />
    </Stack>
  );
}
