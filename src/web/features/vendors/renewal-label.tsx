// A support contract's renewal date, marked when it has passed (red) or is within 30 days (amber); the
// word says it too, so colour is never the only signal.
import { Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClockExclamation } from '@tabler/icons-react';
import { formatDate } from '../../ui/format.ts';
import { daysUntil, localToday, renewalState } from './renewal.ts';

export function RenewalLabel(props: { renewsOn: string | null }) {
  if (!props.renewsOn) return <Text c="dimmed">—</Text>;
  const today = localToday();
  const state = renewalState(props.renewsOn, today);
  const days = daysUntil(props.renewsOn, today);
  if (state === 'later') return <Text size="sm">{formatDate(props.renewsOn)}</Text>;
  const isPast = state === 'past';
  const note = isPast
    ? `Passed ${-days} ${days === -1 ? 'day' : 'days'} ago`
    : days === 0
      ? 'Renews today'
      : `Renews in ${days} ${days === 1 ? 'day' : 'days'}`;
  return (
    <Tooltip label={note} withArrow>
      <Group gap={4} wrap="nowrap" c={isPast ? 'red' : 'orange'}>
        {isPast ? <IconAlertTriangle size={14} /> : <IconClockExclamation size={14} />}
        <Text size="sm" c="inherit" fw={500}>
          {formatDate(props.renewsOn)}
        </Text>
        <Text size="xs" c="inherit">
          {isPast ? 'passed' : 'soon'}
        </Text>
      </Group>
    </Tooltip>
  );
}
