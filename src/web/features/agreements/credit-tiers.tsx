// Compliance tiers of a penalty schedule: when the month's guaranteed compliance falls below a threshold, a
// credit of a percentage of the month's recurring fees (the lowest threshold the month is below applies).
import { ActionIcon, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { parseMoney } from '../../../shared/money.ts';
import { money } from './agreement-display.tsx';
import type { FormValues, SectionProps } from './agreement-form.ts';
import { emptyTier, MAX_TIERS, type PenaltyValues, penaltyPath } from './service-credits-form.ts';

/** What the recurring fees typed above come to a month (unreadable lines count as nothing). */
function monthlyFeesCents(lines: FormValues['recurringLines'], currency: string): number {
  return lines.reduce((sum, line) => {
    const price = parseMoney(line.unitPrice, currency) ?? 0;
    return sum + Math.max(Number(line.quantity) || 0, Number(line.minimumQuantity) || 0) * price;
  }, 0);
}

export function CreditTiers(
  props: SectionProps & { setPenalty: (patch: Partial<PenaltyValues>, clear: string[]) => void },
) {
  const { values, errors, currency, readOnly, setPenalty } = props;
  const tiers = values.penalty.tiers;
  const fees = monthlyFeesCents(values.recurringLines, currency);
  const tierErrors = Object.keys(errors).filter((path) => path.startsWith(penaltyPath('tiers')));
  const update = (index: number, patch: Partial<(typeof tiers)[number]>, field: string) =>
    setPenalty({ tiers: tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)) }, [
      penaltyPath('tiers', index, field),
      penaltyPath('tiers'),
    ]);

  /** "= US$54.00 of US$540.00 a month", so the percentage reads as money. */
  function creditEffect(percent: number | string): string | undefined {
    if (percent === '' || !Number.isFinite(Number(percent)) || fees === 0) return undefined;
    return `= ${money(Math.round((fees * Number(percent)) / 100), currency)} of ${money(fees, currency)}`;
  }

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Compliance tiers
      </Text>
      <Text size="xs" c="dimmed" mt={-4}>
        Optional. When a month's guaranteed compliance (targets met of those decided) falls below a threshold,
        the client gets one credit of a share of that month's recurring fees instead of the per-target
        credits. The lowest threshold the month falls below applies.
      </Text>
      {tiers.length > 0 && (
        <Table aria-label="Compliance tiers" withRowBorders={false} maw={520} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>Compliance below</Table.Th>
              <Table.Th>Credit, % of monthly fees</Table.Th>
              {!readOnly && <Table.Th w={40} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tiers.map((tier, index) => {
              const n = index + 1;
              return (
                <Table.Tr key={tier.key} style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <NumberInput
                      readOnly={readOnly}
                      aria-label={`Compliance below, tier ${n}`}
                      placeholder="95"
                      suffix=" %"
                      min={0}
                      max={100}
                      decimalScale={2}
                      allowNegative={false}
                      clampBehavior="none"
                      value={tier.belowPercent}
                      error={errors[penaltyPath('tiers', index, 'belowPercent')]}
                      onChange={(belowPercent) => update(index, { belowPercent }, 'belowPercent')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      readOnly={readOnly}
                      aria-label={`Credit, tier ${n}`}
                      placeholder="5"
                      suffix=" %"
                      min={1}
                      max={100}
                      allowDecimal={false}
                      allowNegative={false}
                      clampBehavior="none"
                      description={creditEffect(tier.creditPercent)}
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      value={tier.creditPercent}
                      error={errors[penaltyPath('tiers', index, 'creditPercent')]}
                      onChange={(creditPercent) => update(index, { creditPercent }, 'creditPercent')}
                    />
                  </Table.Td>
                  {!readOnly && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        mt={6}
                        aria-label={`Remove tier ${n}`}
                        // Rows after it move up: their errors no longer point at the right row.
                        onClick={() => setPenalty({ tiers: tiers.filter((_, i) => i !== index) }, tierErrors)}
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
      {errors[penaltyPath('tiers')] && (
        <Text size="xs" c="red" role="alert">
          {errors[penaltyPath('tiers')]}
        </Text>
      )}
      {!readOnly && (
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={tiers.length >= MAX_TIERS}
            onClick={() => setPenalty({ tiers: [...tiers, emptyTier()] }, [penaltyPath('tiers')])}
          >
            Add tier
          </Button>
          {tiers.length >= MAX_TIERS && (
            <Text size="xs" c="dimmed">
              At most {MAX_TIERS} tiers.
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
