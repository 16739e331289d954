// A letter's two-column table under a heading — a record and what it shows — as vendor notices print their
// evidence and coverage holds their incidents. The heading stays with the first row; a row that would run
// into the footer starts a new page with the table's header again; a runaway row is cut with an ellipsis.
import { pdfColor as color } from '../modules/invoices/exports/pdf-table.ts';
import { toWinAnsi } from '../modules/invoices/exports/pdf-text.ts';
import { drawHeading, ensureRoom, type Letter } from './letter-pdf.ts';

const cellPadding = 5;
const tableSize = 9.5;
const headerHeight = 18;
// A row is never taller than this, so one runaway detail cannot take more than a page.
const maxRowHeight = 240;

export interface LetterTable {
  heading: string;
  /** The two columns' headers. */
  headers: [string, string];
  /** The first column's share of the width, 0–1. */
  labelShare: number;
  rows: readonly { label: string; detail: string }[];
}

type Column = { header: string; font: string; x: number; width: number };

export function drawLetterTable(letter: Letter, table: LetterTable): void {
  const { doc, left, width } = letter;
  const labelWidth = Math.round(width * table.labelShare);
  const columns: Column[] = [
    { header: table.headers[0], font: 'Helvetica-Bold', x: left, width: labelWidth },
    { header: table.headers[1], font: 'Helvetica', x: left + labelWidth, width: width - labelWidth },
  ];
  const rows = table.rows.map((row) => {
    const texts = [toWinAnsi(row.label), toWinAnsi(row.detail)];
    const textHeight = Math.max(
      ...columns.map((column, index) =>
        doc
          .font(column.font)
          .fontSize(tableSize)
          .heightOfString(texts[index] || ' ', { width: column.width - 2 * cellPadding }),
      ),
    );
    return { texts, isCapped: textHeight > maxRowHeight, height: Math.min(textHeight, maxRowHeight) };
  });
  if (rows.length === 0) return;

  doc.y += 4;
  ensureRoom(letter, 30 + headerHeight + rows[0]!.height + 2 * cellPadding);
  drawHeading(letter, table.heading);
  let y = drawHeader(letter, columns, doc.y);
  for (const { texts, isCapped, height: textHeight } of rows) {
    const height = textHeight + 2 * cellPadding;
    if (y + height > doc.page.maxY()) {
      doc.addPage();
      y = drawHeader(letter, columns, doc.y);
    }
    columns.forEach((column, index) => {
      if (texts[index] === '') return;
      doc
        .font(column.font)
        .fontSize(tableSize)
        .fillColor(color.ink)
        .text(texts[index]!, column.x + cellPadding, y + cellPadding, {
          width: column.width - 2 * cellPadding,
          ...(isCapped ? { height: maxRowHeight, ellipsis: true } : {}),
        });
    });
    y += height;
    doc.moveTo(left, y).lineTo(letter.right, y).lineWidth(0.5).strokeColor(color.rule).stroke();
  }
  doc.x = left;
  doc.y = y + 12;
}

function drawHeader(letter: Letter, columns: readonly Column[], top: number): number {
  const { doc, left, width } = letter;
  doc.rect(left, top, width, headerHeight).fill(color.band);
  for (const column of columns) {
    doc
      .font('Helvetica-Bold')
      .fontSize(8.5)
      .fillColor(color.muted)
      .text(column.header, column.x + cellPadding, top + 5, {
        width: column.width - 2 * cellPadding,
        lineBreak: false,
      });
  }
  return top + headerHeight;
}
