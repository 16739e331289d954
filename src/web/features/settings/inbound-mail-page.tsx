// Settings → Inbound mail: the mailboxes Accord receives client mail at, each with its state (last poll,
// last error), a connection test, a poll on demand, and editing; received mail itself is on the triage page.
import { ActionIcon, Alert, Badge, Button, Code, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconInbox,
  IconPencil,
  IconPlugConnected,
  IconPlus,
  IconRefresh,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { useCan } from '../auth/session.ts';
import {
  deleteMailbox,
  inboundKeys,
  type Mailbox,
  mailboxesQuery,
  pollMailbox,
  testMailbox,
} from '../inbound-mail/inbound-mail-api.ts';
import { boardsQuery } from '../tickets/tickets-api.ts';
import { MailboxFormModal } from './mailbox-form-modal.tsx';

const securityLabels = { tls: 'TLS', starttls: 'STARTTLS', none: 'unencrypted' } as const;

export function InboundMailPage() {
  const queryClient = useQueryClient();
  const mailboxes = useQuery(mailboxesQuery);
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Mailbox | null>(null);

  const remove = useMutation({
    mutationFn: (mailbox: Mailbox) => deleteMailbox(mailbox.id),
    onSuccess: async (_, mailbox) => {
      await queryClient.invalidateQueries({ queryKey: inboundKeys.mailboxes });
      notifySuccess(`${mailbox.name} deleted`);
    },
    onError: (error) => notifyError(error, 'Could not delete the mailbox'),
  });

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      Add mailbox
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Inbound mail"
        description="The addresses clients write to. Mail from a known contact or client domain opens a ticket or lands on the ticket it answers; the rest waits in Mail triage."
        actions={mailboxes.data?.length ? addButton : undefined}
      />
      {!mailboxes.isSuccess ? (
        <QueryState query={mailboxes} height={180} />
      ) : mailboxes.data.length === 0 ? (
        <EmptyState
          icon={<IconInbox size={24} />}
          title="No mailboxes yet"
          description={
            <>
              <b>IMAP</b>: Accord signs in to an existing mailbox (Microsoft 365, Google, any IMAP server) and
              reads new mail every minute.
              <br />
              <b>SMTP listener</b>: mail for the address is delivered straight to this Accord server.
            </>
          }
          action={addButton}
        />
      ) : (
        <Stack gap="sm">
          {mailboxes.data.map((mailbox) => (
            <MailboxCard
              key={mailbox.id}
              mailbox={mailbox}
              onEdit={() => setEditing(mailbox)}
              onDelete={() => setDeleting(mailbox)}
            />
          ))}
        </Stack>
      )}
      <MailboxFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        mailbox={editing === 'new' || editing === null ? undefined : editing}
      />
      <ConfirmDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete mailbox?"
        message={`Accord stops receiving mail at ${deleting?.address ?? 'this address'}. Mail already received stays in the log and on its tickets.`}
        confirmLabel="Delete mailbox"
        onConfirm={() => (deleting ? remove.mutateAsync(deleting) : Promise.resolve())}
      />
    </>
  );
}

/** What the last test or poll said; `hasNewMail` offers the way to the mail it received. */
type CheckResult = { ok: boolean; text: string; code?: string; hasNewMail?: boolean };

