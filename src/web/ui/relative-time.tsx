// An instant shown relative to now ("3 h ago") with the absolute time and zone on hover (UI.md).
import { Text, Tooltip } from '@mantine/core';
import { browserTimeZone, formatDateTime, formatRelative } from './format.ts';
import { useNow } from './use-now.ts';

export function RelativeTime(props: { value: string; timeZone?: string; size?: string }) {
  const now = useNow(30_000);
  const zone = props.timeZone ?? browserTimeZone();
  return (
    <Tooltip label={`${formatDateTime(props.value, zone)} (${zone})`}>
      <Text component="time" dateTime={props.value} size={props.size ?? 'sm'} c="dimmed" className="tabular">
        {formatRelative(props.value, now)}
      </Text>
    </Tooltip>
  );
}
