// An invoice as a PDF a client can file and pay from: who bills whom, when it is due, every line (the $0
// ones with their worth), taxes per code and the total, "Page n of m" on each page. Drafts and void
// invoices say so on every page. The same invoice always gives the same bytes: the document's dates come
// from the invoice, never from the clock.
import PDFDocument from 'pdfkit';
import type { CreditNote } from '../../../../shared/api/credit-notes.ts';
import type { Invoice } from '../../../../shared/api/invoices.ts';
import { creditNoteAsInvoice } from './credit-note-shape.ts';
import {
  pdfColor as color,
  columnsBetween,
  drawLine,
  drawTableHeader,
  type TableLayout,
} from './pdf-table.ts';
import { longDate, paymentTermsText, pdfMoney, percentText, periodInWords, toWinAnsi } from './pdf-text.ts';

export interface InvoiceParties {
  organization: { name: string };
  /** The address as the client wants it printed, lines separated by line breaks. */
  client: { name: string; address: string };
}

export interface InvoicePdfOptions {
  /** Deflate page content (the default); off, the text can be read in the raw file. */
  compress?: boolean;
  /** Default: Letter for USD, CAD and MXN, the currencies of countries that print on Letter; A4 elsewhere. */
  pageSize?: 'A4' | 'LETTER';
}

type Doc = PDFKit.PDFDocument;
interface Layout extends TableLayout {
  parties: InvoiceParties;
  printed: Printed;
}

/** What the page says about the document: an invoice, or a credit note printed with the same layout. */
interface Printed {
  title: string;
  heading: string;
  numberLine: string;
  /** How a loose page or a footer names the document. */
  which: string;
  meta: [string, string][];
  intro: string;
}

function invoicePrinted(invoice: Invoice): Printed {
  const isDraft = invoice.status === 'draft';
  return {
    title: documentTitle(invoice),
    heading: isDraft ? 'DRAFT' : 'INVOICE',
    numberLine: isDraft ? 'Not a tax invoice' : `No. ${invoice.number ?? ''}`,
    which: invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice',
    meta: [
      ['Issue date', invoice.issuedOn ? longDate(invoice.issuedOn) : 'Not issued'],
      ['Due date', invoice.dueOn ? longDate(invoice.dueOn) : 'Not set'],
      ['Payment terms', paymentTermsText(invoice.paymentTermsDays)],
    ],
    intro: periodInWords(invoice.period, invoice.labourThrough),
  };
}

const margin = 50;
const footerHeight = 28;
const continuedContentTop = margin + 30;
const letterCurrencies = new Set(['USD', 'CAD', 'MXN']);

export function renderInvoicePdf(
  invoice: Invoice,
  parties: InvoiceParties,
  options: InvoicePdfOptions = {},
): Promise<Buffer> {
  return render(invoice, invoicePrinted(invoice), parties, options);
}

/**
 * A credit note in the invoice's layout: each line names the invoice line it reduces and what is credited
 * of it, with that line's tax; the totals are what the client is credited.
 */
export function renderCreditNotePdf(
  note: CreditNote,
  parties: InvoiceParties,
  options: InvoicePdfOptions = {},
): Promise<Buffer> {
  const asInvoice = creditNoteAsInvoice(note);
  const reason = note.reason.trim().replace(/[.!?]*$/, '');
  return render(
    asInvoice,
    {
      title: `Credit note ${note.number}`,
      heading: 'CREDIT NOTE',
      numberLine: `No. ${note.number}`,
      which: `Credit note ${note.number}`,
      meta: [
        ['Issue date', longDate(note.issuedOn)],
        ['Credits invoice', note.invoiceNumber],
      ],
      intro: `Credits invoice ${note.invoiceNumber}: ${reason}.`,
    },
    parties,
    options,
  );
}

