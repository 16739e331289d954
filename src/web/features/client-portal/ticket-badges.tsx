// A portal ticket's status, priority and targets as the client reads them: plain words, a target as a time
// and then met or missed (a word and an icon, never colour alone), and best effort explained on hover.
import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconClockPause, IconX } from '@tabler/icons-react';
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { TicketStatusValue } from '../../../shared/api/ticket-enums.ts';
import { browserTimeZone } from '../../ui/format.ts';
import { useNow } from '../../ui/use-now.ts';
import { priorityColors } from '../tickets/ticket-labels.ts';
import type { PortalTicket } from './portal-api.ts';
import {
  portalPriorityLabels,
  portalStatusColors,
  portalStatusLabels,
  type TargetKind,
  targetWords,
} from './portal-words.ts';

export function PortalStatusBadge(props: { status: TicketStatusValue; size?: 'sm' | 'md' }) {
  return (
    <Badge
      variant="light"
      color={portalStatusColors[props.status]}
      size={props.size ?? 'sm'}
      tt="none"
      style={{ flexShrink: 0 }}
    >
      {portalStatusLabels[props.status]}
    </Badge>
  );
}

/** "P3 · One person affected". */
export function PortalPriority(props: { priority: Priority }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Badge size="sm" variant="light" color={priorityColors[props.priority]} style={{ flexShrink: 0 }}>
        {props.priority}
      </Badge>
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {portalPriorityLabels[props.priority]}
      </Text>
    </Group>
  );
}

export const BEST_EFFORT_HINT =
  'Measured, not guaranteed: the device or system this ticket is about is not managed or not standard under your agreement.';

export function BestEffortBadge() {
  return (
    <Tooltip label={BEST_EFFORT_HINT} multiline w={280}>
      <Badge size="xs" variant="outline" color="gray" tt="none" style={{ cursor: 'help' }}>
        best effort
      </Badge>
    </Tooltip>
  );
}

function TargetLine(props: { kind: TargetKind; ticket: PortalTicket; now: number }) {
  const { ticket } = props;
  const target = ticket.targets?.[props.kind];
  if (!target) return null;
  const words = targetWords(props.kind, target, ticket.status, new Date(props.now), browserTimeZone());
  const text = (
    <Text size="sm" c={words.isPaused ? 'dimmed' : undefined} className="tabular" span>
      {words.isPaused && (
        <IconClockPause size={13} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
      )}
      {words.text}
    </Text>
  );
  return (
    <Group gap={6} wrap="nowrap" data-target={props.kind}>
      {words.hint ? <Tooltip label={words.hint}>{text}</Tooltip> : text}
      {words.outcome && (
        <Badge
          size="sm"
          variant="light"
          color={words.outcome === 'met' ? 'green' : 'red'}
          tt="none"
          leftSection={
            words.outcome === 'met' ? <IconCheck size={12} aria-hidden /> : <IconX size={12} aria-hidden />
          }
          style={{ flexShrink: 0 }}
        >
          {words.outcome}
        </Badge>
      )}
    </Group>
  );
}

/** Both targets, one per line, and whether they are best effort; nothing measured says so. */
export function PortalTargets(props: { ticket: PortalTicket }) {
  const now = useNow(60_000);
  const { ticket } = props;
  if (!ticket.targets) {
    return (
      <Text size="sm" c="dimmed">
        No targets
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      <TargetLine kind="firstResponse" ticket={ticket} now={now} />
      <TargetLine kind="resolution" ticket={ticket} now={now} />
      {ticket.basis === 'best_effort' && (
        <div>
          <BestEffortBadge />
        </div>
      )}
    </Stack>
  );
}
