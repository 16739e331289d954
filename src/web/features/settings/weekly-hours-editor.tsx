// Weekly opening hours: per day, open or closed, with any number of local time ranges ("24:00" may end one).
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Menu,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconCopy, IconPlus, IconX } from '@tabler/icons-react';
import {
  hourPresets,
  isClock,
  normalizeClock,
  type Range,
  type Weekday,
  type WeeklyHours,
  weekdays,
} from './calendar-hours.ts';

/** Names a range's inputs; the first range of a day reads simply "Monday opens". */
function rangeLabel(dayName: string, index: number, edge: 'opens' | 'closes'): string {
  return index === 0 ? `${dayName} ${edge}` : `${dayName} ${edge} (${index + 1})`;
}

export function WeeklyHoursEditor(props: {
  value: WeeklyHours;
  onChange: (hours: WeeklyHours) => void;
  /** API validation messages keyed by path, e.g. "weeklyHours.mon.0.1". */
  errors: Record<string, string>;
}) {
  const { value, onChange, errors } = props;

  function setDay(day: Weekday, ranges: Range[]) {
    onChange({ ...value, [day]: ranges });
  }

  function setEdge(day: Weekday, index: number, edge: 0 | 1, text: string) {
    const ranges = value[day].map((range, i) =>
      i === index ? (edge === 0 ? [text, range[1]] : [range[0], text]) : range,
    );
    setDay(day, ranges as Range[]);
  }

  function addRange(day: Weekday) {
    const last = value[day].at(-1);
    // A new range starts an hour after the last one closes, which is usually what a split shift looks like.
    const start = last && isClock(last[1]) && last[1] < '23:00' ? last[1] : '08:00';
    const startHour = Number(start.slice(0, 2));
    const end = `${String(Math.min(startHour + 4, 24)).padStart(2, '0')}:00`;
    setDay(day, [...value[day], [start, end === '24:00' || end > start ? end : '24:00']]);
  }

  function copyMondayToWeekdays() {
    const monday = value.mon.map((range) => [...range] as Range);
    onChange({ ...value, tue: monday, wed: monday, thu: monday, fri: monday });
  }

  return (
    <Paper withBorder>
      <Group
        justify="space-between"
        px="sm"
        py={8}
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Text size="sm" fw={600}>
          Weekly hours
        </Text>
        <Group gap={6}>
          <Tooltip label="Give Tuesday to Friday the same hours as Monday">
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              leftSection={<IconCopy size={14} />}
              onClick={copyMondayToWeekdays}
            >
              Copy Monday to weekdays
            </Button>
          </Tooltip>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
                Presets
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {hourPresets.map((preset) => (
                <Menu.Item key={preset.label} onClick={() => onChange(preset.hours())}>
                  {preset.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Table verticalSpacing={6} withRowBorders>
        <Table.Tbody>
          {weekdays.map((day) => {
            const ranges = value[day.key];
            const isOpen = ranges.length > 0;
            const dayError = errors[`weeklyHours.${day.key}`];
            return (
              <Table.Tr key={day.key}>
                <Table.Td w={150} style={{ verticalAlign: 'top' }}>
                  <Checkbox
                    mt={6}
                    label={day.name}
                    checked={isOpen}
                    onChange={(event) =>
                      setDay(day.key, event.currentTarget.checked ? [['08:00', '17:00']] : [])
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {isOpen ? (
                    <Stack gap={4}>
                      {ranges.map((range, index) => {
                        const rangeError =
                          errors[`weeklyHours.${day.key}.${index}`] ??
                          errors[`weeklyHours.${day.key}.${index}.0`] ??
                          errors[`weeklyHours.${day.key}.${index}.1`];
                        const isStartBad = !isClock(range[0]) || range[0] === '24:00';
                        const isEndBad = !isClock(range[1]) || (isClock(range[0]) && range[1] <= range[0]);
                        return (
                          // Ranges have no identity beyond their position; the index is the key.
                          // biome-ignore lint/suspicious/noArrayIndexKey: ranges are edited in place by position
                          <Group key={index} gap={6} wrap="nowrap" align="center">
                            <TextInput
                              aria-label={rangeLabel(day.name, index, 'opens')}
                              w={72}
                              size="xs"
                              value={range[0]}
                              error={isStartBad || Boolean(rangeError)}
                              onChange={(event) => setEdge(day.key, index, 0, event.currentTarget.value)}
                              onBlur={(event) =>
                                setEdge(day.key, index, 0, normalizeClock(event.currentTarget.value))
                              }
                              classNames={{ input: 'tabular' }}
                            />
                            <Text size="sm" c="dimmed">
                              to
                            </Text>
                            <TextInput
                              aria-label={rangeLabel(day.name, index, 'closes')}
                              w={72}
                              size="xs"
                              value={range[1]}
                              error={isEndBad || Boolean(rangeError)}
                              onChange={(event) => setEdge(day.key, index, 1, event.currentTarget.value)}
                              onBlur={(event) =>
                                setEdge(day.key, index, 1, normalizeClock(event.currentTarget.value))
                              }
                              classNames={{ input: 'tabular' }}
                            />
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              size="sm"
                              aria-label={`Remove ${day.name} hours ${range[0]}–${range[1]}`}
                              onClick={() =>
                                setDay(
                                  day.key,
                                  ranges.filter((_, i) => i !== index),
                                )
                              }
                            >
                              <IconX size={14} />
                            </ActionIcon>
                            {index === ranges.length - 1 && (
                              <Tooltip label="Add another range, e.g. after a lunch break">
                                <ActionIcon
                                  variant="subtle"
                                  size="sm"
                                  aria-label={`Add hours on ${day.name}`}
                                  onClick={() => addRange(day.key)}
                                >
                                  <IconPlus size={14} />
                                </ActionIcon>
                              </Tooltip>
                            )}
                            {rangeError && (
                              <Text size="xs" c="red">
                                {rangeError}
                              </Text>
                            )}
                          </Group>
                        );
                      })}
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed" mt={5}>
                      Closed
                    </Text>
                  )}
                  {dayError && (
                    <Text size="xs" c="red" mt={4}>
                      {dayError}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text
        size="xs"
        c="dimmed"
        px="sm"
        py={8}
        style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      >
        Times are local to the calendar's time zone, as HH:MM; use 24:00 to run to midnight.
      </Text>
    </Paper>
  );
}
