// The monthly SLA statement as a PDF the MSP sends its client: how each priority's first-response and
// resolution targets fared, compliance, time paused on the client's side, every breach with its explanation,
// service credits (statement-pdf-credits.ts), and corrections to closed months. Dates and times read in the
// statement's zone; same input, same bytes.
import { Temporal } from 'temporal-polyfill';
import type { SlaBasis, SlaClockName, SlaStatement, Tally } from '../../../shared/api/sla-statements.ts';
import { monthInWords } from '../../../shared/billing/invoice-text.ts';
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
} from '../../pdf/letter-pdf.ts';
import { drawLetterTable } from '../../pdf/letter-table.ts';
import { pdfColor as color } from '../invoices/exports/pdf-table.ts';
import { longDate, toWinAnsi } from '../invoices/exports/pdf-text.ts';
import { drawCredits } from './statement-pdf-credits.ts';

export interface StatementPdfParties {
  /** The MSP (tenant) issuing the report. */
  mspName: string;
  /** The client's first site's address; lines separated by line breaks; may be ''. */
  clientAddress: string;
}

type Breach = SlaStatement['breaches'][number];
type Correction = SlaStatement['corrections'][number];

export function renderStatementPdf(
  statement: SlaStatement,
  parties: StatementPdfParties,
  options: LetterOptions = {},
): Promise<Buffer> {
  const { mspName } = parties;
  const { clientName, agreementName, timeZone } = statement;
  const month = monthInWords(statement.month);
  const isOpen = statement.status === 'open';
  const letter = startLetter(
    {
      title: `SLA statement: ${clientName}, ${month}`,
      author: mspName,
      subject: `${agreementName}: first-response and resolution targets in ${month}`,
      datedOn: localDay(statement.asOf, timeZone),
      from: mspName,
      which: `SLA statement, ${month}${isOpen ? ' (provisional)' : ''}`,
    },
    options,
  );
  drawLetterhead(
    letter,
    { name: mspName, address: '' },
    { name: clientName, address: parties.clientAddress },
  );
  drawTitle(letter, `SLA statement: ${month}`, [
    ['Agreement', agreementName],
    ['Period', `${periodText(statement.month)}, ${timeZone} time`],
    ['Status', statusText(statement)],
  ]);
  drawParagraphs(
    letter,
    `Dear ${clientName},\n\n` +
      `This statement shows how we met the service levels of ${agreementName} in ${month}: every ` +
      'first-response and resolution target that fell due in the month, whether we met it, and our ' +
      'explanation of each one we missed. ' +
      (isOpen
        ? 'The month is not closed yet, so these figures are provisional and may still change.'
        : 'The month is closed and these figures are final; should an outcome become known differently ' +
          'later, a later statement shows it as a correction.'),
  );
  drawSummary(letter, statement);
  drawPriorityTable(letter, statement);
  drawPauses(letter, statement);
  drawBreaches(letter, statement.breaches, timeZone);
  drawCredits(letter, statement);
  drawCorrections(letter, statement.corrections);
  drawParagraphs(
    letter,
    'Best-effort targets (tickets on unmanaged or non-standard assets, or on assets under a coverage hold) ' +
      'are shown in this statement but do not count towards compliance. If you have any questions about ' +
      `these figures, please contact us.\n\nYours sincerely,\n${mspName}`,
  );
  return finishLetter(letter);
}

const clockWords: Record<SlaClockName, string> = {
  first_response: 'first response',
  resolution: 'resolution',
};
const basisWords: Record<SlaBasis, string> = { guaranteed: 'guaranteed', best_effort: 'best effort' };

function zoned(iso: string, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
}

/** The instant's local date, "YYYY-MM-DD". */
function localDay(iso: string, timeZone: string): string {
  return zoned(iso, timeZone).toPlainDate().toString();
}

/** "3 November 2026, 14:05"; in the hour a clock change repeats, with the offset: "…, 01:30 (UTC-05:00)". */
export function dateTimeText(iso: string, timeZone: string): string {
  const at = zoned(iso, timeZone);
  const wall = at.toPlainDateTime();
  const isRepeated =
    wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' }).offset !==
    wall.toZonedDateTime(timeZone, { disambiguation: 'later' }).offset;
  const time = at.toPlainTime().toString({ smallestUnit: 'minute' });
  return `${longDate(at.toPlainDate().toString())}, ${time}${isRepeated ? ` (UTC${at.offset})` : ''}`;
}

/** "1–31 October 2026". */
function periodText(month: string): string {
  const days = Temporal.PlainYearMonth.from(month).daysInMonth;
  return `1–${days} ${monthInWords(month)}`;
}

function statusText(statement: SlaStatement): string {
  if (statement.status === 'open')
    return `Provisional — computed ${dateTimeText(statement.asOf, statement.timeZone)}`;
  const closedOn = longDate(localDay(statement.asOf, statement.timeZone));
  return statement.closedByName === null
    ? `Closed on ${closedOn}`
    : `Closed on ${closedOn} by ${statement.closedByName}`;
}

