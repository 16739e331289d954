// Credit notes as CSV, one row per credited line: Xero's credit note import (its sales invoice template
// with the number and date columns named for credit notes, amounts positive: Xero knows a credit note
// credits) and a plain file for spreadsheets.
import type { CreditNote } from '../../../../shared/api/credit-notes.ts';
import { centsToDecimal } from '../../../../shared/money.ts';
import { creditNoteAsInvoice } from './credit-note-shape.ts';
import {
  type Cell,
  encodeCell,
  formatDate,
  type InvoiceCsvOptions,
  num,
  taxType,
  xeroHeader,
} from './invoice-csv.ts';

export type CreditNoteCsvFormat = 'xero' | 'plain';

export const xeroCreditNoteHeader = xeroHeader.map((column) =>
  column === '*InvoiceNumber' ? '*CreditNoteNumber' : column === '*InvoiceDate' ? '*CreditNoteDate' : column,
);

export const plainCreditNoteHeader = [
  'Number',
  'Client',
  'Credits invoice',
  'Issued',
  'Reason',
  'Description',
  'Amount',
  'Tax code',
  'Tax rate %',
  'Tax amount',
  'Currency',
] as const;

export function creditNotesToCsv(
  notes: readonly CreditNote[],
  format: CreditNoteCsvFormat,
  options: InvoiceCsvOptions,
): string {
  const rows: Cell[][] = [format === 'xero' ? xeroCreditNoteHeader : [...plainCreditNoteHeader]];
  for (const note of notes) {
    const asInvoice = creditNoteAsInvoice(note);
    const money = (cents: number) => num(centsToDecimal(cents, note.currency));
    for (const line of asInvoice.lines) {
      if (format === 'plain') {
        rows.push([
          note.number,
          note.clientName,
          note.invoiceNumber,
          note.issuedOn,
          note.reason,
          line.description,
          money(line.amountCents),
          line.taxCodeName ?? '',
          num(String(note.taxExempt ? 0 : line.taxRateBasisPoints / 100)),
          money(line.taxCents),
          note.currency,
        ]);
        continue;
      }
      rows.push([
        options.clientNames?.[note.clientId] ?? note.clientName,
        ...Array<string>(9).fill(''),
        note.number,
        `Credits ${note.invoiceNumber}`,
        formatDate(note.issuedOn, options.dateFormat ?? 'DD/MM/YYYY'),
        '',
        money(note.totalCents),
        '',
        line.description,
        num('1'),
        money(line.amountCents),
        '',
        options.revenueAccountCode,
        taxType(asInvoice, line, options),
        money(line.taxCents),
        '',
        '',
        '',
        '',
        note.currency,
        '',
      ]);
    }
  }
  return rows.map((row) => `${row.map(encodeCell).join(',')}\r\n`).join('');
}
