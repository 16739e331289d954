// The frame the vendor letters share: a letterhead (sender, recipient, the date in words), a title with a
// few facts under it, headings and paragraphs that flow onto further pages, and on every page a footer
// naming the letter with "Page n of m"; later pages repeat the sender at the top so a loose page still
// reads. Standard fonts encode only Windows-1252, so every string passes through toWinAnsi here.
import PDFDocument from 'pdfkit';
import { pdfColor as color } from '../modules/invoices/exports/pdf-table.ts';
import { longDate, toWinAnsi } from '../modules/invoices/exports/pdf-text.ts';

type Doc = PDFKit.PDFDocument;

/** A4 unless the caller asks for US Letter (as invoices do for USD, CAD and MXN). */
export type LetterPageSize = 'A4' | 'LETTER';

export interface LetterOptions {
  pageSize?: LetterPageSize;
}

export interface LetterFrame {
  /** The PDF's Title. */
  title: string;
  /** The PDF's Author: who prepared the letter. */
  author: string;
  subject: string;
  /** YYYY-MM-DD; also the PDF's creation date, so the same letter always gives the same bytes. */
  datedOn: string;
  /** The sender, at the top of every later page. */
  from: string;
  /** Names the letter in each footer (after the sender) and in later pages' header. */
  which: string;
}

export interface Letter {
  doc: Doc;
  frame: LetterFrame;
  left: number;
  right: number;
  width: number;
  bytes: Promise<Buffer>;
}

export interface LetterParty {
  name: string;
  /** Lines separated by line breaks; may be ''. */
  address: string;
}

// Points. Content never goes below the bottom margin, which leaves room for the footer.
const side = 60;
const top = 50;
const footerHeight = 28;
const continuedContentTop = top + 30;
const bodySize = 10.5;
const bodyLineGap = 2.5;
const paragraphSpace = 8;

export function startLetter(frame: LetterFrame, options: LetterOptions = {}): Letter {
  const doc = new PDFDocument({
    size: options.pageSize ?? 'A4',
    margins: { top: continuedContentTop, bottom: top + footerHeight, left: side, right: side },
    bufferPages: true,
    info: {
      Title: toWinAnsi(frame.title),
      Author: toWinAnsi(frame.author),
      Subject: toWinAnsi(frame.subject),
      Creator: 'Accord',
      CreationDate: new Date(`${frame.datedOn}T00:00:00Z`),
    },
  });
  const bytes = collect(doc);
  const right = doc.page.width - side;
  return { doc, frame, left: side, right, width: right - side, bytes };
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The first page's top: the sender on the left with the date across from it, then the recipient. */
export function drawLetterhead(letter: Letter, sender: LetterParty, recipient: LetterParty): void {
  const { doc, frame, left, right, width } = letter;
  const dateWidth = 140;
  doc
    .font('Helvetica')
    .fontSize(bodySize)
    .fillColor(color.ink)
    .text(longDate(frame.datedOn), right - dateWidth, top + 3, { width: dateWidth, align: 'right' });
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(toWinAnsi(sender.name), left, top, { width: width - dateWidth - 20 });
  const senderAddress = toWinAnsi(sender.address.trim());
  if (senderAddress !== '') {
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(color.muted)
      .text(senderAddress, left, doc.y + 2, { width: width * 0.6 });
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(bodySize)
    .fillColor(color.ink)
    .text(toWinAnsi(recipient.name), left, doc.y + 26, { width: width * 0.6 });
  const recipientAddress = toWinAnsi(recipient.address.trim());
  if (recipientAddress !== '') {
    doc.font('Helvetica').text(recipientAddress, left, doc.y + 1, { width: width * 0.6 });
  }
  doc.y += 24;
}

/** The letter's title in large type, then label-and-value facts (the parties, the product, …). */
export function drawTitle(letter: Letter, title: string, facts: [string, string][]): void {
  const { doc, left, width } = letter;
  doc.font('Helvetica-Bold').fontSize(16).fillColor(color.ink).text(toWinAnsi(title), left, doc.y, { width });
  let y = doc.y + 6;
  const labelWidth = 110;
  for (const [label, value] of facts) {
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(color.muted)
      .text(toWinAnsi(label), left, y + 0.5, { width: labelWidth - 8 });
    doc
      .font('Helvetica')
      .fontSize(bodySize)
      .fillColor(color.ink)
      .text(toWinAnsi(value), left + labelWidth, y, { width: width - labelWidth });
    y = doc.y + 3;
  }
  doc.y = y + 14;
}

/** A bold heading, moved to the next page with its paragraph when too little room is left under it. */
export function drawHeading(letter: Letter, heading: string): void {
  const { doc, left, width } = letter;
  ensureRoom(letter, 60);
  doc
    .font('Helvetica-Bold')
    .fontSize(11.5)
    .fillColor(color.ink)
    .text(toWinAnsi(heading), left, doc.y + 4, { width });
  doc.y += 4;
}

/**
 * Text written by staff, printed as given: paragraphs are separated by blank lines, and a single line
 * break stays a line break. Long text flows onto as many pages as it needs.
 */
export function drawParagraphs(letter: Letter, text: string, font = 'Helvetica'): void {
  const { doc, left, width } = letter;
  for (const paragraph of paragraphsOf(text)) {
    doc
      .font(font)
      .fontSize(bodySize)
      .fillColor(color.ink)
      .text(toWinAnsi(paragraph), left, doc.y, { width, lineGap: bodyLineGap });
    doc.y += paragraphSpace;
  }
}

function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .replace(/^\n+|\n+$/g, ''),
    )
    .filter((paragraph) => paragraph.trim() !== '');
}