function MailboxCard(props: { mailbox: Mailbox; onEdit: () => void; onDelete: () => void }) {
  const { mailbox } = props;
  const queryClient = useQueryClient();
  const boards = useQuery(boardsQuery);
  const can = useCan();
  const [result, setResult] = useState<CheckResult | null>(null);
  const failed = (error: Error): CheckResult => ({
    ok: false,
    text: error.message,
    code: error instanceof ApiError ? error.code : undefined,
  });

  const test = useMutation({
    mutationFn: () => testMailbox(mailbox.id),
    onMutate: () => setResult(null),
    onSuccess: (check) =>
      setResult({
        ok: true,
        text: `Connected: ${check.messages} ${check.messages === 1 ? 'message' : 'messages'}, ${check.unseen} unread`,
      }),
    onError: (error) => setResult(failed(error)),
  });
  const poll = useMutation({
    mutationFn: () => pollMailbox(mailbox.id),
    onMutate: () => setResult(null),
    onSuccess: async (polled) => {
      setResult({
        ok: true,
        text:
          polled.received === 0
            ? 'Read the mailbox: no new mail'
            : `Received ${polled.received} new ${polled.received === 1 ? 'message' : 'messages'}.`,
        hasNewMail: polled.received > 0,
      });
      await queryClient.invalidateQueries({ queryKey: inboundKeys.mailboxes });
      await queryClient.invalidateQueries({ queryKey: inboundKeys.emailsAll });
    },
    onError: async (error) => {
      setResult(failed(error));
      await queryClient.invalidateQueries({ queryKey: inboundKeys.mailboxes });
    },
  });

  const imap = mailbox.imap;
  const board = boards.data?.find((candidate) => candidate.id === mailbox.boardId)?.name;

  return (
    <Paper withBorder p="md" component="section" aria-label={mailbox.name}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} miw={0}>
          <Group gap="xs">
            <Text fw={600}>{mailbox.name}</Text>
            <Badge variant="light" color={mailbox.kind === 'imap' ? 'indigo' : 'grape'}>
              {mailbox.kind === 'imap' ? 'IMAP' : 'SMTP listener'}
            </Badge>
            {mailbox.isEnabled ? (
              <Badge variant="light" color="green" leftSection={<IconCircleCheck size={12} />}>
                Enabled
              </Badge>
            ) : (
              <Badge variant="light" color="gray">
                Disabled
              </Badge>
            )}
          </Group>
          <Text fz="sm">{mailbox.address}</Text>
          <Text fz="xs" c="dimmed">
            {imap
              ? `${imap.user} at ${imap.host}:${imap.port} (${securityLabels[imap.security]}${imap.auth === 'xoauth2' ? ', OAuth2' : ''}) · folder ${imap.folder}${imap.processedFolder ? `, read mail moved to ${imap.processedFolder}` : ''}`
              : "Delivered by Accord's SMTP listener: point the address's MX record or a forwarding rule at this server."}
          </Text>
          <Group gap={6} fz="xs" c="dimmed">
            <Text fz="xs" c="dimmed">
              New tickets on {board ?? (mailbox.boardId ? 'a board' : 'the first board')} at{' '}
              {mailbox.defaultPriority}
            </Text>
            {imap && (
              <>
                <Text fz="xs" c="dimmed">
                  · Last polled
                </Text>
                {mailbox.lastPolledAt ? (
                  <RelativeTime value={mailbox.lastPolledAt} size="xs" />
                ) : (
                  <Text fz="xs" c="dimmed">
                    never
                  </Text>
                )}
              </>
            )}
          </Group>
          {mailbox.lastError && (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconAlertTriangle size={14} color="var(--mantine-color-red-text)" style={{ flexShrink: 0 }} />
              <Text fz="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
                {mailbox.lastError}
              </Text>
            </Group>
          )}
        </Stack>
        <Group gap={6} wrap="nowrap">
          {imap && (
            <>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPlugConnected size={14} />}
                loading={test.isPending}
                onClick={() => test.mutate()}
              >
                Test connection
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconRefresh size={14} />}
                loading={poll.isPending}
                disabled={!mailbox.isEnabled}
                onClick={() => poll.mutate()}
              >
                Poll now
              </Button>
            </>
          )}
          <Tooltip label="Edit">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Edit ${mailbox.name}`}
              onClick={props.onEdit}
            >
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Delete">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${mailbox.name}`}
              onClick={props.onDelete}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {result && (
        <Alert
          mt="sm"
          color={result.ok ? 'green' : 'red'}
          variant="light"
          icon={result.ok ? <IconCircleCheck size={16} /> : <IconAlertTriangle size={16} />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setResult(null)}
        >
          <Text fz="sm">
            {result.text} {result.code && <Code fz="xs">{result.code}</Code>}
            {result.hasNewMail && can('mail.triage') && (
              <>
                {' '}
                <AnchorLink to="/triage" search={{ view: 'all' }} fz="sm">
                  See received mail
                </AnchorLink>
              </>
            )}
          </Text>
        </Alert>
      )}
    </Paper>
  );
}