/** "95.0 %"; never "100.0 %" while a target was missed, nor "0.0 %" while one was met. */
export function percentText(percent: number, tally: Pick<Tally, 'met' | 'missed'>): string {
  let shown = percent;
  if (tally.missed > 0) shown = Math.min(shown, 99.9);
  if (tally.met > 0) shown = Math.max(shown, 0.1);
  return `${shown.toFixed(1)}\u00a0%`;
}

/** Business minutes as "3 h 05 min", "45 min". */
export function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return `${hours} h ${String(rest).padStart(2, '0')} min`;
}

function guaranteedTally(statement: SlaStatement, clock: 'firstResponse' | 'resolution'): Tally {
  const sum = { met: 0, missed: 0, pending: 0 };
  for (const row of statement.rows.filter((r) => r.basis === 'guaranteed')) {
    sum.met += row[clock].met;
    sum.missed += row[clock].missed;
    sum.pending += row[clock].pending;
  }
  return sum;
}

function complianceLine(statement: SlaStatement, clock: 'firstResponse' | 'resolution'): string {
  const label = clock === 'firstResponse' ? 'First response' : 'Resolution';
  const tally = guaranteedTally(statement, clock);
  const percent = statement.compliance[clock];
  if (percent !== null) {
    const pending = tally.pending > 0 ? `; ${tally.pending} not decided yet` : '';
    return `${label}: ${percentText(percent, tally)} of guaranteed targets met (${tally.met} of ${tally.met + tally.missed}${pending})`;
  }
  if (tally.pending > 0) return `${label}: no guaranteed target decided yet (${tally.pending} still running)`;
  return `${label}: no guaranteed targets fell due`;
}

function drawSummary(letter: Letter, statement: SlaStatement): void {
  drawHeading(letter, 'Summary');
  const missed = statement.breaches.length;
  const breaches =
    missed === 0
      ? 'No target was missed.'
      : `${missed === 1 ? '1 target was' : `${missed} targets were`} missed; each is listed under Breaches with our explanation.`;
  drawParagraphs(
    letter,
    `${complianceLine(statement, 'firstResponse')}\n${complianceLine(statement, 'resolution')}\n\n${breaches}`,
  );
}

type Column = { header: string; width: number; cell: (row: SlaStatement['rows'][number]) => string };

const rowHeight = 17;
const headerRowHeight = 15;

