// A calendar's history: every changed definition is a version, so past SLA figures keep the hours they used.
import { Badge, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { summarizeHours } from './calendar-hours.ts';
import { calendarVersionsQuery } from './settings-api.ts';

export function CalendarVersions(props: { calendarId: string; timeZone: string }) {
  const versions = useQuery(calendarVersionsQuery(props.calendarId));
  return (
    <Paper withBorder p="md">
      <Text fw={600} size="sm" mb="xs">
        Versions
      </Text>
      {versions.isPending ? (
        <Skeleton height={36} />
      ) : versions.isError ? (
        <Text size="sm" c="red">
          {versions.error.message}
        </Text>
      ) : (
        <Stack gap={8}>
          {versions.data.slice(0, 5).map((version) => (
            <Group key={version.version} gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="light" color="gray" w={40}>
                v{version.version}
              </Badge>
              <Stack gap={0} miw={0}>
                <Text size="sm" truncate>
                  {summarizeHours(version.weeklyHours)}
                </Text>
                <Group gap={4}>
                  <Text size="xs" c="dimmed">
                    {version.timeZone} · {version.holidays.length}{' '}
                    {version.holidays.length === 1 ? 'holiday' : 'holidays'} ·
                  </Text>
                  <RelativeTime value={version.createdAt} size="xs" />
                </Group>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
