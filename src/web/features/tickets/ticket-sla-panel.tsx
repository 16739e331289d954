// Both SLA clocks of a ticket in full: due time (absolute and relative), state, business minutes used of
// the target, and for resolution the paused minutes by reason and the reason of a pause under way; and
// whether its targets are guaranteed or best effort (as the assets it names last made them).
import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { BestEffortReason } from '../../../shared/api/sla-statements.ts';
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

type Basis = { basis: 'guaranteed' | 'best_effort'; reasons: BestEffortReason[] };

const reasonWords: Record<BestEffortReason, string> = {
  unmanaged: 'not managed',
  non_standard: 'not standard',
  coverage_hold: 'on a coverage hold',
};

/** What the last naming of assets made of the SLA (recorded on its event); none named: guaranteed. */
export function slaBasisOf(events: readonly { data: unknown }[]): Basis {
  const named = events.map((e) => e.data as Partial<Basis>).filter((data) => data?.basis !== undefined);
  const last = named.at(-1);
  return { basis: last?.basis ?? 'guaranteed', reasons: last?.reasons ?? [] };
}

export function TicketSlaPanel(props: { sla: SlaBlock; basis: Basis }) {
  const { sla, basis } = props;
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
      {basis.basis === 'best_effort' && (
        <Text size="xs" c="dimmed" data-testid="sla-basis">
          <Text span size="xs" fw={600} c="var(--mantine-color-text)">
            Best effort:
          </Text>{' '}
          an asset it names is {basis.reasons.map((r) => reasonWords[r]).join(' and ')}, so its targets are
          measured but not guaranteed (they never count against the agreement's SLA).
        </Text>
      )}
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
