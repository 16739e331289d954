// The credit notes issued against an invoice, oldest first: number and why, date, how much (tax included)
// and the PDF. The invoice carries their numbers and totals; the reasons come from the credit note list.
import { Anchor, Paper, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatDate } from '../../ui/format.ts';
import { creditNoteListQuery, creditNotePdfUrl } from './credit-notes-api.ts';
import { HeadCell, money } from './invoice-display.tsx';
import type { Invoice } from './invoices-api.ts';

const columns = [
  { label: 'Credit note', width: undefined },
  { label: 'Issued', width: 130 },
  { label: 'Total', width: 110 },
  { label: 'PDF', width: 70 },
] as const;

export function InvoiceCreditNotes(props: { invoice: Invoice }) {
  const { invoice } = props;
  const summaries = useQuery(creditNoteListQuery({ invoiceId: invoice.id }));
  const reasons = new Map((summaries.data ?? []).map((note) => [note.id, note.reason]));
  return (
    <Paper withBorder radius="sm" style={{ flex: 1, overflow: 'clip' }}>
      <Table aria-label="Credit notes" verticalSpacing={6} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            {columns.map(({ label, width }) => (
              <HeadCell key={label} w={width} align={label === 'Total' ? 'right' : undefined}>
                {label === 'Credit note' ? 'Credit notes' : label}
              </HeadCell>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.creditNotes.map((note) => (
            <Table.Tr key={note.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {note.number}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2} title={reasons.get(note.id)}>
                  {reasons.get(note.id) ?? '\u00a0'}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(note.issuedOn)}</Table.Td>
              <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" c="teal" fw={500}>
                  {money(-note.totalCents, invoice.currency)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor href={creditNotePdfUrl(note.id)} size="sm" aria-label={`Download ${note.number} PDF`}>
                  <IconDownload size={14} style={{ verticalAlign: -2 }} /> PDF
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
