// Live "when would it be due?" for a saved calendar: a start in the calendar's zone plus business minutes,
// answered by the server's business-time engine (GET /calendars/{id}/due).
import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import {
  formatDateTime,
  formatMinutes,
  instantToZonedWallTime,
  zonedWallTimeToInstant,
} from '../../ui/format.ts';
import { dueQuery } from './settings-api.ts';

const minutePresets = [30, 60, 240, 480, 960];

/** Wall-clock time between two instants, e.g. "3 d 17 h later". */
function elapsedText(fromMs: number, toMs: number): string {
  const minutes = Math.round((toMs - fromMs) / 60_000);
  return minutes <= 0 ? 'at the start' : `${formatMinutes(minutes)} of clock time later`;
}

export function DuePreview(props: {
  calendarId: string;
  timeZone: string;
  version: number;
  isDirty: boolean;
}) {
  const [start, setStart] = useState(() => instantToZonedWallTime(Date.now(), props.timeZone));
  const [minutes, setMinutes] = useState<number>(240);
  const [debounced] = useDebouncedValue({ start, minutes }, 300);

  const fromInstant = zonedWallTimeToInstant(debounced.start, props.timeZone);
  const fromIso = fromInstant?.toISOString();
  const isValidMinutes = Number.isInteger(debounced.minutes) && debounced.minutes >= 0;
  const due = useQuery({
    ...dueQuery(props.calendarId, fromIso ?? '', debounced.minutes),
    enabled: Boolean(fromIso) && isValidMinutes,
  });

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="sm">
          Due-time preview
        </Text>
        <Badge variant="light" color="gray">
          v{props.version}
        </Badge>
      </Group>
      <Stack gap="sm">
        <TextInput
          label={`Start (${props.timeZone})`}
          type="datetime-local"
          value={start}
          onChange={(event) => setStart(event.currentTarget.value)}
          error={start && !zonedWallTimeToInstant(start, props.timeZone) ? 'Pick a date and time' : undefined}
        />
        <NumberInput
          label="Business minutes"
          min={0}
          max={525_600}
          step={15}
          allowDecimal={false}
          value={minutes}
          onChange={(value) =>
            setMinutes(typeof value === 'number' ? value : Number.parseInt(value, 10) || 0)
          }
          description={formatMinutes(minutes, 'Zero: when the clock would start')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <Group gap={4}>
          {minutePresets.map((preset) => (
            <Button
              key={preset}
              size="compact-xs"
              variant={preset === minutes ? 'light' : 'subtle'}
              color={preset === minutes ? undefined : 'gray'}
              onClick={() => setMinutes(preset)}
            >
              {formatMinutes(preset)}
            </Button>
          ))}
        </Group>

        <section aria-label="Due time" aria-live="polite">
          <Paper bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))" p="sm" radius="sm">
            {due.isPending && due.fetchStatus !== 'idle' ? (
              <Stack gap={6}>
                <Skeleton height={18} width="70%" />
                <Skeleton height={12} width="50%" />
              </Stack>
            ) : due.isError ? (
              <Group gap={6} wrap="nowrap" align="flex-start">
                <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" />
                <Text size="sm">
                  {isApiError(due.error, 422)
                    ? 'No business time within a year of this start. Give the calendar some open hours.'
                    : `${due.error.message}`}
                </Text>
              </Group>
            ) : due.data && fromInstant ? (
              <Stack gap={2}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                  Due
                </Text>
                <Text fw={600} size="lg" className="tabular" data-testid="due-local">
                  {formatDateTime(due.data.dueAt, props.timeZone)}
                </Text>
                <Text size="sm" c="dimmed" className="tabular">
                  {props.timeZone}
                </Text>
                <Text size="sm" className="tabular" data-testid="due-utc">
                  {formatDateTime(due.data.dueAt, 'UTC')} UTC
                </Text>
                <Text size="xs" c="dimmed">
                  {elapsedText(fromInstant.getTime(), Date.parse(due.data.dueAt))}
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                Pick a start and a number of minutes.
              </Text>
            )}
          </Paper>
        </section>

        {props.isDirty && (
          <Alert variant="light" color="yellow" icon={<IconInfoCircle size={16} />} p="xs">
            <Text size="xs">The preview uses the saved calendar. Save your changes to preview them.</Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
