// Recurring fees: catalog items billed monthly in advance, each at the larger of its quantity and its
// minimum commitment, with each line's monthly total and the agreement's sum.
import { ActionIcon, Button, Group, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { catalogCategories, catalogCategoryLabels } from '../../../shared/api/catalog.ts';
import { centsToDecimal, parseMoney } from '../../../shared/money.ts';
import { SectionCard } from '../../ui/section-card.tsx';
import { catalogItemsQuery } from '../settings/catalog-api.ts';
import { lineMonthlyCents, money } from './agreement-display.tsx';
import { emptyLine, type LineValues, type SectionProps } from './agreement-form.ts';
import { MoneyInput } from './money-input.tsx';

/** A line's monthly amount, or null while its numbers do not read. */
function lineCents(line: LineValues, currency: string): number | null {
  const unitPriceCents = parseMoney(line.unitPrice, currency);
  const quantity = Number(line.quantity);
  const minimumQuantity = Number(line.minimumQuantity);
  if (unitPriceCents === null || !Number.isInteger(quantity) || !Number.isInteger(minimumQuantity))
    return null;
  return lineMonthlyCents({ quantity, minimumQuantity, unitPriceCents });
}

export function RecurringLinesSection(props: SectionProps) {
  const { values, errors, set, currency, readOnly } = props;
  const catalog = useQuery(catalogItemsQuery);
  const lines = values.recurringLines;
  const items = catalog.data ?? [];
  const chosen = new Set(lines.map((line) => line.catalogItemId));
  // One invoice has one currency: only items priced in the client's are offered.
  const groups = catalogCategories
    .map((category) => ({
      group: catalogCategoryLabels[category],
      items: items
        .filter(
          (item) =>
            item.category === category &&
            item.currency === currency &&
            (!item.archived || chosen.has(item.id)),
        )
        .map((item) => ({ value: item.id, label: item.archived ? `${item.name} (archived)` : item.name })),
    }))
    .filter((group) => group.items.length > 0);

  const update = (index: number, patch: Partial<LineValues>, field: string) =>
    set(
      'recurringLines',
      lines.map((line, i) => (i === index ? { ...line, ...patch } : line)),
      [`recurringLines.${index}.${field}`],
    );
  function chooseItem(index: number, catalogItemId: string | null) {
    const item = items.find((candidate) => candidate.id === catalogItemId);
    const line = lines[index];
    // The catalog price is the usual starting point; a price already typed is kept.
    const unitPrice =
      item && line && !line.unitPrice.trim() ? centsToDecimal(item.priceCents, currency) : line?.unitPrice;
    update(index, { catalogItemId, unitPrice }, 'catalogItemId');
  }

  const totals = lines.map((line) => lineCents(line, currency));
  const sum = totals.every((cents) => cents !== null)
    ? totals.reduce<number>((total, cents) => total + (cents ?? 0), 0)
    : null;
  const error = (index: number, field: string) => errors[`recurringLines.${index}.${field}`];

  return (
    <SectionCard
      title="Recurring fees"
      description="Billed monthly in advance. Each line bills the larger of its quantity and its minimum."
    >
      {lines.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table aria-label="Recurring fees" withRowBorders={false} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Catalog item</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th w={96}>Quantity</Table.Th>
                <Table.Th w={96}>Minimum</Table.Th>
                <Table.Th w={140}>Unit price</Table.Th>
                <Table.Th w={120} ta="right">
                  Monthly
                </Table.Th>
                {!readOnly && <Table.Th w={40} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line, index) => {
                const cents = totals[index];
                const n = index + 1;
                return (
                  <Table.Tr key={line.key} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Select
                        readOnly={readOnly}
                        aria-label={`Catalog item of line ${n}`}
                        placeholder="Choose an item"
                        searchable
                        allowDeselect={false}
                        data={groups}
                        value={line.catalogItemId}
                        error={error(index, 'catalogItemId')}
                        onChange={(id) => chooseItem(index, id)}
                        nothingFoundMessage={`No item priced in ${currency}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        readOnly={readOnly}
                        aria-label={`Description of line ${n}`}
                        placeholder="As on the invoice"
                        maxLength={500}
                        value={line.description}
                        error={error(index, 'description')}
                        onChange={(event) =>
                          update(index, { description: event.currentTarget.value }, 'description')
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        readOnly={readOnly}
                        aria-label={`Quantity of line ${n}`}
                        min={0}
                        allowDecimal={false}
                        allowNegative={false}
                        value={line.quantity}
                        error={error(index, 'quantity')}
                        onChange={(quantity) => update(index, { quantity }, 'quantity')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        readOnly={readOnly}
                        aria-label={`Minimum quantity of line ${n}`}
                        min={0}
                        allowDecimal={false}
                        allowNegative={false}
                        value={line.minimumQuantity}
                        error={error(index, 'minimumQuantity')}
                        onChange={(minimumQuantity) => update(index, { minimumQuantity }, 'minimumQuantity')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <MoneyInput
                        readOnly={readOnly}
                        aria-label={`Unit price of line ${n}`}
                        currency={currency}
                        value={line.unitPrice}
                        error={error(index, 'unitPriceCents')}
                        onChange={(unitPrice) => update(index, { unitPrice }, 'unitPriceCents')}
                      />
                    </Table.Td>
                    <Table.Td ta="right" pt={10}>
                      <Text size="sm" className="tabular" data-testid={`line-${n}-monthly`}>
                        {cents == null ? '—' : money(cents, currency)}
                      </Text>
                    </Table.Td>
                    {!readOnly && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          mt={4}
                          aria-label={`Remove line ${n}`}
                          onClick={() =>
                            set(
                              'recurringLines',
                              lines.filter((_, i) => i !== index),
                              [
                                'catalogItemId',
                                'description',
                                'quantity',
                                'minimumQuantity',
                                'unitPriceCents',
                              ].map((field) => `recurringLines.${index}.${field}`),
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
            <Table.Tfoot>
              <Table.Tr style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
                <Table.Td colSpan={5}>
                  <Text size="sm" fw={600}>
                    Monthly total
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} className="tabular" data-testid="recurring-total">
                    {sum === null ? '—' : money(sum, currency)}
                  </Text>
                </Table.Td>
                {!readOnly && <Table.Td />}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
      {lines.length === 0 && (
        <Text size="sm" c="dimmed" mb={readOnly ? 0 : 'sm'}>
          No recurring fees{readOnly ? '.' : ' — add the services the client pays for every month.'}
        </Text>
      )}
      {catalog.isSuccess && groups.length === 0 && !readOnly && (
        <Text size="xs" c="dimmed" mb="sm">
          No catalog items are priced in {currency}. Add some under Settings → Service catalog.
        </Text>
      )}
      {errors.recurringLines && (
        <Text size="xs" c="red" mb="sm">
          {errors.recurringLines}
        </Text>
      )}
      {!readOnly && (
        <Group mt={lines.length > 0 ? 'sm' : 0}>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => set('recurringLines', [...lines, emptyLine()])}
          >
            Add recurring fee
          </Button>
        </Group>
      )}
    </SectionCard>
  );
}
