// An instant shown relative to now ("3 h ago") with the absolute time and zone on hover (UI.md).
import { Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { browserTimeZone, formatDateTime, formatRelative } from './format.ts';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

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
