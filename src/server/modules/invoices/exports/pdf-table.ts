// The lines table of an invoice PDF: a header band, then a row per line (description with its detail
// under it, quantity, unit price, tax rate, amount, and the worth of a $0 line), breaking to a new page,
// with the header again, when a row would run into the footer.
import { type Invoice, type InvoiceLine, invoiceLineKindLabels } from '../../../../shared/api/invoices.ts';
import { quantityWithUnit, valueShownKinds } from '../../../../shared/billing/invoice-text.ts';
import { pdfMoney, percentText, toWinAnsi } from './pdf-text.ts';

type ColumnKey = 'description' | 'quantity' | 'price' | 'tax' | 'amount';
interface Column {
  key: ColumnKey;
  label: string;
  x: number;
  width: number;
}

export interface TableLayout {
  doc: PDFKit.PDFDocument;
  invoice: Invoice;
  left: number;
  right: number;
  /** Lowest y that content may reach; the footer lives below it. */
  bottom: number;
  columns: Record<ColumnKey, Column>;
  /** Starts a page with its running header; returns where content may begin. */
  nextPage: () => number;
}

export const pdfColor = {
  ink: '#1f2937',
  muted: '#6b7280',
  rule: '#d1d5db',
  band: '#f3f4f6',
  void: '#b91c1c',
  draft: '#4b5563',
};
const color = pdfColor;
const cellPadding = 5;
const gutter = 8;
// Caps that keep every row shorter than a page, so a runaway description cannot break the layout.
const maxDescriptionHeight = 230;
const maxDetailHeight = 120;

/** Money columns are fixed; the description takes what is left. */
export function columnsBetween(left: number, right: number): Record<ColumnKey, Column> {
  const amount = { key: 'amount', label: 'Amount', width: 80 } as const;
  const tax = { key: 'tax', label: 'Tax', width: 44 } as const;
  const price = { key: 'price', label: 'Unit price', width: 74 } as const;
  const quantity = { key: 'quantity', label: 'Quantity', width: 68 } as const;
  const description = {
    key: 'description',
    label: 'Description',
    width: right - left - amount.width - tax.width - price.width - quantity.width,
  } as const;
  let x = left;
  const placed = [description, quantity, price, tax, amount].map((column) => {
    const at = { ...column, x };
    x += column.width;
    return at;
  });
  return Object.fromEntries(placed.map((column) => [column.key, column])) as Record<ColumnKey, Column>;
}

export function drawTableHeader(layout: TableLayout, y: number): number {
  const { doc, left, right, columns } = layout;
  doc
    .rect(left, y, right - left, 20)
    .fill(color.band)
    .font('Helvetica-Bold')
    .fontSize(8.5)
    .fillColor(color.ink);
  for (const column of Object.values(columns)) {
    doc.text(column.label, ...cellBox(column, y + 6));
  }
  return y + 24;
}

/** Where a cell's text goes: descriptions flush left, numbers flush right, a gutter between columns. */
function cellBox(column: Column, y: number): [number, number, PDFKit.Mixins.TextOptions] {
  if (column.key === 'description') return [column.x + 4, y, { width: column.width - 2 * gutter - 4 }];
  return [column.x, y, { width: column.width - (column.key === 'amount' ? 4 : gutter), align: 'right' }];
}

interface LineCells {
  description: string;
  detail: string | null;
  quantity: string;
  price: string;
  tax: string;
  amount: string;
  /** "value $150.00" under a $0 line's amount. */
  value: string | null;
}

function lineCells(invoice: Invoice, line: InvoiceLine): LineCells {
  const money = (cents: number) => pdfMoney(cents, invoice.currency);
  const showsValue = valueShownKinds.has(line.kind) && line.amountCents === 0;
  const kindNote = showsValue ? invoiceLineKindLabels[line.kind] : null;
  const detail = [kindNote, line.detail].filter((part) => part !== null && part !== '').join(' · ');
  const isFree = line.unitPriceCents === 0 && line.amountCents === 0;
  let tax = percentText(line.taxRateBasisPoints);
  if (invoice.taxExempt) tax = 'exempt';
  else if (line.taxCodeId === null && line.taxRateBasisPoints === 0) tax = 'none';
  return {
    description: toWinAnsi(line.description),
    detail: detail === '' ? null : toWinAnsi(detail),
    quantity: quantityWithUnit(line.quantity, line.unit),
    price: isFree ? '' : money(line.unitPriceCents),
    tax,
    amount: money(line.amountCents),
    value: showsValue ? `value ${money(line.valueCents)}` : null,
  };
}

/** A text's height kept under a cap, and the options that cut it there with an ellipsis. */
function clipped(height: number, cap: number): { height: number; options: PDFKit.Mixins.TextOptions } {
  return height <= cap ? { height, options: {} } : { height: cap, options: { height: cap, ellipsis: true } };
}

export function drawLine(layout: TableLayout, line: InvoiceLine, top: number): number {
  const { doc, columns } = layout;
  const cells = lineCells(layout.invoice, line);
  const box = cellBox(columns.description, 0)[2];
  doc.font('Helvetica').fontSize(9.5);
  const description = clipped(doc.heightOfString(cells.description, box), maxDescriptionHeight);
  doc.fontSize(8);
  const detail = cells.detail ? clipped(doc.heightOfString(cells.detail, box), maxDetailHeight) : null;
  const amountHeight = 12 + (cells.value ? 11 : 0);
  const textHeight = description.height + (detail ? detail.height + 2 : 0);
  const height = Math.max(textHeight, amountHeight) + 2 * cellPadding;
  const y = top + height > layout.bottom ? drawTableHeader(layout, layout.nextPage()) : top;

  const textY = y + cellPadding;
  const [x, , options] = cellBox(columns.description, textY);
  doc.font('Helvetica').fontSize(9.5).fillColor(color.ink);
  doc.text(cells.description, x, textY, { ...options, ...description.options });
  if (cells.detail && detail) {
    doc
      .fontSize(8)
      .fillColor(color.muted)
      .text(cells.detail, x, textY + description.height + 2, { ...options, ...detail.options });
  }
  doc.fontSize(9).fillColor(color.ink);
  doc.text(cells.quantity, ...cellBox(columns.quantity, textY));
  doc.text(cells.price, ...cellBox(columns.price, textY));
  doc.text(cells.tax, ...cellBox(columns.tax, textY));
  doc.text(cells.amount, ...cellBox(columns.amount, textY));
  if (cells.value) {
    doc
      .fontSize(8)
      .fillColor(color.muted)
      .text(cells.value, ...cellBox(columns.amount, textY + 12));
  }
  const bottom = y + height;
  doc
    .moveTo(layout.left, bottom)
    .lineTo(layout.right, bottom)
    .lineWidth(0.5)
    .strokeColor(color.rule)
    .stroke();
  return bottom;
}