/** Starts a new page unless `height` points of content still fit on this one. */
export function ensureRoom(letter: Letter, height: number): void {
  const { doc } = letter;
  if (doc.y + height > doc.page.maxY()) {
    doc.addPage();
    doc.x = letter.left;
  }
}

/** `text` cut with "…" to fit `width` in the current font: one line, never over a neighbour. */
export function fitOneLine(doc: Doc, text: string, width: number): string {
  const printable = toWinAnsi(text).replace(/\s*\n\s*/g, ' ');
  if (doc.widthOfString(printable) <= width) return printable;
  let cut = printable;
  while (cut.length > 0 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Adds the page furniture (it needs the page count, so it goes on last) and ends the document. */
export function finishLetter(letter: Letter): Promise<Buffer> {
  const { doc, frame, left, right, width } = letter;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const page = doc.page;
    // Text below the bottom margin would make pdfkit start a new page.
    page.margins.bottom = 0;
    if (index > start) {
      doc.font('Helvetica-Bold').fontSize(10).fillColor(color.ink);
      doc.text(fitOneLine(doc, frame.from, width * 0.45), left, top, { lineBreak: false });
      doc.font('Helvetica').fontSize(9).fillColor(color.muted);
      const continued = fitOneLine(doc, `${frame.which} (continued)`, width * 0.5);
      doc.text(continued, left, top + 1, { width, align: 'right', lineBreak: false });
      rule(doc, left, right, top + 18);
    }
    const footerY = page.height - top + 8;
    rule(doc, left, right, footerY - 6);
    const pageText = `Page ${index - start + 1} of ${count}`;
    doc.font('Helvetica').fontSize(8).fillColor(color.muted);
    doc.text(fitOneLine(doc, `${frame.from} · ${frame.which}`, width - 80), left, footerY, {
      lineBreak: false,
    });
    doc.text(pageText, left, footerY, { width, align: 'right', lineBreak: false });
    page.margins.bottom = top + footerHeight;
  }
  doc.end();
  return letter.bytes;
}

function rule(doc: Doc, from: number, to: number, y: number): void {
  doc.moveTo(from, y).lineTo(to, y).lineWidth(0.5).strokeColor(color.rule).stroke();
}
