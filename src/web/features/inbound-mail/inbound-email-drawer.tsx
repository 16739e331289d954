// One received mail in a drawer beside the triage list: who sent it to whom and when, its text (always as
// plain text, never rendered as HTML), its attachments, why it is here — and, while it waits in triage,
// the actions that place it.
import {
  Anchor,
  Divider,
  Drawer,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileOff, IconMail, IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError } from '../../ui/notify.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { clientKeys } from '../clients/clients-api.ts';
import { ticketKeys } from '../tickets/tickets-api.ts';
import { formatBytes, senderLine } from './inbound-labels.ts';
import {
  type InboundEmailDetail,
  type InboundEmailPageCache,
  inboundEmailQuery,
  inboundKeys,
  type TriageResult,
  triageAttach,
  triageCreateTicket,
  triageDismiss,
} from './inbound-mail-api.ts';
import { OutcomeBadge } from './outcome-badge.tsx';
import { type TriageAction, TriageActions } from './triage-actions.tsx';

export function InboundEmailDrawer(props: { emailId: string | null; onClose: () => void }) {
  // The last mail stays in the drawer while it slides shut, rather than blanking first.
  const [shownId, setShownId] = useState(props.emailId);
  if (props.emailId && props.emailId !== shownId) setShownId(props.emailId);
  return (
    <Drawer
      opened={props.emailId !== null}
      onClose={props.onClose}
      position="right"
      size={640}
      title={<Text fw={600}>Received mail</Text>}
    >
      {shownId && <MailView key={shownId} emailId={shownId} onClose={props.onClose} />}
    </Drawer>
  );
}

function run(mail: InboundEmailDetail, action: TriageAction): Promise<TriageResult> {
  switch (action.kind) {
    case 'create-ticket': {
      const { kind: _, ...input } = action;
      return triageCreateTicket(mail.id, input);
    }
    case 'attach':
      return triageAttach(mail.id, {
        ticketId: action.ticketId,
        saveSenderAsContact: action.saveSenderAsContact,
      });
    case 'dismiss':
      return triageDismiss(mail.id, { allFromSender: action.allFromSender });
  }
}

function MailView(props: { emailId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mail = useQuery(inboundEmailQuery(props.emailId));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const place = useMutation({
    mutationFn: (action: TriageAction) => {
      if (!mail.data) throw new Error('The mail is still loading');
      return run(mail.data, action);
    },
    onSuccess: async (result, action) => {
      // The placed mail (and, with allFromSender, the sender's others) leaves the open list at once.
      const sender = mail.data?.fromAddress;
      queryClient.setQueriesData<InboundEmailPageCache>(
        { queryKey: [...inboundKeys.emailsAll, 'list', { view: undefined }], exact: false },
        (data) =>
          removeFromTriage(
            data,
            result,
            action.kind === 'dismiss' && action.allFromSender ? sender : undefined,
          ),
      );
      props.onClose();
      announce(
        result,
        action,
        (ticketId) => void navigate({ to: '/tickets/$ticketId', params: { ticketId } }),
      );
      await queryClient.invalidateQueries({ queryKey: inboundKeys.emailsAll });
      if (result.ticketId) await queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      // A sender saved as a contact is new in that client's contact lists.
      if (action.kind !== 'dismiss' && action.saveSenderAsContact) {
        await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      }
    },
    onError: async (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      const isTaken = error instanceof ApiError && error.code === 'inbound_email.not_in_triage';
      notifyError(error, isTaken ? 'Someone else placed this mail first' : 'Could not place the mail');
      if (isTaken) await queryClient.invalidateQueries({ queryKey: inboundKeys.emailsAll });
    },
  });

  if (mail.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading">
        <Skeleton height={24} width="70%" />
        <Skeleton height={90} />
        <Skeleton height={200} />
      </Stack>
    );
  }
  if (mail.isError) return <Text c="red">{mail.error.message}</Text>;
  const data = mail.data;
  const isOpenTriage = data.outcome === 'triage' && data.triageState === 'open';

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Title order={2} fz="h4" style={{ overflowWrap: 'anywhere' }}>
          {data.subject.trim() || '(no subject)'}
        </Title>
        <Group gap="xs">
          <OutcomeBadge mail={data} />
        </Group>
        {data.detail && (
          <Text
            fz="sm"
            c={data.reason === 'parse_error' ? 'red' : 'dimmed'}
            style={{ overflowWrap: 'anywhere' }}
          >
            {data.detail}
          </Text>
        )}
      </Stack>

      <MailHeaders mail={data} />

      <Paper withBorder p="sm" aria-label="Mail text">
        <ScrollArea.Autosize mah={360}>
          {data.text.trim() ? (
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {data.text}
            </Text>
          ) : (
            <Text fz="sm" c="dimmed">
              No text could be read from this mail.
            </Text>
          )}
        </ScrollArea.Autosize>
      </Paper>

      <MailFiles mail={data} />

      {data.triagedAt && (
        <Text fz="sm" c="dimmed">
          {data.triageState === 'dismissed' ? 'Dismissed' : 'Placed'}
          {data.triagedBy ? ` by ${data.triagedBy}` : ''} <RelativeTime value={data.triagedAt} />
        </Text>
      )}

      {isOpenTriage && (
        <>
          <Divider label="Place this mail" labelPosition="left" />
          <TriageActions
            mail={data}
            isPending={place.isPending}
            errors={errors}
            onAction={(action) => {
              setErrors({});
              place.mutate(action);
            }}
          />
        </>
      )}
    </Stack>
  );
}