function drawPriorityTable(letter: Letter, statement: SlaStatement): void {
  const { doc, left, width } = letter;
  if (statement.rows.length === 0) {
    drawHeading(letter, 'By priority');
    drawParagraphs(
      letter,
      `No first-response or resolution target fell due in ${monthInWords(statement.month)}.`,
    );
    return;
  }
  const hasPending = statement.rows.some((row) => row.firstResponse.pending + row.resolution.pending > 0);
  const outcomes: (keyof Tally)[] = hasPending ? ['met', 'missed', 'pending'] : ['met', 'missed'];
  const fixed: Column[] = [
    { header: 'Priority', width: 62, cell: (row) => row.priority },
    {
      header: 'Basis',
      width: 84,
      cell: (row) => (row.basis === 'guaranteed' ? 'Guaranteed' : 'Best effort'),
    },
    { header: 'Tickets', width: 56, cell: (row) => String(row.tickets) },
  ];
  const countWidth = (width - fixed.reduce((sum, column) => sum + column.width, 0)) / (2 * outcomes.length);
  const counts = (['firstResponse', 'resolution'] as const).flatMap((clock) =>
    outcomes.map(
      (outcome): Column => ({
        header: outcome[0]!.toUpperCase() + outcome.slice(1),
        width: countWidth,
        cell: (row) => String(row[clock][outcome]),
      }),
    ),
  );
  const columns = [...fixed, ...counts];

  ensureRoom(letter, 40 + 2 * headerRowHeight + statement.rows.length * rowHeight);
  drawHeading(letter, 'By priority');
  let y = doc.y + 2;
  doc.rect(left, y, width, 2 * headerRowHeight).fill(color.band);
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(color.muted);
  const groupWidth = outcomes.length * countWidth;
  const groupsLeft = left + width - 2 * groupWidth;
  ['First response', 'Resolution'].forEach((group, index) => {
    const groupLeft = groupsLeft + index * groupWidth;
    doc.text(group, groupLeft, y + 4, { width: groupWidth, align: 'center', lineBreak: false });
    const ruleY = y + headerRowHeight - 1;
    doc
      .moveTo(groupLeft + 6, ruleY)
      .lineTo(groupLeft + groupWidth - 6, ruleY)
      .lineWidth(0.5)
      .strokeColor(color.rule)
      .stroke();
  });
  let x = left;
  columns.forEach((column, index) => {
    doc.text(column.header, x + 5, y + headerRowHeight + 4, {
      width: column.width - 10,
      align: index >= 2 ? 'center' : 'left',
      lineBreak: false,
    });
    x += column.width;
  });
  y += 2 * headerRowHeight;
  for (const row of statement.rows) {
    x = left;
    columns.forEach((column, index) => {
      doc
        .font(index === 0 ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(9.5)
        .fillColor(row.basis === 'guaranteed' ? color.ink : color.muted)
        .text(column.cell(row), x + 5, y + 5, {
          width: column.width - 10,
          align: index >= 2 ? 'center' : 'left',
          lineBreak: false,
        });
      x += column.width;
    });
    y += rowHeight;
    doc.moveTo(left, y).lineTo(letter.right, y).lineWidth(0.5).strokeColor(color.rule).stroke();
  }
  doc.x = left;
  doc.y = y + 14;
}

function drawPauses(letter: Letter, statement: SlaStatement): void {
  const { client, vendor, scheduled } = statement.pausedMinutes;
  const total = client + vendor + scheduled;
  if (total === 0) {
    drawHeading(letter, 'Time paused');
    drawParagraphs(letter, `No resolution clock was paused in ${monthInWords(statement.month)}.`);
    return;
  }
  drawLetterTable(letter, {
    heading: 'Time paused',
    headers: ['Resolution clocks paused because', 'Business hours'],
    labelShare: 0.62,
    rows: [
      { label: 'Waiting on you', detail: durationText(client) },
      { label: 'Waiting on your vendor', detail: durationText(vendor) },
      { label: 'Scheduled at your request', detail: durationText(scheduled) },
      { label: 'Total', detail: durationText(total) },
    ],
  });
  drawParagraphs(
    letter,
    'A resolution target does not run while a ticket waits on you or your vendor, or while work waits for a ' +
      'time you asked us to schedule it.',
  );
}

const breachIndent = 14;

function drawBreaches(letter: Letter, breaches: readonly Breach[], timeZone: string): void {
  if (breaches.length === 0) return;
  const { doc } = letter;
  ensureRoom(letter, 130);
  drawHeading(letter, 'Breaches');
  drawParagraphs(letter, 'Each target we missed, and what happened.');
  const indented = { ...letter, left: letter.left + breachIndent, width: letter.width - breachIndent };
  for (const breach of breaches) {
    ensureRoom(letter, 70);
    doc
      .font('Helvetica-Bold')
      .fontSize(10.5)
      .fillColor(color.ink)
      .text(toWinAnsi(`#${breach.ticketNumber} ${breach.ticketTitle}`), letter.left, doc.y, {
        width: letter.width,
      });
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(color.muted)
      .text(toWinAnsi(breachFacts(breach, timeZone)), indented.left, doc.y + 2, {
        width: indented.width,
        lineGap: 1.5,
      });
    doc.y += 5;
    if (breach.explanation === null) {
      doc
        .font('Helvetica-Oblique')
        .fontSize(10.5)
        .fillColor(color.muted)
        .text('No explanation given', indented.left, doc.y, { width: indented.width });
      doc.y += 8;
    } else {
      drawParagraphs(indented, breach.explanation.text);
      doc
        .font('Helvetica')
        .fontSize(9)
        .fillColor(color.muted)
        .text(
          toWinAnsi(`— ${breach.explanation.byName}, ${longDate(localDay(breach.explanation.at, timeZone))}`),
          indented.left,
          doc.y - 4,
          { width: indented.width },
        );
      doc.y += 8;
    }
    doc.x = letter.left;
    doc.y += 4;
  }
}

/** "Resolution · P1, guaranteed · due 3 October 2026, 14:00 · stopped 3 October 2026, 16:12". */
function breachFacts(breach: Breach, timeZone: string): string {
  const clock = clockWords[breach.clock];
  const stopped =
    breach.stoppedAt === null ? 'still open' : `stopped ${dateTimeText(breach.stoppedAt, timeZone)}`;
  return [
    clock[0]!.toUpperCase() + clock.slice(1),
    `${breach.priority}, ${basisWords[breach.basis]}`,
    `due ${dateTimeText(breach.dueAt, timeZone)}`,
    stopped,
  ].join(' · ');
}

function drawCorrections(letter: Letter, corrections: readonly Correction[]): void {
  if (corrections.length === 0) return;
  const { doc, left, width } = letter;
  ensureRoom(letter, 110);
  drawHeading(letter, 'Corrections to earlier months');
  drawParagraphs(
    letter,
    'These targets were counted in a month already closed and are known differently now. The statements ' +
      'we sent for those months stand as they were; the differences are reported here.',
  );
  for (const correction of corrections) {
    ensureRoom(letter, 34);
    doc
      .font('Helvetica')
      .fontSize(10.5)
      .fillColor(color.ink)
      .text(toWinAnsi(correctionLine(correction)), left, doc.y, { width });
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(color.muted)
      .text(
        toWinAnsi(`${correction.ticketTitle} · ${correction.priority}, ${basisWords[correction.basis]}`),
        left + breachIndent,
        doc.y + 1,
        { width: width - breachIndent },
      );
    doc.x = left;
    doc.y += 7;
  }
  doc.y += 4;
}

/** "#1042 resolution, counted in 2026-09: was met, now missed". */
function correctionLine(correction: Correction): string {
  const was = correction.was === null ? 'was not counted' : `was ${correction.was}`;
  const now = correction.now === null ? 'no longer counted in that month' : `now ${correction.now}`;
  return `#${correction.ticketNumber} ${clockWords[correction.clock]}, counted in ${correction.month}: ${was}, ${now}`;
}
