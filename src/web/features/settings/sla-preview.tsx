// "A ticket opened now": when each priority's first response and resolution would fall due, from the server.
import { ActionIcon, Group, Paper, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SlaTargets } from '../../../shared/api/sla-policies.ts';
import { isApiError } from '../../api/client.ts';
import { formatDateTime, formatRelative } from '../../ui/format.ts';
import { type Calendar, dueQuery } from './settings-api.ts';
import { priorities } from './sla-targets-table.tsx';

function minuteNow(): string {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
}

function DueCell(props: { calendar: Calendar | undefined; from: string; minutes: number }) {
  const { calendar } = props;
  const isValid = Number.isInteger(props.minutes) && props.minutes > 0;
  const due = useQuery({
    ...dueQuery(calendar?.id ?? '', props.from, props.minutes),
    enabled: Boolean(calendar) && isValid,
  });
  if (!calendar)
    return (
      <Text size="sm" c="dimmed">
        Pick a calendar
      </Text>
    );
  if (!isValid)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (due.isPending) return <Skeleton height={14} width={150} />;
  if (due.isError) {
    return (
      <Text size="sm" c="orange">
        {isApiError(due.error, 422) ? 'Never (no business time)' : due.error.message}
      </Text>
    );
  }
  return (
    <Tooltip label={`${formatDateTime(due.data.dueAt, 'UTC')} UTC`}>
      <div>
        <Text size="sm" className="tabular">
          {formatDateTime(due.data.dueAt, calendar.timeZone)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatRelative(due.data.dueAt, Date.parse(props.from))} · {calendar.timeZone}
        </Text>
      </div>
    </Tooltip>
  );
}

export function SlaPreview(props: { targets: SlaTargets; calendarId: string | null; calendars: Calendar[] }) {
  const [from, setFrom] = useState(minuteNow);
  // Typing "240" should ask the server once, not for 2, 24 and 240.
  const [targets] = useDebouncedValue(props.targets, 300);
  const calendarFor = (id: string | undefined) =>
    props.calendars.find((calendar) => calendar.id === (id ?? props.calendarId));

  return (
    <Paper withBorder>
      <Group
        justify="space-between"
        wrap="nowrap"
        px="sm"
        py={8}
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <div>
          <Text fw={600} size="sm">
            A ticket opened now
          </Text>
          <Text size="xs" c="dimmed">
            Opened {formatDateTime(from)} (your time)
          </Text>
        </div>
        <Tooltip label="Recalculate from the current time">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label="Recalculate from now"
            onClick={() => setFrom(minuteNow())}
          >
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Table verticalSpacing={6} aria-label="Due times for a ticket opened now">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>Priority</Table.Th>
            <Table.Th>Respond by</Table.Th>
            <Table.Th>Resolve by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {priorities.map((priority) => {
            const target = targets[priority];
            const calendar = calendarFor(target.calendarId);
            return (
              <Table.Tr key={priority}>
                <Table.Td fw={600}>{priority}</Table.Td>
                <Table.Td>
                  <DueCell calendar={calendar} from={from} minutes={target.firstResponseMinutes} />
                </Table.Td>
                <Table.Td>
                  <DueCell calendar={calendar} from={from} minutes={target.resolutionMinutes} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