function MailHeaders(props: { mail: InboundEmailDetail }) {
  const { mail } = props;
  const zone = browserTimeZone();
  const rows: [string, ReactNode][] = [
    ['From', senderLine(mail)],
    ['To', mail.to.join(', ') || '—'],
    ...(mail.cc.length ? ([['Cc', mail.cc.join(', ')]] as [string, string][]) : []),
    ['Sent', mail.sentAt ? formatDateTime(mail.sentAt, zone, true) : '—'],
    [
      'Received',
      `${formatDateTime(mail.receivedAt, zone, true)}${mail.mailboxName ? ` at ${mail.mailboxName}` : ''}`,
    ],
    ['Size', formatBytes(mail.size)],
  ];
  if (mail.ticketId && mail.ticketNumber) {
    rows.push([
      'Ticket',
      <AnchorLink key="ticket" to="/tickets/$ticketId" params={{ ticketId: mail.ticketId }} fz="sm">
        #{mail.ticketNumber}
      </AnchorLink>,
    ]);
  }
  if (mail.clientName) rows.push(['Client', mail.clientName]);
  return (
    <Table fz="sm" verticalSpacing={2} horizontalSpacing={0} withRowBorders={false} aria-label="Mail headers">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={90} fw={500} c="dimmed" style={{ verticalAlign: 'top' }}>
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function MailFiles(props: { mail: InboundEmailDetail }) {
  const { mail } = props;
  if (!mail.attachments.length && !mail.skippedAttachments.length && !mail.rawUrl) return null;
  return (
    <Stack gap={6} component="section" aria-label="Attachments">
      {mail.attachments.map((file) => (
        <Group key={file.id} gap={6} wrap="nowrap">
          <IconPaperclip size={14} style={{ flexShrink: 0 }} aria-hidden />
          <Anchor href={file.url} download={file.fileName} fz="sm" style={{ overflowWrap: 'anywhere' }}>
            {file.fileName}
          </Anchor>
          <Text fz="xs" c="dimmed" className="tabular" style={{ flexShrink: 0 }}>
            {formatBytes(file.size)}
          </Text>
        </Group>
      ))}
      {mail.skippedAttachments.map((file) => (
        <Group key={`${file.fileName}-${file.size}`} gap={6} wrap="nowrap">
          <IconFileOff size={14} style={{ flexShrink: 0 }} aria-hidden />
          <Text fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {file.fileName} ({formatBytes(file.size)}) — not kept: {file.reason}
          </Text>
        </Group>
      ))}
      {mail.rawUrl && (
        <Group gap={6} wrap="nowrap">
          <IconDownload size={14} aria-hidden />
          <Anchor href={mail.rawUrl} download fz="sm">
            Download the original (.eml)
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}

/** Drops the placed mail (or all open mail from `sender`) from cached triage pages. */
function removeFromTriage(
  data: InboundEmailPageCache | undefined,
  result: TriageResult,
  sender: string | undefined,
): InboundEmailPageCache | undefined {
  if (!data) return data;
  const gone = (item: { id: string; fromAddress: string }) =>
    item.id === result.item.id || (sender !== undefined && item.fromAddress === sender);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => !gone(item)),
      openTriage: Math.max(0, page.openTriage - (result.dismissed || 1)),
    })),
  };
}

function announce(result: TriageResult, action: TriageAction, open: (ticketId: string) => void) {
  const number = result.item.ticketNumber;
  if (action.kind === 'dismiss') {
    notifications.show({
      color: 'teal',
      icon: <IconMail size={16} />,
      message: result.dismissed > 1 ? `Dismissed ${result.dismissed} mails` : 'Mail dismissed',
      autoClose: 4000,
    });
    return;
  }
  const ticketId = result.ticketId;
  notifications.show({
    color: 'teal',
    icon: <IconMail size={16} />,
    title:
      action.kind === 'create-ticket'
        ? `Ticket ${number ? `#${number} ` : ''}opened`
        : `Added to ${number ? `#${number}` : 'the ticket'} as the client's reply`,
    message: ticketId ? (
      // A plain link: toasts live outside the router, so it navigates by hand.
      <Anchor
        href={`/tickets/${ticketId}`}
        fz="sm"
        onClick={(event) => {
          event.preventDefault();
          open(ticketId);
        }}
      >
        Open ticket{number ? ` #${number}` : ''}
      </Anchor>
    ) : undefined,
    autoClose: 8000,
  });
}
