// The bottom of an invoice: subtotal, each tax with the amount it is on, the total; what credit notes took
// off it and the balance after them; whether prices include tax, and a tax-exempt client's exemption reference.
import { Divider, Group, Paper, Stack, Text } from '@mantine/core';
import { money, taxLabel } from './invoice-display.tsx';
import type { Invoice } from './invoices-api.ts';

/** One line of an invoice's totals: a label and its amount, the total's stronger. */
export function TotalRow(props: { label: string; value: string; strong?: boolean; color?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="lg" align="baseline">
      <Text size={props.strong ? 'md' : 'sm'} fw={props.strong ? 600 : undefined}>
        {props.label}
      </Text>
      <Text
        size={props.strong ? 'lg' : 'sm'}
        fw={props.strong ? 700 : undefined}
        c={props.color}
        className="tabular"
        style={{ whiteSpace: 'nowrap' }}
      >
        {props.value}
      </Text>
    </Group>
  );
}

export function InvoiceTotals(props: { invoice: Invoice }) {
  const { invoice } = props;
  const format = (cents: number) => money(cents, invoice.currency);
  // A code with no rate and no tax adds nothing to read; the lines still say it.
  const taxes = invoice.taxes.filter((tax) => tax.rateBasisPoints !== 0 || tax.taxCents !== 0);
  return (
    <Paper withBorder p="md" w={{ base: '100%', sm: 440 }} ml="auto" component="section" aria-label="Totals">
      <Stack gap={6}>
        <TotalRow
          label={invoice.pricesIncludeTax ? 'Subtotal before tax' : 'Subtotal'}
          value={format(invoice.subtotalCents)}
        />
        {taxes.map((tax) => {
          const name = taxLabel(tax.name, tax.rateBasisPoints);
          return (
            <TotalRow
              key={`${tax.taxCodeId ?? tax.name}:${tax.rateBasisPoints}`}
              label={
                invoice.pricesIncludeTax
                  ? `${name} included in ${format(tax.amountCents)}`
                  : `${name} on ${format(tax.amountCents)}`
              }
              value={format(tax.taxCents)}
            />
          );
        })}
        {invoice.taxExempt && (
          <TotalRow
            label={`Tax exempt${invoice.taxExemptionReference ? ` — reference ${invoice.taxExemptionReference}` : ''}`}
            value={format(0)}
          />
        )}
        <Divider my={2} />
        <TotalRow label="Total" value={format(invoice.totalCents)} strong />
        {invoice.creditNotes.length > 0 && (
          <>
            <TotalRow
              label={`Credited (${invoice.creditNotes.length} credit ${invoice.creditNotes.length === 1 ? 'note' : 'notes'})`}
              value={format(-invoice.creditedCents)}
              color="teal"
            />
            <Divider my={2} />
            <TotalRow
              label="Balance after credits"
              value={format(invoice.totalCents - invoice.creditedCents)}
              strong
            />
          </>
        )}
        {invoice.pricesIncludeTax && (
          <Text size="xs" c="dimmed" ta="right">
            Prices include tax
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
