// Settings → Outbound mail: every message Accord queued, what became of it (status, attempts, the server's
// last answer), a retry for failed ones; filters kept in the URL.
import { Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { OutboundEmailStatus } from '../../../shared/api/mail.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import {
  mailKeys,
  type OutboundEmail,
  type OutboundMailSearch,
  outboundEmailsQuery,
  retryOutboundEmail,
} from './mail-api.ts';

const route = getRouteApi('/app/settings/outbound-mail');

export type { OutboundMailSearch };

const statusBadges: Record<OutboundEmailStatus, { color: string; label: string; icon: ReactNode }> = {
  queued: { color: 'blue', label: 'Queued', icon: <IconClock size={12} /> },
  sent: { color: 'green', label: 'Sent', icon: <IconCheck size={12} /> },
  failed: { color: 'red', label: 'Failed', icon: <IconAlertTriangle size={12} /> },
};

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

function StatusBadge(props: { message: OutboundEmail }) {
  const { message } = props;
  const badge = statusBadges[message.status];
  const hint =
    message.status === 'queued'
      ? message.nextAttemptAt && `Next attempt ${when(message.nextAttemptAt)} UTC`
      : message.status === 'sent'
        ? message.sentAt && `Sent ${when(message.sentAt)} UTC`
        : 'No more automatic attempts; retry when the problem is fixed';
  return (
    <Tooltip label={hint} disabled={!hint}>
      <Badge color={badge.color} variant="light" leftSection={badge.icon}>
        {badge.label}
      </Badge>
    </Tooltip>
  );
}

export function OutboundMailPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<OutboundMailSearch>(search);
  const messages = useInfiniteQuery(outboundEmailsQuery(search));
  const rows = messages.data?.pages.flatMap((page) => page.items) ?? [];

  const retry = useMutation({
    mutationFn: retryOutboundEmail,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: mailKeys.outboundAll });
      notifySuccess('Queued again');
    },
    onError: (error) => notifyError(error, 'Could not retry the message'),
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    void navigate({
      search: {
        status: draft.status,
        to: draft.to?.trim() || undefined,
        ticketId: draft.ticketId?.trim() || undefined,
      },
    });
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Outbound mail"
        description="Every mail Accord queued. Failed attempts are retried after 1 min, 5 min, 30 min, 2 h and 6 h; a permanent refusal (5xx) fails at once."
      />
      <form onSubmit={apply} aria-label="Filter the outbound mail">
        <Group align="end" gap="sm" wrap="wrap">
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            w={160}
            data={[
              { value: 'queued', label: 'Queued' },
              { value: 'sent', label: 'Sent' },
              { value: 'failed', label: 'Failed' },
            ]}
            value={draft.status ?? null}
            onChange={(value) => setDraft({ ...draft, status: (value as OutboundEmailStatus) ?? undefined })}
          />
          <TextInput
            label="Recipient"
            placeholder="Part of the address"
            value={draft.to ?? ''}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <TextInput
            label="Ticket id"
            w={320}
            value={draft.ticketId ?? ''}
            onChange={(e) => setDraft({ ...draft, ticketId: e.currentTarget.value })}
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

      {messages.isError && <Alert color="red">{messages.error.message}</Alert>}
      {messages.isPending ? (
        <TableSkeleton rows={6} columns={6} />
      ) : (
        <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-label="Outbound mail">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Queued (UTC)</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th ta="right">Attempts</Table.Th>
              <Table.Th>Last error</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((message) => (
              <Table.Tr key={message.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(message.createdAt)}</Table.Td>
                <Table.Td>
                  <StatusBadge message={message} />
                </Table.Td>
                <Table.Td>{message.to}</Table.Td>
                <Table.Td maw={360}>
                  <Text fz="sm" lineClamp={1} title={message.subject}>
                    {message.ticketId ? (
                      <Link to="/tickets/$ticketId" params={{ ticketId: message.ticketId }}>
                        {message.subject}
                      </Link>
                    ) : (
                      message.subject
                    )}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {message.templateKey}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {message.attempts}
                </Table.Td>
                <Table.Td maw={320}>
                  <Text
                    fz="xs"
                    c={message.status === 'failed' ? 'red' : 'dimmed'}
                    lineClamp={2}
                    title={message.lastError ?? undefined}
                  >
                    {message.lastError ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {message.status === 'failed' && (
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconRefresh size={14} />}
                      loading={retry.isPending && retry.variables === message.id}
                      onClick={() => retry.mutate(message.id)}
                      aria-label={`Retry the mail to ${message.to}`}
                    >
                      Retry
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed">
                    No mail matches these filters. Mail about tickets and SLAs shows up here once it is
                    queued.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
      {messages.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={messages.isFetchingNextPage}
            onClick={() => messages.fetchNextPage()}
          >
            Load older mail
          </Button>
        </Group>
      )}
    </Stack>
  );
}
