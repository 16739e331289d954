// The changes recorded outside an approved window and tied to the vendor, grouped by the incident each
// opened, with the evidence; a reply per incident goes on it, where the MSP and the client see it. Worded as
// what was recorded, never as an accusation.
import { Badge, Button, Group, Modal, Stack, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconMessageReply, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useSession } from '../auth/session.ts';
import {
  attributedChangesQuery,
  type PortalAttributedChange,
  portalKeys,
  portalOverviewQuery,
  replyOnIncident,
} from './portal-api.ts';
import { groupByIncident, type IncidentGroup } from './portal-attributions.ts';

const columns: Column<PortalAttributedChange>[] = [
  {
    key: 'change',
    header: 'Change',
    sortValue: (change) => change.change,
    render: (change) => (
      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
        {change.change}
      </Text>
    ),
  },
  {
    key: 'asset',
    header: 'Asset',
    width: 160,
    sortValue: (change) => change.assetName,
    render: (change) => <Text size="sm">{change.assetName}</Text>,
  },
  {
    key: 'when',
    header: 'When',
    width: 120,
    sortValue: (change) => change.occurredAt,
    render: (change) => <RelativeTime value={change.occurredAt} />,
  },
  {
    key: 'evidence',
    header: 'Why it was tied to you',
    render: (change) => (
      <Text size="sm" c={change.evidence ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
        {change.evidence || 'No detail was recorded'}
      </Text>
    ),
  },
];

export function PortalAttributionsPage() {
  const changes = useQuery(attributedChangesQuery);
  const overview = useQuery(portalOverviewQuery);
  const msp = useSession().membership.tenantName;
  const vendorName = overview.data?.vendor.name ?? 'you';
  const [replying, setReplying] = useState<IncidentGroup | null>(null);

  if (changes.isPending) return <PageSkeleton />;
  if (changes.isError) return <Text c="red">{changes.error.message}</Text>;
  const groups = groupByIncident(changes.data);

  return (
    <>
      <PageHeader
        title="Changes attributed to you"
        description={`Changes recorded outside an approved window on your clients’ systems and tied to ${vendorName}, with why each was tied to you. Times are in your local time (${browserTimeZone()}).`}
      />
      {groups.length === 0 ? (
        <EmptyState
          icon={<IconShieldCheck size={24} />}
          title="Nothing recorded outside an approved window"
          description={`When a change on a client’s system is tied to ${vendorName} and falls outside an approved window, it shows here with the evidence, and you can reply to ${msp}.`}
          action={
            <ButtonLink to="/vendor/requests" variant="default">
              Your change requests
            </ButtonLink>
          }
        />
      ) : (
        <Stack gap="xl">
          {groups.map((group) => (
            <IncidentSection key={group.key} group={group} onReply={() => setReplying(group)} />
          ))}
        </Stack>
      )}
      <Modal
        opened={replying !== null}
        onClose={() => setReplying(null)}
        title={replying ? `Reply on incident #${replying.ticketNumber}` : ''}
        size="lg"
      >
        {replying && <ReplyForm group={replying} msp={msp} onDone={() => setReplying(null)} />}
      </Modal>
    </>
  );
}

function IncidentSection(props: { group: IncidentGroup; onReply: () => void }) {
  const { group } = props;
  const title =
    group.ticketNumber === null
      ? `Not on an incident · ${group.clientName}`
      : `Incident #${group.ticketNumber} · ${group.clientName}`;
  const count = `${group.changes.length} ${group.changes.length === 1 ? 'change' : 'changes'}`;
  return (
    <section aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="wrap" miw={0}>
          <Title order={2} fz="h4">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {count}
          </Text>
          {group.repliedAt && (
            <Tooltip label={formatDateTime(group.repliedAt, browserTimeZone(), true)}>
              <Badge variant="light" color="teal" leftSection={<IconCircleCheck size={12} />}>
                Replied {formatDateTime(group.repliedAt).split(',')[0]}
              </Badge>
            </Tooltip>
          )}
        </Group>
        {group.ticketId && (
          <Button
            variant={group.repliedAt ? 'default' : 'light'}
            leftSection={<IconMessageReply size={16} />}
            onClick={props.onReply}
            aria-label={`Reply on incident #${group.ticketNumber}`}
            style={{ flexShrink: 0 }}
          >
            {group.repliedAt ? 'Reply again' : 'Reply'}
          </Button>
        )}
      </Group>
      <DataTable
        label={`Changes on ${group.ticketNumber === null ? 'no incident' : `incident #${group.ticketNumber}`}`}
        columns={columns}
        rows={group.changes}
        rowKey={(change) => change.id}
        keyboardNavigation={false}
      />
    </section>
  );
}

function ReplyForm(props: { group: IncidentGroup; msp: string; onDone: () => void }) {
  const { group } = props;
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reply = useMutation({
    mutationFn: () => replyOnIncident(group.ticketId ?? '', text.trim()),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: portalKeys.changes });
      notifySuccess(`Reply sent on incident #${group.ticketNumber}`);
      props.onDone();
    },
    onError: (failure) => {
      if (isApiError(failure, 400)) setError(failure.fieldErrors.text ?? null);
      notifyError(failure, 'Could not send the reply');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError('Write your reply');
    reply.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          Say what the {group.changes.length === 1 ? 'change was' : 'changes were'} for, or why{' '}
          {group.changes.length === 1 ? 'it is' : 'they are'} not yours. Your reply goes on incident #
          {group.ticketNumber}, where {props.msp} and {group.clientName} see it.
        </Text>
        <Textarea
          label="Your reply"
          required
          data-autofocus
          autosize
          minRows={5}
          maxLength={10_000}
          value={text}
          error={error}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={reply.isPending}>
            Send reply
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
