// For the letters' tests: the text a reader sees on each page of a PDF that pdfkit wrote with the standard
// fonts, and where each run of it sits. Each page's content stream is deflated; pdfkit places every run
// with `1 0 0 1 x y Tm` (y from the page's bottom, at the baseline) and writes it as
// `[<hex> kern <hex> …] TJ` in Windows-1252; kerning numbers are not spaces.
import { inflateSync } from 'node:zlib';

// Windows-1252's 0x80–0x9F block (the rest of its bytes are Latin-1). Decoded by hand because Node built
// with small ICU decodes 'windows-1252' as Latin-1.
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export interface TextRun {
  /** Points from the page's left edge. */
  x: number;
  /** Points from the page's bottom edge to the baseline. */
  y: number;
  text: string;
}

function decodeCp1252(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    out += byte >= 0x80 && byte <= 0x9f ? cp1252High[byte - 0x80] : String.fromCharCode(byte);
  }
  return out.replaceAll('\u00a0', ' ');
}

/** Each page's text runs in drawing order; the footer and running header are drawn last. */
export function pageRuns(pdf: Buffer): TextRun[][] {
  const raw = pdf.toString('latin1');
  const pages: TextRun[][] = [];
  for (const match of raw.matchAll(/\/Length (\d+)\s*\/Filter \/FlateDecode\s*>>\s*stream\n/g)) {
    const start = match.index + match[0].length;
    const content = inflateSync(pdf.subarray(start, start + Number(match[1]))).toString('latin1');
    const runs: TextRun[] = [];
    for (const run of content.matchAll(
      /1 0 0 1 ([\d.-]+) ([\d.-]+) Tm\s+\/F\d+ [\d.]+ Tf\s+\[([^\]]*)\] TJ/g,
    )) {
      const hex = [...run[3]!.matchAll(/<([0-9a-f]*)>/gi)].map((part) => part[1]).join('');
      runs.push({ x: Number(run[1]), y: Number(run[2]), text: decodeCp1252(Buffer.from(hex, 'hex')) });
    }
    if (runs.length > 0) pages.push(runs);
  }
  return pages;
}

/** Each page's text, one run a line. */
export function pageTexts(pdf: Buffer): string[] {
  return pageRuns(pdf).map((runs) => runs.map((run) => run.text).join('\n'));
}

/** All pages' text with line breaks and runs of spaces as single spaces, so wrapped sentences read whole. */
export function flatText(pdf: Buffer): string {
  return pageTexts(pdf).join('\n').replace(/\s+/g, ' ');
}
