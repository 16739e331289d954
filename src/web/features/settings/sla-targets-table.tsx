// P1-P4 targets: first response and resolution in business minutes, and the calendar each priority runs on.
import { NumberInput, Paper, Select, Table, Text } from '@mantine/core';
import type { Priority, SlaTargets } from '../../../shared/api/sla-policies.ts';
import { formatMinutes } from '../../ui/format.ts';
import type { Calendar } from './settings-api.ts';

// Kept here rather than imported from shared/api, which would pull zod into the browser bundle.
export const priorities: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

export const priorityNames: Record<Priority, string> = {
  P1: 'Critical',
  P2: 'High',
  P3: 'Normal',
  P4: 'Low',
};

function MinutesInput(props: {
  label: string;
  value: number;
  error?: string;
  onChange: (minutes: number) => void;
}) {
  return (
    <NumberInput
      aria-label={props.label}
      size="xs"
      w={110}
      min={1}
      max={525_600}
      step={15}
      allowDecimal={false}
      allowNegative={false}
      value={props.value}
      error={props.error}
      description={formatMinutes(props.value)}
      inputWrapperOrder={['input', 'description', 'error']}
      onChange={(value) =>
        props.onChange(typeof value === 'number' ? value : Number.parseInt(value, 10) || 0)
      }
      classNames={{ input: 'tabular' }}
    />
  );
}

export function SlaTargetsTable(props: {
  value: SlaTargets;
  onChange: (targets: SlaTargets) => void;
  calendars: Calendar[];
  errors: Record<string, string>;
}) {
  const { value, errors } = props;
  const calendarOptions = [
    { value: '', label: 'Policy calendar' },
    ...props.calendars.map((calendar) => ({ value: calendar.id, label: calendar.name })),
  ];

  function setTarget(priority: Priority, patch: Partial<SlaTargets[Priority]>) {
    const next = { ...value[priority], ...patch };
    if (next.calendarId === undefined) delete next.calendarId;
    props.onChange({ ...value, [priority]: next });
  }

  return (
    <Paper withBorder style={{ overflow: 'clip' }}>
      <Table verticalSpacing={8} aria-label="Targets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Priority</Table.Th>
            <Table.Th>First response</Table.Th>
            <Table.Th>Resolution</Table.Th>
            <Table.Th>Calendar</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {priorities.map((priority) => (
            <Table.Tr key={priority}>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text fw={600} size="sm" mt={4}>
                  {priority}
                </Text>
                <Text size="xs" c="dimmed">
                  {priorityNames[priority]}
                </Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <MinutesInput
                  label={`${priority} first response (minutes)`}
                  value={value[priority].firstResponseMinutes}
                  error={errors[`targets.${priority}.firstResponseMinutes`]}
                  onChange={(minutes) => setTarget(priority, { firstResponseMinutes: minutes })}
                />
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <MinutesInput
                  label={`${priority} resolution (minutes)`}
                  value={value[priority].resolutionMinutes}
                  error={
                    errors[`targets.${priority}.resolutionMinutes`] ??
                    (value[priority].resolutionMinutes < value[priority].firstResponseMinutes
                      ? 'Shorter than first response'
                      : undefined)
                  }
                  onChange={(minutes) => setTarget(priority, { resolutionMinutes: minutes })}
                />
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Select
                  aria-label={`${priority} calendar`}
                  size="xs"
                  w={200}
                  allowDeselect={false}
                  data={calendarOptions}
                  value={value[priority].calendarId ?? ''}
                  error={errors[`targets.${priority}.calendarId`]}
                  onChange={(id) => setTarget(priority, { calendarId: id || undefined })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text
        size="xs"
        c="dimmed"
        px="sm"
        py={8}
        style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      >
        Targets are business minutes: 480 is one 8-hour business day, not eight hours of clock time.
      </Text>
    </Paper>
  );
}
