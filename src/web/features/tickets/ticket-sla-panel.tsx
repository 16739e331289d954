// Both SLA clocks of a ticket in full: due time (absolute and relative), state, business minutes used of
// the target, and for resolution the paused minutes by reason and the reason of a pause under way.
import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { browserTimeZone, formatDateTime, formatMinutes, formatRelative } from '../../ui/format.ts';
import { useNow } from '../../ui/use-now.ts';
import { SlaBadge } from './sla-badge.tsx';
import { pauseReasonLabels } from './ticket-labels.ts';
import type { SlaBlock } from './tickets-api.ts';

type Block = NonNullable<SlaBlock>;
type Clock = Block['firstResponse'];

const progressColor: Record<Clock['state'], string> = {
  on_track: 'indigo',
  at_risk: 'yellow',
  breached: 'red',
  paused: 'gray',
  met: 'teal',
  missed: 'red',
};

export function TicketSlaPanel(props: { sla: SlaBlock }) {
  const { sla } = props;
  if (!sla) {
    return (
      <Text size="sm" c="dimmed">
        No SLA: this client had no SLA policy when the ticket was opened.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <ClockView name="First response" testId="first-response" clock={sla.firstResponse} />
      <ClockView name="Resolution" testId="resolution" clock={sla.resolution} resolution={sla.resolution} />
    </Stack>
  );
}

function ClockView(props: { name: string; testId: string; clock: Clock; resolution?: Block['resolution'] }) {
  const now = useNow();
  const zone = browserTimeZone();
  const { clock, resolution } = props;
  const isStopped = clock.state === 'met' || clock.state === 'missed';
  const share =
    clock.targetMinutes > 0 ? Math.min(100, (clock.businessMinutesUsed / clock.targetMinutes) * 100) : 0;
  const pauses = resolution
    ? (Object.entries(resolution.pausedMinutes) as [keyof typeof pauseReasonLabels, number][]).filter(
        ([, minutes]) => minutes > 0,
      )
    : [];

  return (
    <Stack gap={4} role="group" aria-label={`${props.name} SLA`} data-testid={`sla-${props.testId}`}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600}>
          {props.name}
        </Text>
        <SlaBadge clock={clock} pauseReason={resolution?.pauseReason} />
      </Group>
      {clock.dueAt && (
        <Text size="xs" c="dimmed">
          {isStopped ? 'Was due ' : clock.state === 'paused' ? 'Due if resumed now ' : 'Due '}
          <Tooltip label={`${formatDateTime(clock.dueAt, zone, true)} (${zone})`}>
            <Text
              span
              size="xs"
              c="var(--mantine-color-text)"
              className="tabular"
              data-testid={`${props.testId}-due`}
            >
              {formatDateTime(clock.dueAt, zone)}
            </Text>
          </Tooltip>
          {isStopped && clock.stoppedAt
            ? ` · stopped ${formatRelative(clock.stoppedAt, now)}`
            : ` · ${formatRelative(clock.dueAt, now)}`}
        </Text>
      )}
      <Progress
        value={share}
        color={progressColor[clock.state]}
        size="sm"
        aria-label={`${props.name}: ${clock.businessMinutesUsed} of ${clock.targetMinutes} business minutes used`}
      />
      <Text size="xs" c="dimmed" className="tabular">
        {formatMinutes(clock.businessMinutesUsed, '0 min')} of {formatMinutes(clock.targetMinutes)} business
        time used
      </Text>
      {resolution?.state === 'paused' && resolution.pauseReason && (
        <Text size="xs" data-testid="pause-reason">
          Paused — {pauseReasonLabels[resolution.pauseReason]}
          {resolution.pausedSince && ` since ${formatRelative(resolution.pausedSince, now)}`}
        </Text>
      )}
      {pauses.length > 0 && (
        <Text size="xs" c="dimmed">
          Paused in total:{' '}
          {pauses
            .map(([reason, minutes]) => `${formatMinutes(minutes)} ${pauseReasonLabels[reason]}`)
            .join(', ')}
        </Text>
      )}
    </Stack>
  );
}
