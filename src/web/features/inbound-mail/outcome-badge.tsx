// What became of a received mail, in a word or two: the ticket it opened or joined, triage (and why), or
// ignored (and why). Colour is never the only signal: each badge has its word, and the detail on hover.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { AnchorLink } from '../../ui/links.tsx';
import { reasonLabels } from './inbound-labels.ts';
import type { InboundEmail } from './inbound-mail-api.ts';

function TicketLink(props: { mail: InboundEmail; prefix: string }) {
  const { mail } = props;
  if (!mail.ticketId || !mail.ticketNumber) return <Text fz="sm">{props.prefix.trim()}</Text>;
  return (
    <Text fz="sm" span>
      {props.prefix}
      <AnchorLink to="/tickets/$ticketId" params={{ ticketId: mail.ticketId }} fz="sm">
        #{mail.ticketNumber}
      </AnchorLink>
    </Text>
  );
}

export function OutcomeBadge(props: { mail: InboundEmail }) {
  const { mail } = props;
  const reason = mail.reason ? reasonLabels[mail.reason] : null;
  switch (mail.outcome) {
    case 'ticket_created':
      return <TicketLink mail={mail} prefix="Ticket " />;
    case 'reply_added':
      return <TicketLink mail={mail} prefix="Reply on " />;
    case 'triage':
      return (
        <Group gap={6} wrap="nowrap">
          <Tooltip label={mail.detail ?? reason ?? ''} disabled={!mail.detail && !reason} multiline maw={360}>
            <Badge
              variant="light"
              color={mail.triageState === 'open' ? 'orange' : 'gray'}
              style={{ flexShrink: 0 }}
            >
              {mail.triageState === 'dismissed'
                ? 'Triage · dismissed'
                : mail.triageState === 'resolved'
                  ? 'Triage · placed'
                  : 'Triage'}
            </Badge>
          </Tooltip>
          {mail.triageState === 'resolved' && mail.ticketId ? (
            <TicketLink mail={mail} prefix="→ " />
          ) : (
            reason && (
              <Text fz="xs" c="dimmed" lineClamp={1}>
                {reason}
              </Text>
            )
          )}
        </Group>
      );
    case 'change_request':
      return (
        <Group gap={6} wrap="nowrap">
          <Badge variant="light" color="blue" style={{ flexShrink: 0 }}>
            Change request
          </Badge>
          <Text fz="xs" c="dimmed" lineClamp={1} title={mail.detail ?? undefined}>
            {mail.detail}
          </Text>
        </Group>
      );
    case 'ignored':
      return (
        <Group gap={6} wrap="nowrap">
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
            Ignored
          </Badge>
          <Text fz="xs" c="dimmed" lineClamp={1} title={mail.detail ?? undefined}>
            {reason}
            {mail.detail ? ` · ${mail.detail}` : ''}
          </Text>
        </Group>
      );
  }
}
