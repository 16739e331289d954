// A Letter of Agency as a PDF: the client, in its own voice, tells a line-of-business vendor that the MSP
// acts for it with that vendor (support requests, account information, and every change only through the
// MSP's approved change windows), and signs it. Pure: the same input always gives the same bytes.

import { defaultLoaScope } from '../../../../shared/vendor-letter-text.ts';
import {
  drawHeading,
  drawLetterhead,
  drawParagraphs,
  drawTitle,
  ensureRoom,
  finishLetter,
  fitOneLine,
  type Letter,
  type LetterOptions,
  startLetter,
} from '../../../pdf/letter-pdf.ts';
import { pdfColor as color } from '../../invoices/exports/pdf-table.ts';
import { longDate, toWinAnsi } from '../../invoices/exports/pdf-text.ts';

export interface LoaLetterInput {
  /** The MSP (tenant) that becomes the client's agent. */
  mspName: string;
  clientName: string;
  /** Lines separated by line breaks; may be ''. */
  clientAddress: string;
  vendorName: string;
  /** The line-of-business application, e.g. "Dentrix". */
  product: string;
  /** The client's support contract with the vendor, e.g. "Premier #4471". */
  supportContract: string | null;
  /** What the MSP may do for the client, written by staff and printed as given; blank gives the default. */
  scope: string;
  /** YYYY-MM-DD, the letter's date. */
  issuedOn: string;
  /** YYYY-MM-DD; null: in force until revoked in writing. */
  expiresOn: string | null;
  /** Pre-printed under the signature line when known. */
  signerName: string | null;
  signerTitle: string | null;
}

export function renderLoaLetter(input: LoaLetterInput, options: LetterOptions = {}): Promise<Buffer> {
  const { mspName, clientName, vendorName, product, supportContract } = input;
  const letter = startLetter(
    {
      title: `Letter of Agency: ${clientName} to ${vendorName}`,
      author: mspName,
      subject: `${mspName} acts for ${clientName} with ${vendorName} for ${product}`,
      datedOn: input.issuedOn,
      from: clientName,
      which: `Letter of Agency to ${vendorName}`,
    },
    options,
  );
  drawLetterhead(
    letter,
    { name: clientName, address: input.clientAddress },
    { name: vendorName, address: '' },
  );
  const facts: [string, string][] = [
    ['Client', clientName],
    ['Agent', mspName],
    ['Vendor', vendorName],
    ['Product', product],
  ];
  if (supportContract) facts.push(['Support contract', supportContract]);
  drawTitle(letter, 'Letter of Agency', facts);

  const contract = supportContract ? `, under our support contract ${supportContract}` : '';
  drawParagraphs(
    letter,
    `We, ${clientName}, authorize ${mspName} to act as our agent with ${vendorName} for ${product}` +
      `${contract}, as set out below.`,
  );
  drawHeading(letter, 'Scope');
  const scope = input.scope.trim() === '' ? defaultLoaScope(mspName, vendorName, product) : input.scope;
  drawParagraphs(letter, scope);
  drawHeading(letter, 'Term');
  drawParagraphs(
    letter,
    `${expirySentence(input.expiresOn)}\n\n` +
      `Please treat requests from ${mspName} within this scope as coming from us. Our agreement with ` +
      `${vendorName} is otherwise unchanged.`,
  );
  drawSignatureBlock(letter, input);
  return finishLetter(letter);
}

/** "This authorization remains in force until 22 November 2027 unless revoked in writing earlier." */
export function expirySentence(expiresOn: string | null): string {
  if (expiresOn === null) return 'This authorization remains in force until revoked in writing.';
  return `This authorization remains in force until ${longDate(expiresOn)} unless revoked in writing earlier.`;
}

const signatureRowHeight = 46;

/**
 * Lines for the client's name and title (pre-printed when known), signature and date, two to a row,
 * kept together on one page.
 */
function drawSignatureBlock(letter: Letter, input: LoaLetterInput): void {
  const { doc, left, width } = letter;
  const rows: [string, string | null][][] = [
    [
      ['Name', input.signerName],
      ['Title', input.signerTitle],
    ],
    [
      ['Signature', null],
      ['Date', null],
    ],
  ];
  const heading = toWinAnsi(`Signed for and on behalf of ${input.clientName}`);
  const headingHeight = doc.font('Helvetica-Bold').fontSize(10.5).heightOfString(heading, { width });
  ensureRoom(letter, 24 + headingHeight + rows.length * signatureRowHeight);
  doc.y += 4;
  drawParagraphs(letter, heading, 'Helvetica-Bold');
  const gap = 28;
  const fieldWidth = (width - gap) / 2;
  let y = doc.y;
  for (const row of rows) {
    const lineY = y + 24;
    row.forEach(([label, value], index) => {
      const x = left + index * (fieldWidth + gap);
      if (value) {
        doc.font('Helvetica').fontSize(10.5).fillColor(color.ink);
        doc.text(fitOneLine(doc, value, fieldWidth - 4), x + 2, lineY - 14, { lineBreak: false });
      }
      doc
        .moveTo(x, lineY)
        .lineTo(x + fieldWidth, lineY)
        .lineWidth(0.75)
        .strokeColor(color.ink)
        .stroke();
      doc.font('Helvetica').fontSize(8.5).fillColor(color.muted);
      doc.text(label, x, lineY + 4, { lineBreak: false });
    });
    y += signatureRowHeight;
  }
  doc.x = left;
  doc.y = y;
}
