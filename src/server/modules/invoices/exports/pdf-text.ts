// Words and numbers as an invoice PDF prints them. The PDF uses the standard fonts, which encode only
// Windows-1252 (WinAnsi): anything else would print as a wrong glyph, so every string passes through here.
import { dayBefore, monthInWords } from '../../../../shared/billing/invoice-text.ts';
import { formatMoney, minorUnits } from '../../../../shared/money.ts';

/** Code points above U+00FF that Windows-1252 still encodes (in its 0x80–0x9F block). */
const winAnsiExtras = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

function isWinAnsiChar(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(code);
}

/** True when the standard fonts can print every character of `text` (line breaks aside). */
export function isWinAnsi(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code !== 0x0a && !isWinAnsiChar(code)) return false;
  }
  return true;
}

// Letters that Unicode does not decompose into a base letter plus a mark.
const lookAlikes: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
};

/**
 * `text` as the standard fonts can print it: spaces and dashes Unicode has many of become their plain
 * forms, accented letters outside Windows-1252 lose the accent (ś -> s), and what is left becomes "?".
 * Names in other scripts need an embedded Unicode font; until then they are at least never wrong glyphs.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const code = char.codePointAt(0)!;
    if (code === 0x0a || isWinAnsiChar(code)) out += char;
    else if (char === '\t' || /\s/u.test(char)) out += ' ';
    else if (lookAlikes[char] !== undefined) out += lookAlikes[char];
    else {
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && isWinAnsi(base) ? base : '?';
    }
  }
  return out;
}

/**
 * Money as formatMoney writes it ("$1,234.50", "€12.00") when the fonts have the symbol, else with the
 * ISO code ("INR 1,234.50"): ₹, ₪ and the like are not in Windows-1252.
 */
export function pdfMoney(cents: number, currency: string): string {
  const text = formatMoney(cents, currency);
  if (isWinAnsi(text)) return text;
  const digits = minorUnits(currency);
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(cents / 10 ** digits);
}

const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "30 November 2026": day first and the month in words, which no reader can take the wrong way round. */
export function longDate(isoDate: string): string {
  return longDateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

/** "Fees for December 2026 · work through 30 November 2026". */
export function periodInWords(period: string, labourThrough: string): string {
  return `Fees for ${monthInWords(period)} · work through ${longDate(dayBefore(labourThrough))}`;
}

export function paymentTermsText(days: number): string {
  if (days === 0) return 'Due on receipt';
  return `Net ${days} day${days === 1 ? '' : 's'}`;
}

const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** A rate in basis points as a percent: 1000 -> "10%", 825 -> "8.25%". */
export function percentText(basisPoints: number): string {
  return `${quantityFormat.format(basisPoints / 100)}%`;
}
