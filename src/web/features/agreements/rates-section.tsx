// Rates: the hourly rate, what after-hours, weekend and holiday work multiply it by, and work roles that
// bill at their own rate (an engineer dearer than a technician).
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { parseMoney } from '../../../shared/money.ts';
import { SectionCard } from '../../ui/section-card.tsx';
import { money } from './agreement-display.tsx';
import { type FormValues, newRowKey, type SectionProps } from './agreement-form.ts';
import { workRolesQuery } from './agreements-api.ts';
import { MoneyInput } from './money-input.tsx';

const tiers = [
  { key: 'afterHoursPercent', label: 'After hours' },
  { key: 'weekendPercent', label: 'Weekends' },
  { key: 'holidayPercent', label: 'Holidays' },
] as const satisfies { key: keyof FormValues; label: string }[];

export function RatesSection(props: SectionProps) {
  const { values, errors, set, currency, readOnly } = props;
  const hourlyCents = parseMoney(values.hourlyRate, currency);

  /** "= $225.00 an hour" under a tier, so the percentage reads as money. */
  function tierEffect(percent: number | string): string {
    if (percent === '') return 'Empty bills at the hourly rate.';
    if (hourlyCents === null || !Number.isInteger(Number(percent))) return '100–500 %';
    return `× ${Number(percent) / 100} = ${money(Math.round((hourlyCents * Number(percent)) / 100), currency)} an hour`;
  }

  return (
    <SectionCard
      title="Rates"
      description="What an hour of billable work costs, in the client's currency. Off-hours tiers multiply it; work roles may have their own rate."
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
          <MoneyInput
            readOnly={readOnly}
            label="Hourly rate"
            description="In business hours."
            required
            currency={currency}
            value={values.hourlyRate}
            error={errors.hourlyRateCents}
            onChange={(value) => set('hourlyRate', value)}
          />
          {tiers.map((tier) => (
            <NumberInput
              readOnly={readOnly}
              key={tier.key}
              label={tier.label}
              description={tierEffect(values[tier.key])}
              placeholder="Hourly rate"
              suffix=" %"
              min={100}
              max={500}
              step={25}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              value={values[tier.key]}
              error={errors[tier.key]}
              onChange={(value) => set(tier.key, value)}
            />
          ))}
        </SimpleGrid>
        <RoleRates {...props} />
      </Stack>
    </SectionCard>
  );
}

function RoleRates(props: SectionProps) {
  const { values, errors, set, currency, readOnly } = props;
  const roles = useQuery(workRolesQuery);
  const rows = values.roleRates;
  const update = (index: number, patch: Partial<FormValues['roleRates'][number]>, field: string) =>
    set(
      'roleRates',
      rows.map((row, i) => (i === index ? { ...row, ...patch } : row)),
      [`roleRates.${index}.${field}`],
    );

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Work role rates
      </Text>
      <Text size="xs" c="dimmed" mt={-4}>
        Time logged by someone with one of these roles bills at its rate instead of the hourly rate.
      </Text>
      {rows.length > 0 && (
        <Table aria-label="Work role rates" withRowBorders={false} maw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Work role</Table.Th>
              <Table.Th w={180}>Hourly rate</Table.Th>
              {!readOnly && <Table.Th w={40} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => {
              const taken = new Set(rows.filter((_, i) => i !== index).map((other) => other.workRoleId));
              const options = (roles.data ?? [])
                .filter((role) => !taken.has(role.id) && (!role.archived || role.id === row.workRoleId))
                .map((role) => ({
                  value: role.id,
                  label: role.archived ? `${role.name} (archived)` : role.name,
                }));
              return (
                <Table.Tr key={row.key}>
                  <Table.Td>
                    <Select
                      readOnly={readOnly}
                      aria-label={`Work role ${index + 1}`}
                      placeholder="Choose a role"
                      allowDeselect={false}
                      data={options}
                      value={row.workRoleId}
                      error={errors[`roleRates.${index}.workRoleId`]}
                      onChange={(workRoleId) => update(index, { workRoleId }, 'workRoleId')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <MoneyInput
                      readOnly={readOnly}
                      aria-label={`Hourly rate of work role ${index + 1}`}
                      currency={currency}
                      value={row.rate}
                      error={errors[`roleRates.${index}.hourlyRateCents`]}
                      onChange={(rate) => update(index, { rate }, 'hourlyRateCents')}
                    />
                  </Table.Td>
                  {!readOnly && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove work role rate ${index + 1}`}
                        onClick={() =>
                          set(
                            'roleRates',
                            rows.filter((_, i) => i !== index),
                            [`roleRates.${index}.workRoleId`, `roleRates.${index}.hourlyRateCents`],
                          )
                        }
                      >
                        <IconTrash size={15} />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {errors.roleRates && (
        <Text size="xs" c="red">
          {errors.roleRates}
        </Text>
      )}
      {!readOnly && (
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={roles.isSuccess && rows.length >= roles.data.filter((role) => !role.archived).length}
            onClick={() =>
              set('roleRates', [...rows, { key: newRowKey(), workRoleId: null, rate: values.hourlyRate }])
            }
          >
            Add work role rate
          </Button>
        </Group>
      )}
    </Stack>
  );
}
