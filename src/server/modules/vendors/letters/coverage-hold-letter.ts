// A coverage hold as a PDF: the MSP tells its client that from a date one asset is off managed service
// because changes were made to it through a vendor outside approved windows, that work on it is billed at
// the agreement's rates citing the hold, and what brings it back (a checklist, or agreement by hand). It
// says only what the records show: the staff-written reason as given and the incidents behind it.
// Pure: the same input always gives the same bytes.

import {
  drawHeading,
  drawLetterhead,
  drawParagraphs,
  drawTitle,
  ensureRoom,
  finishLetter,
  type Letter,
  type LetterOptions,
  startLetter,
} from '../../../pdf/letter-pdf.ts';
import { drawLetterTable } from '../../../pdf/letter-table.ts';
import { pdfColor as color } from '../../invoices/exports/pdf-table.ts';
import { longDate, toWinAnsi } from '../../invoices/exports/pdf-text.ts';

export interface CoverageHoldIncident {
  /** The record, e.g. "#1042 Changes outside an approved window on LFD-SQL01". */
  label: string;
  /** What it shows, e.g. "3 changes, 2 h 30 min of clean-up"; may be ''. */
  detail: string;
}

/** What lifts the hold by itself, all together; none of them: it is lifted only by hand. */
export interface CoverageHoldLetterConditions {
  loaSigned: boolean;
  rulesAcknowledged: boolean;
  /** Days without a change outside an approved window on the asset; 0: not a condition. */
  cleanDays: number;
}

export interface CoverageHoldLetterInput {
  /** The MSP (tenant) sending the letter. */
  mspName: string;
  clientName: string;
  /** Lines separated by line breaks; may be ''. */
  clientAddress: string;
  assetName: string;
  vendorName: string;
  /** YYYY-MM-DD: the hold's first day, and the letter's date. */
  placedOn: string;
  /** Written by staff, printed as given: paragraphs separated by blank lines. */
  reason: string;
  /** May be empty: then the letter has no Incidents section. */
  incidents: CoverageHoldIncident[];
  conditions: CoverageHoldLetterConditions;
}

export function renderCoverageHoldLetter(
  input: CoverageHoldLetterInput,
  options: LetterOptions = {},
): Promise<Buffer> {
  const { mspName, clientName, assetName, vendorName } = input;
  const letter = startLetter(
    {
      title: `Coverage hold: ${assetName} at ${clientName}`,
      author: mspName,
      subject: `${assetName} is off managed service from ${longDate(input.placedOn)}`,
      datedOn: input.placedOn,
      from: mspName,
      which: `Coverage hold on ${assetName}`,
    },
    options,
  );
  drawLetterhead(letter, { name: mspName, address: '' }, { name: clientName, address: input.clientAddress });
  drawTitle(letter, `Coverage hold on ${assetName}`, [
    ['Asset', assetName],
    ['Vendor', vendorName],
    ['On hold from', longDate(input.placedOn)],
  ]);
  drawParagraphs(
    letter,
    `Dear ${clientName},\n\n` +
      `From ${longDate(input.placedOn)}, ${assetName} is on a coverage hold: it is off our managed ` +
      `service because changes have been made to it through ${vendorName} outside an approved window. ` +
      'Until the hold is lifted, work we do on it is billed at your agreement’s rates, and each charge ' +
      'cites this hold. Your other systems stay under managed service as before.',
  );
  drawHeading(letter, 'Why');
  drawParagraphs(letter, input.reason);
  drawLetterTable(letter, {
    heading: 'Incidents',
    headers: ['Incident', 'What it shows'],
    labelShare: 0.62,
    rows: input.incidents,
  });
  drawHeading(letter, 'What brings it back');
  const lines = conditionLines(input);
  if (lines.length === 0) {
    drawParagraphs(
      letter,
      `We will lift the hold once we agree with you that ${vendorName} works under the agreement.`,
    );
  } else {
    drawParagraphs(
      letter,
      lines.length === 1
        ? `The hold lifts by itself, and ${assetName} returns to managed service, once this is true:`
        : `The hold lifts by itself, and ${assetName} returns to managed service, once all of these are true:`,
    );
    drawChecklist(letter, lines);
  }
  drawParagraphs(
    letter,
    `You can help by asking ${vendorName} to arrange changes to ${assetName} with us in advance; we will ` +
      'gladly agree a change window with them. If you have any questions about this hold or the records ' +
      `behind it, please contact us.\n\nYours sincerely,\n${mspName}`,
  );
  return finishLetter(letter);
}

/**
 * The conditions as sentences a client can check off, in a fixed order:
 * "Henry Schein One holds a signed Letter of Agency from you", … "30 days without changes …".
 */
export function conditionLines(
  input: Pick<CoverageHoldLetterInput, 'assetName' | 'vendorName' | 'conditions'>,
) {
  const { assetName, vendorName, conditions } = input;
  const lines: string[] = [];
  if (conditions.loaSigned) lines.push(`${vendorName} holds a signed Letter of Agency from you`);
  if (conditions.rulesAcknowledged) lines.push(`${vendorName} has acknowledged our rules of engagement`);
  if (conditions.cleanDays > 0) {
    const days = conditions.cleanDays === 1 ? '1 day' : `${conditions.cleanDays} days`;
    lines.push(`${days} without changes outside an approved window on ${assetName}`);
  }
  return lines;
}

const boxSize = 8;
const checklistIndent = 20;

/** Each line after an empty box the reader can tick; a line is never split from its box. */
function drawChecklist(letter: Letter, lines: string[]): void {
  const { doc, left, width } = letter;
  const textWidth = width - checklistIndent;
  for (const line of lines) {
    const text = toWinAnsi(line);
    doc.font('Helvetica').fontSize(10.5);
    ensureRoom(letter, doc.heightOfString(text, { width: textWidth, lineGap: 2.5 }) + 6);
    const y = doc.y;
    doc
      .rect(left + 4, y + 0.5, boxSize, boxSize)
      .lineWidth(0.75)
      .strokeColor(color.ink)
      .stroke();
    doc.fillColor(color.ink).text(text, left + checklistIndent, y, { width: textWidth, lineGap: 2.5 });
    doc.y += 5;
  }
  doc.x = left;
  doc.y += 6;
}
