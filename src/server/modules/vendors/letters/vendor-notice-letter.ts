import {
  drawLetterhead,
  drawParagraphs,
  drawTitle,
  finishLetter,
  type LetterOptions,
  startLetter,
} from '../../../pdf/letter-pdf.ts';
import { drawLetterTable } from '../../../pdf/letter-table.ts';

export interface VendorNoticeEvidence {
  /** The record, e.g. "T-1042 Vendor incident: DENTAL-SQL01". */
  label: string;
  /** What it shows, e.g. "3 changes outside an approved window, 2 h 30 min of clean-up". */
  detail: string;
}

export interface VendorNoticeLetterInput {
  /** The MSP (tenant) sending the notice. */
  mspName: string;
  clientName: string;
  /** Lines separated by line breaks; may be ''. */
  clientAddress: string;
  vendorName: string;
  /** YYYY-MM-DD, the day the notice is given. */
  givenOn: string;
  /** The body, written by staff: paragraphs separated by blank lines. */
  text: string;
  /** May be empty: then the letter has no Evidence section. */
  evidence: VendorNoticeEvidence[];
}

export function renderVendorNoticeLetter(
  input: VendorNoticeLetterInput,
  options: LetterOptions = {},
): Promise<Buffer> {
  const { mspName, clientName, vendorName } = input;
  const letter = startLetter(
    {
      title: `Vendor notice: ${vendorName} at ${clientName}`,
      author: mspName,
      subject: `Changes made through ${vendorName} outside approved change windows`,
      datedOn: input.givenOn,
      from: mspName,
      which: `Vendor notice to ${clientName}`,
    },
    options,
  );
  drawLetterhead(letter, { name: mspName, address: '' }, { name: clientName, address: input.clientAddress });
  drawTitle(letter, 'Changes outside approved change windows', [['Vendor', vendorName]]);
  drawParagraphs(letter, input.text);
  drawLetterTable(letter, {
    heading: 'Evidence',
    headers: ['Record', 'What it shows'],
    labelShare: 0.4,
    rows: input.evidence,
  });
  return finishLetter(letter);
}
