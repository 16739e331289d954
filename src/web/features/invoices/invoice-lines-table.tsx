// An invoice's lines in the API's order, under a heading for each part (fees for the month, work before it,
// credits): what each is, why (the detail), quantity, price, tax and amount. $0 lines that show work the
// client does not pay for also show what it is worth; credits are negative.
import { Badge, Box, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Fragment } from 'react';
import { type InvoiceLineKind, invoiceLineKindLabels } from '../../../shared/api/invoices.ts';
import { valueShownKinds } from '../../../shared/billing/invoice-text.ts';
import { AnchorLink } from '../../ui/links.tsx';
import {
  dayBefore,
  dayLabel,
  formatQuantity,
  HeadCell,
  type LineGroup,
  lineGroup,
  money,
  monthInWords,
  perUnit,
  taxLabel,
} from './invoice-display.tsx';
import type { Invoice, InvoiceLine } from './invoices-api.ts';

/** Kinds obvious from their group need no badge; the rest say what they are. */
const plainKinds = new Set<InvoiceLineKind>(['recurring', 'labour']);

function groupTitle(group: LineGroup, invoice: Invoice): string {
  if (group === 'fees') return `Fees for ${monthInWords(invoice.period)}`;
  if (group === 'work') return `Work through ${dayLabel(dayBefore(invoice.labourThrough), invoice.period)}`;
  return 'Credits';
}

/** "#1018 Suspicious email…" with the ticket number linked to the ticket. */
function Description(props: { line: InvoiceLine }) {
  const { line } = props;
  if (!line.ticketId || line.ticketNumber === null) return line.description;
  const prefix = `#${line.ticketNumber}`;
  const rest = line.description.startsWith(prefix)
    ? line.description.slice(prefix.length)
    : ` ${line.description}`;
  return (
    <>
      <AnchorLink to="/tickets/$ticketId" params={{ ticketId: line.ticketId }} inherit>
        {prefix}
      </AnchorLink>
      {rest}
    </>
  );
}

function TaxCell(props: { line: InvoiceLine; taxExempt: boolean }) {
  const { line } = props;
  // The line keeps its code, but an exempt client pays none of it.
  if (props.taxExempt && line.taxCodeName) {
    return (
      <Tooltip label={`${taxLabel(line.taxCodeName, line.taxRateBasisPoints)}, not charged`}>
        <Text size="sm" c="dimmed">
          Exempt
        </Text>
      </Tooltip>
    );
  }
  if (!line.taxCodeName)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const label = taxLabel(line.taxCodeName, line.taxRateBasisPoints);
  return (
    <Text size="sm" c={line.taxRateBasisPoints === 0 ? 'dimmed' : undefined}>
      {label}
    </Text>
  );
}

function LineRow(props: { line: InvoiceLine; currency: string; taxExempt: boolean }) {
  const { line, currency } = props;
  const isValueLine = valueShownKinds.has(line.kind) && line.amountCents === 0;
  const isCredit = line.amountCents < 0;
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            <Description line={line} />
            {!plainKinds.has(line.kind) && (
              <Badge
                size="xs"
                variant="light"
                color={isCredit ? 'teal' : 'gray'}
                ml={6}
                style={{ verticalAlign: 'text-bottom' }}
              >
                {invoiceLineKindLabels[line.kind]}
              </Badge>
            )}
          </Text>
          {line.detail && (
            <Text size="xs" c="dimmed">
              {line.detail}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
        {formatQuantity(line.quantity, line.unit)}
      </Table.Td>
      <Table.Td ta="right" className="tabular">
        {isValueLine && line.unitPriceCents === 0 ? (
          <Text size="sm" c="dimmed" span>
            —
          </Text>
        ) : (
          <>
            {money(line.unitPriceCents, currency)}{' '}
            <Text span size="xs" c="dimmed">
              {perUnit(line.unit)}
            </Text>
          </>
        )}
      </Table.Td>
      <Table.Td>
        <TaxCell line={line} taxExempt={props.taxExempt} />
      </Table.Td>
      <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={500} c={isCredit ? 'teal' : undefined}>
          {money(line.amountCents, currency)}
        </Text>
        {isValueLine && line.valueCents !== 0 && (
          <Text size="xs" c="dimmed">
            value {money(line.valueCents, currency)}
          </Text>
        )}
        {line.creditedCents > 0 && (
          <Text size="xs" c="teal">
            credited {money(line.creditedCents, currency)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Fixed widths; Amount holds "credited US$12,345.00" under the amount. */
const columnWidths: Record<string, number | undefined> = {
  Description: undefined,
  Quantity: 96,
  'Unit price': 112,
  Tax: 130,
  Amount: 150,
};

export function InvoiceLinesTable(props: { invoice: Invoice }) {
  const { invoice } = props;
  if (invoice.lines.length === 0) {
    return (
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          No lines: nothing is billed yet. Approve the changed counts to bill them.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'clip' }}>
      {/* Not Table.ScrollContainer: its shrink-to-fit wrapper lets long descriptions push Amount out of view. */}
      <Box style={{ overflowX: 'auto' }}>
        <Table aria-label="Invoice lines" verticalSpacing={8} layout="fixed" miw={620}>
          <Table.Thead>
            <Table.Tr>
              {['Description', 'Quantity', 'Unit price', 'Tax', 'Amount'].map((header) => (
                <HeadCell
                  key={header}
                  align={header === 'Description' || header === 'Tax' ? undefined : 'right'}
                  w={columnWidths[header]}
                >
                  {header}
                </HeadCell>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line, index) => {
              const group = lineGroup(line.kind);
              const isNewGroup = index === 0 || lineGroup(invoice.lines[index - 1]!.kind) !== group;
              return (
                <Fragment key={line.id}>
                  {isNewGroup && (
                    <Table.Tr bg="var(--mantine-color-default-hover)">
                      <Table.Th colSpan={5} scope="colgroup">
                        <Text size="xs" fw={600}>
                          {groupTitle(group, invoice)}
                        </Text>
                      </Table.Th>
                    </Table.Tr>
                  )}
                  <LineRow line={line} currency={invoice.currency} taxExempt={invoice.taxExempt} />
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Box>
    </Paper>
  );
}
