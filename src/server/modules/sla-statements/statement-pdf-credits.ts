// The SLA statement PDF's "Service credits" section, for agreements with a penalty schedule: each credit the
// closed month earned with how it was reached and where it stands (disputed, standing until a date, or
// credited on an invoice), the total of those that stand, and how the agreement treats them.
import { creditExclusionLabels, type ServiceCredit } from '../../../shared/api/service-credits.ts';
import type { SlaStatement } from '../../../shared/api/sla-statements.ts';
import { drawHeading, drawParagraphs, ensureRoom, type Letter } from '../../pdf/letter-pdf.ts';
import { pdfColor as color } from '../invoices/exports/pdf-table.ts';
import { longDate, pdfMoney, toWinAnsi } from '../invoices/exports/pdf-text.ts';

const cellPadding = 5;
const tableSize = 9.5;
const statusSize = 8.5;
const headerHeight = 18;
// A row is never taller than this, so one runaway dispute reason cannot take more than a page.
const maxRowHeight = 240;
const clockWords = { first_response: 'first response', resolution: 'resolution' } as const;

/**
 * A credit's amount as the client reads it: "–$100.00". The en dash stands in for a minus sign, which the
 * standard fonts lack (Windows-1252 has no U+2212); nothing owed is "$0.00".
 */
export function creditAmountText(cents: number, currency: string): string {
  const amount = pdfMoney(cents, currency);
  return cents > 0 ? `\u2013${amount}` : amount;
}

/** "#1042 P1 resolution"; "Compliance tier". */
function creditSubject(credit: ServiceCredit): string {
  if (credit.kind === 'tier') return 'Compliance tier';
  const parts = [
    credit.ticketNumber === null ? null : `#${credit.ticketNumber}`,
    credit.priority,
    credit.clock === null ? null : clockWords[credit.clock],
  ].filter((part) => part !== null);
  return parts.length === 0 ? 'Missed target' : parts.join(' ');
}

/** Where the credit stands: disputed (with why), credited on an invoice, or standing unless disputed. */
function creditStatus(credit: ServiceCredit): string {
  if (credit.dispute !== null) {
    return `Disputed: ${creditExclusionLabels[credit.dispute.exclusion]} — ${credit.dispute.reason}`;
  }
  if (credit.status === 'disputed') return 'Disputed';
  if (credit.invoiceNumber !== null) return `Credited on invoice ${credit.invoiceNumber}`;
  return `Stands unless disputed by ${longDate(credit.disputeBy)}`;
}

const isStanding = (credit: ServiceCredit) => credit.status === 'proposed' && credit.dispute === null;

/** Standing credits summed per currency, in the order the currencies first appear. */
function standingTotals(credits: readonly ServiceCredit[]): [currency: string, cents: number][] {
  const totals = new Map<string, number>();
  for (const credit of credits) {
    const sum = totals.get(credit.currency) ?? 0;
    totals.set(credit.currency, sum + (isStanding(credit) ? credit.amountCents : 0));
  }
  return [...totals];
}

export function drawCredits(letter: Letter, statement: SlaStatement): void {
  const { penalty } = statement;
  if (penalty === null) return;
  if (statement.status === 'open') {
    drawHeading(letter, 'Service credits');
    drawParagraphs(letter, 'Service credits are proposed when the month closes.');
    return;
  }
  const soleRemedy = penalty.isSoleRemedy
    ? 'Under the agreement, service credits are the sole remedy for missed service levels.'
    : '';
  if (statement.credits.length === 0) {
    drawHeading(letter, 'Service credits');
    drawParagraphs(letter, `No service credits this month.\n\n${soleRemedy}`);
    return;
  }
  drawCreditTable(letter, statement.credits);
  const mode =
    penalty.mode === 'report'
      ? 'These credits are reported, not invoiced.'
      : 'Credits that stand are credited on the next invoice.';
  drawParagraphs(letter, `${mode}\n\n${soleRemedy}`);
}

type Column = { header: string; x: number; width: number; align: 'left' | 'right' };

interface CreditRow {
  subject: string;
  explanation: string;
  status: string;
  amount: string;
  isDisputed: boolean;
  explanationHeight: number;
  statusHeight: number;
  height: number;
}

