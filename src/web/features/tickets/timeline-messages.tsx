// The timeline's messages: replies, notes and calls as cards with who wrote them and how it came; a vendor's
// reply through its one-time link, tinted and marked as the client sees it.
import { Badge, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconBuildingStore, IconEye, IconMail } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { RelativeTime } from '../../ui/relative-time.tsx';
import type { TicketEvent } from './tickets-api.ts';

export const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function who(event: TicketEvent): string {
  if (event.author === 'system') return 'Accord';
  if (event.author === 'contact') return event.actorName ?? 'The client';
  // Staff events without a member are history imported from another PSA.
  return event.actorName ?? 'Staff';
}

/** The sender's address when a contact's entry came by mail (it carries the received mail's id). */
export function mailSender(event: TicketEvent): string | null {
  if (event.author !== 'contact' || typeof event.data.inboundEmailId !== 'string') return null;
  return str(event.data.from) || 'an unknown address';
}

/** "by email" beside an entry that arrived as mail, with the address it came from. */
function ByEmail(props: { event: TicketEvent }) {
  const from = mailSender(props.event);
  if (!from) return null;
  return (
    <Tooltip label={`Received by email from ${from}`}>
      <Badge
        size="xs"
        variant="outline"
        color="gray"
        tt="none"
        leftSection={<IconMail size={10} aria-hidden />}
        style={{ flexShrink: 1, minWidth: 0 }}
      >
        by email · {from}
      </Badge>
    </Tooltip>
  );
}

type Tone = 'public' | 'internal' | 'client' | 'call' | 'vendor';

const backgrounds: Partial<Record<Tone, string>> = {
  internal: 'light-dark(var(--mantine-color-yellow-0), rgba(250, 176, 5, 0.08))',
  client: 'light-dark(var(--mantine-color-blue-0), rgba(34, 139, 230, 0.08))',
  vendor: 'light-dark(var(--mantine-color-grape-0), rgba(190, 75, 219, 0.08))',
};

export function Message(props: {
  event: TicketEvent;
  label: string;
  tone: Tone;
  icon?: ReactNode;
  /** Who wrote it, when not the event's actor (a vendor replying through a link). */
  from?: string;
  /** Marks after the label: where it came from, who can see it. */
  marks?: ReactNode;
}) {
  const { event } = props;
  const from = props.from ?? who(event);
  return (
    <Paper
      withBorder
      p="sm"
      bg={backgrounds[props.tone]}
      style={props.tone === 'internal' ? { borderColor: 'var(--mantine-color-yellow-4)' } : undefined}
      data-event-type={event.type}
      aria-label={`${props.label} by ${from}`}
      role="article"
    >
      <Group justify="space-between" gap="xs" mb={4} wrap="nowrap" align="flex-start">
        <Group gap={6} wrap={props.marks ? 'wrap' : 'nowrap'} miw={0}>
          {props.icon}
          <Text size="sm" fw={600}>
            {from}
          </Text>
          {props.tone === 'internal' ? (
            // Told apart by tint, border, lock and this word; the word keeps full text contrast.
            <Text size="xs" fw={700} tt="uppercase" lts={0.3}>
              {props.label}
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              {props.label}
            </Text>
          )}
          <ByEmail event={event} />
          {props.marks}
        </Group>
        <RelativeTime value={event.occurredAt} size="xs" />
      </Group>
      {event.body && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {event.body}
        </Text>
      )}
    </Paper>
  );
}

/** A vendor's reply through its one-time link: from the vendor, by name, and seen by the client. */
export function VendorReply(props: { event: TicketEvent }) {
  const data = props.event.data;
  const email = str(data.email);
  return (
    <Message
      event={props.event}
      label="Vendor reply"
      tone="vendor"
      icon={<IconBuildingStore size={13} aria-hidden />}
      from={`${str(data.vendorName) || 'The vendor'} — ${str(data.name) || 'unnamed'}`}
      marks={
        <>
          {email && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {email}
            </Text>
          )}
          {props.event.isPublic && <VisibleToClient />}
        </>
      }
    />
  );
}

/** Beside an entry the client sees in its portal (a word and an icon, not colour alone). */
function VisibleToClient() {
  return (
    <Tooltip label="The client sees this entry">
      <Badge size="xs" variant="light" color="gray" tt="none" leftSection={<IconEye size={10} aria-hidden />}>
        Visible to client
      </Badge>
    </Tooltip>
  );
}