function render(
  invoice: Invoice,
  printed: Printed,
  parties: InvoiceParties,
  options: InvoicePdfOptions,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: options.pageSize ?? (letterCurrencies.has(invoice.currency) ? 'LETTER' : 'A4'),
    margin,
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: toWinAnsi(printed.title),
      Author: toWinAnsi(parties.organization.name),
      Subject: toWinAnsi(`${parties.client.name}, ${invoice.period}`),
      Creator: 'Accord',
      CreationDate: new Date(invoice.finalizedAt ?? invoice.builtAt),
      ...(invoice.voidedAt ? { ModDate: new Date(invoice.voidedAt) } : {}),
    },
  });
  const bytes = collect(doc);
  const right = doc.page.width - margin;
  const layout: Layout = {
    doc,
    invoice,
    parties,
    printed,
    left: margin,
    right,
    bottom: doc.page.height - margin - footerHeight,
    columns: columnsBetween(margin, right),
    nextPage: () => startNextPage(layout),
  };
  let y = drawFirstPageHeader(layout);
  y = drawTableHeader(layout, y);
  for (const line of invoice.lines) y = drawLine(layout, line, y);
  drawTotals(layout, y + 10);
  drawPageFurniture(layout);
  doc.end();
  return bytes;
}

function documentTitle(invoice: Invoice): string {
  if (invoice.status === 'draft') return `Draft invoice, ${invoice.period}`;
  return `Invoice ${invoice.number ?? ''}${invoice.status === 'void' ? ' (void)' : ''}`;
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function drawFirstPageHeader(layout: Layout): number {
  const { doc, invoice, parties, printed, left, right } = layout;
  const width = right - left;
  const top = margin;
  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor(color.ink)
    .text(toWinAnsi(parties.organization.name), left, top, { width: width * 0.55 });
  const organizationBottom = doc.y;

  const blockWidth = width * 0.42;
  const blockX = right - blockWidth;
  const isDraft = invoice.status === 'draft';
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(isDraft ? color.draft : color.ink)
    .text(printed.heading, blockX, top, { width: blockWidth, align: 'right' });
  doc.font('Helvetica').fontSize(11).text(toWinAnsi(printed.numberLine), blockX, doc.y, {
    width: blockWidth,
    align: 'right',
  });
  if (invoice.status === 'void') {
    doc
      .font('Helvetica-Bold')
      .fontSize(16)
      .fillColor(color.void)
      .text('VOID', blockX, doc.y + 2, { width: blockWidth, align: 'right' });
  }
  let metaY = doc.y + 10;
  for (const [label, value] of printed.meta) {
    doc.font('Helvetica').fontSize(9).fillColor(color.muted).text(label, blockX, metaY, { lineBreak: false });
    doc
      .font('Helvetica-Bold')
      .fillColor(color.ink)
      .text(value, blockX, metaY, { width: blockWidth, align: 'right', lineBreak: false });
    metaY += 14;
  }

  const billToWidth = width * 0.5;
  const billToY = Math.max(organizationBottom + 24, top + 64);
  doc.font('Helvetica-Bold').fontSize(8).fillColor(color.muted).text('BILL TO', left, billToY);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(color.ink)
    .text(toWinAnsi(parties.client.name), left, doc.y + 3, { width: billToWidth });
  const address = toWinAnsi(parties.client.address.trim());
  if (address !== '') {
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(address, left, doc.y + 1, { width: billToWidth });
  }

  let y = Math.max(doc.y, metaY) + 20;
  doc.font('Helvetica').fontSize(10).fillColor(color.ink).text(toWinAnsi(printed.intro), left, y, { width });
  y = doc.y;
  if (invoice.status === 'void') {
    const when = invoice.voidedAt ? ` on ${longDate(invoice.voidedAt.slice(0, 10))}` : '';
    const reason = invoice.voidReason?.trim().replace(/[.!?]*$/, '') ?? '';
    const why = reason === '' ? '.' : `: ${reason}.`;
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(color.void)
      .text(toWinAnsi(`This invoice was voided${when}${why} Nothing on it is payable.`), left, y + 6, {
        width,
      });
    y = doc.y;
  }
  return y + 14;
}

/** A later page's header: enough to tell whose invoice a loose page belongs to. */
function startNextPage(layout: Layout): number {
  const { doc, parties, printed, left, right } = layout;
  doc.addPage();
  const width = right - left;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(color.ink)
    .text(toWinAnsi(parties.organization.name), left, margin, { width: width * 0.6, lineBreak: false });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(color.muted)
    .text(toWinAnsi(`${printed.which} (continued)`), left, margin + 1, {
      width,
      align: 'right',
      lineBreak: false,
    });
  doc
    .moveTo(left, margin + 18)
    .lineTo(right, margin + 18)
    .lineWidth(0.5)
    .strokeColor(color.rule)
    .stroke();
  return continuedContentTop;
}

function drawTotals(layout: Layout, top: number): void {
  const { doc, invoice, left, right } = layout;
  const money = (cents: number) => pdfMoney(cents, invoice.currency);
  const rows: [string, string][] = [
    [invoice.pricesIncludeTax ? 'Subtotal excluding tax' : 'Subtotal', money(invoice.subtotalCents)],
  ];
  for (const tax of invoice.taxes) {
    if (tax.rateBasisPoints === 0 && tax.taxCents === 0) continue;
    const rate = percentText(tax.rateBasisPoints);
    const name = tax.name.includes(rate) ? tax.name : `${tax.name} ${rate}`;
    rows.push([toWinAnsi(invoice.pricesIncludeTax ? `Includes ${name}` : name), money(tax.taxCents)]);
  }
  if (rows.length === 1) rows.push([invoice.taxExempt ? 'Tax (exempt)' : 'Tax', money(invoice.taxCents)]);
  const notes: string[] = [];
  if (invoice.pricesIncludeTax) notes.push('Prices include tax.');
  if (invoice.taxExempt) {
    notes.push(toWinAnsi(`Tax exempt: ${invoice.taxExemptionReference ?? 'no reference on file'}`));
  }

  const needed = rows.length * 16 + 34;
  let y = top;
  if (y + needed > layout.bottom) y = startNextPage(layout);
  const blockWidth = 250;
  const blockX = right - blockWidth;
  for (const [label, value] of rows) {
    doc.font('Helvetica').fontSize(9.5).fillColor(color.ink).text(label, blockX, y, { width: 160 });
    doc.text(value, blockX + 160, y, { width: blockWidth - 164, align: 'right' });
    y += 16;
  }
  doc.moveTo(blockX, y).lineTo(right, y).lineWidth(1).strokeColor(color.ink).stroke();
  y += 6;
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(`Total ${invoice.currency}`, blockX, y, { width: 140 })
    .text(money(invoice.totalCents), blockX + 140, y, { width: blockWidth - 144, align: 'right' });

  let noteY = top;
  for (const note of notes) {
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(color.muted)
      .text(note, left, noteY, { width: blockX - left - 20 });
    noteY = doc.y + 4;
  }
}

/** Footers ("Page n of m" needs the count, so they go on last) and the draft or void mark on every page. */
function drawPageFurniture(layout: Layout): void {
  const { doc, invoice, parties, printed, left, right } = layout;
  const { start, count } = doc.bufferedPageRange();
  const which = printed.which;
  const mark =
    invoice.status === 'draft'
      ? { word: 'DRAFT', fill: color.draft }
      : invoice.status === 'void'
        ? { word: 'VOID', fill: color.void }
        : null;
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const page = doc.page;
    // Text below the bottom margin would make pdfkit start a new page.
    page.margins.bottom = 0;
    const footerY = page.height - margin + 8;
    doc
      .moveTo(left, footerY - 6)
      .lineTo(right, footerY - 6)
      .lineWidth(0.5)
      .strokeColor(color.rule)
      .stroke();
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(color.muted)
      .text(toWinAnsi(`${parties.organization.name} · ${which}`), left, footerY, { lineBreak: false })
      .text(`Page ${index - start + 1} of ${count}`, left, footerY, {
        width: right - left,
        align: 'right',
        lineBreak: false,
      });
    if (mark) {
      doc.save();
      doc.rotate(-35, { origin: [page.width / 2, page.height / 2] });
      doc
        .font('Helvetica-Bold')
        .fontSize(130)
        .fillColor(mark.fill, 0.1)
        .text(mark.word, 0, page.height / 2 - 55, { width: page.width, align: 'center', lineBreak: false });
      doc.restore();
    }
    page.margins.bottom = margin;
  }
}