function drawCreditTable(letter: Letter, credits: readonly ServiceCredit[]): void {
  const { doc, left, width } = letter;
  const subjectWidth = 118;
  const amountWidth = 86;
  const columns: Column[] = [
    { header: 'Credit for', x: left, width: subjectWidth, align: 'left' },
    {
      header: 'How it was reached',
      x: left + subjectWidth,
      width: width - subjectWidth - amountWidth,
      align: 'left',
    },
    { header: 'Credit', x: left + width - amountWidth, width: amountWidth, align: 'right' },
  ];
  const inner = (column: Column) => column.width - 2 * cellPadding;
  const rows = credits.map((credit): CreditRow => {
    const subject = toWinAnsi(creditSubject(credit));
    const explanation = toWinAnsi(credit.explanation);
    const status = toWinAnsi(creditStatus(credit));
    const subjectHeight = doc
      .font('Helvetica-Bold')
      .fontSize(tableSize)
      .heightOfString(subject, {
        width: inner(columns[0]!),
      });
    const explanationHeight = Math.min(
      doc
        .font('Helvetica')
        .fontSize(tableSize)
        .heightOfString(explanation || ' ', {
          width: inner(columns[1]!),
        }),
      maxRowHeight / 2,
    );
    const statusHeight = Math.min(
      doc
        .font('Helvetica-Oblique')
        .fontSize(statusSize)
        .heightOfString(status, {
          width: inner(columns[1]!),
        }),
      maxRowHeight - explanationHeight,
    );
    const height = Math.max(subjectHeight, explanationHeight + 2 + statusHeight) + 2 * cellPadding;
    return {
      subject,
      explanation,
      status,
      amount: creditAmountText(credit.amountCents, credit.currency),
      isDisputed: !isStanding(credit),
      explanationHeight,
      statusHeight,
      height,
    };
  });

  doc.y += 4;
  ensureRoom(letter, 30 + headerHeight + rows[0]!.height);
  drawHeading(letter, 'Service credits');
  let y = drawHeader(letter, columns, doc.y);
  for (const row of rows) {
    if (y + row.height > doc.page.maxY()) {
      doc.addPage();
      y = drawHeader(letter, columns, doc.y);
    }
    drawRow(letter, columns, row, y);
    y += row.height;
    doc.moveTo(left, y).lineTo(letter.right, y).lineWidth(0.5).strokeColor(color.rule).stroke();
  }
  const totals = standingTotals(credits);
  if (y + totals.length * (tableSize + 2 * cellPadding + 2) > doc.page.maxY()) {
    doc.addPage();
    y = doc.y;
  }
  for (const [currency, cents] of totals) {
    const label = totals.length === 1 ? 'Total of the credits that stand' : `Total in ${currency}`;
    doc.font('Helvetica-Bold').fontSize(tableSize).fillColor(color.ink);
    doc.text(toWinAnsi(label), columns[1]!.x + cellPadding, y + cellPadding + 1, {
      width: inner(columns[1]!),
      lineBreak: false,
    });
    doc.text(creditAmountText(cents, currency), columns[2]!.x + cellPadding, y + cellPadding + 1, {
      width: inner(columns[2]!),
      align: 'right',
      lineBreak: false,
    });
    y += tableSize + 2 * cellPadding + 2;
  }
  doc.x = left;
  doc.y = y + 12;
}

function drawRow(letter: Letter, [subject, how, amount]: Column[], row: CreditRow, y: number): void {
  const { doc } = letter;
  const top = y + cellPadding;
  const inkOrMuted = row.isDisputed ? color.muted : color.ink;
  doc
    .font('Helvetica-Bold')
    .fontSize(tableSize)
    .fillColor(inkOrMuted)
    .text(row.subject, subject!.x + cellPadding, top, { width: subject!.width - 2 * cellPadding });
  doc
    .font('Helvetica')
    .fontSize(tableSize)
    .fillColor(inkOrMuted)
    .text(row.explanation, how!.x + cellPadding, top, {
      width: how!.width - 2 * cellPadding,
      height: row.explanationHeight,
      ellipsis: true,
    });
  doc
    .font('Helvetica-Oblique')
    .fontSize(statusSize)
    .fillColor(color.muted)
    .text(row.status, how!.x + cellPadding, top + row.explanationHeight + 2, {
      width: how!.width - 2 * cellPadding,
      height: row.statusHeight,
      ellipsis: true,
    });
  const amountWidth = amount!.width - 2 * cellPadding;
  doc
    .font('Helvetica')
    .fontSize(tableSize)
    .fillColor(inkOrMuted)
    .text(row.amount, amount!.x + cellPadding, top, { width: amountWidth, align: 'right', lineBreak: false });
  if (row.isDisputed) {
    // Struck through: shown so the client sees what was withdrawn, but not part of the total.
    const textWidth = doc.widthOfString(row.amount);
    const strikeY = top + tableSize * 0.45;
    const right = amount!.x + cellPadding + amountWidth;
    doc
      .moveTo(right - textWidth, strikeY)
      .lineTo(right, strikeY)
      .lineWidth(0.6)
      .strokeColor(color.muted)
      .stroke();
  }
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
        align: column.align,
        lineBreak: false,
      });
  }
  return top + headerHeight;
}
