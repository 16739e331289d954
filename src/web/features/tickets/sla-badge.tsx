// The SLA state of one clock as a badge (UI.md "SLA and money at a glance"): a word or icon, never colour
// alone, a live countdown to the due time, and the absolute due time on hover.
import { Badge, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconClockPause, IconX } from '@tabler/icons-react';
import { browserTimeZone, formatDateTime, formatRelative } from '../../ui/format.ts';
import { useNow } from '../../ui/use-now.ts';
import { pauseReasonLabels } from './ticket-labels.ts';
import type { SlaBlock } from './tickets-api.ts';

type Clock = NonNullable<SlaBlock>['firstResponse'];
type PauseReason = NonNullable<SlaBlock>['resolution']['pauseReason'];

const colors: Record<Clock['state'], string> = {
  on_track: 'gray',
  at_risk: 'yellow',
  breached: 'red',
  paused: 'gray',
  met: 'green',
  missed: 'red',
};

/** What the badge says: "due in 42 min", "breached 3 h ago", "paused — waiting on client", "met". */
function slaLabel(clock: Clock, now: number, pauseReason?: PauseReason): string {
  switch (clock.state) {
    case 'met':
      return 'met';
    case 'missed':
      return 'missed';
    case 'paused':
      return pauseReason ? `paused — ${pauseReasonLabels[pauseReason]}` : 'paused';
    case 'breached':
      return clock.breachedAt ? `breached ${formatRelative(clock.breachedAt, now)}` : 'breached';
    default:
      return clock.dueAt ? `due ${formatRelative(clock.dueAt, now)}` : 'no target';
  }
}

export function SlaBadge(props: {
  clock: Clock;
  /** Prefixed to the label, e.g. "Response" or "Resolution". */
  name?: string;
  pauseReason?: PauseReason;
  timeZone?: string;
  size?: 'xs' | 'sm' | 'md';
}) {
  const now = useNow();
  const { clock } = props;
  const zone = props.timeZone ?? browserTimeZone();
  const label = slaLabel(clock, now, props.pauseReason);
  const icon =
    clock.state === 'met' ? (
      <IconCheck size={12} aria-hidden />
    ) : clock.state === 'missed' ? (
      <IconX size={12} aria-hidden />
    ) : clock.state === 'paused' ? (
      <IconClockPause size={12} aria-hidden />
    ) : undefined;
  const due = clock.dueAt ? `Due ${formatDateTime(clock.dueAt, zone, true)}` : 'No target for this priority';
  return (
    <Tooltip label={due}>
      <Badge
        color={colors[clock.state]}
        variant={clock.state === 'on_track' || clock.state === 'paused' ? 'light' : 'filled'}
        size={props.size ?? 'sm'}
        leftSection={icon}
        data-sla-state={clock.state}
        tt="none"
        className="tabular"
      >
        {props.name ? `${props.name}: ${label}` : label}
      </Badge>
    </Tooltip>
  );
}

/** The clock a queue row shows: the first-response clock until it stops, then the resolution clock. */
function leadingClock(sla: NonNullable<SlaBlock>): { clock: Clock; name: string } {
  const response = sla.firstResponse;
  if (response.state !== 'met' && response.state !== 'missed') return { clock: response, name: 'Response' };
  return { clock: sla.resolution, name: 'Resolution' };
}

/** A ticket's leading clock in a list (queue, dashboard), or "No SLA" for a ticket measured under none. */
export function TicketSlaBadge(props: { sla: SlaBlock }) {
  if (!props.sla)
    return (
      <Text size="xs" c="dimmed">
        No SLA
      </Text>
    );
  const lead = leadingClock(props.sla);
  return (
    <SlaBadge clock={lead.clock} name={lead.name} pauseReason={props.sla.resolution.pauseReason} size="xs" />
  );
}
