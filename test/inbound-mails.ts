// Builders of raw inbound messages for tests: real RFC 5322 bytes (CRLF, folded headers, MIME written out
// by hand the way mail clients send it), so parsing tests exercise what arrives from IMAP and SMTP.
import { randomUUID } from 'node:crypto';

const CRLF = '\r\n';

/** Header fields every builder writes. `headers` adds more; a name given there replaces the default, null removes it. */
export interface MailHead {
  /** `Name <address>` or a bare address. */
  from?: string;
  to?: string | string[];
  cc?: string | string[];
  subject?: string;
  /** In `<id@host>` form; a fresh one when left out. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  headers?: Record<string, string | null>;
}

export interface PlainMailOptions extends MailHead {
  text?: string;
}

export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer | string;
  /** Without angle brackets; the HTML refers to it as `cid:<contentId>`. Makes the part an inline image. */
  contentId?: string;
  /** Content-Disposition; `inline` when there is a contentId, else `attachment` (Apple Mail forwards inline). */
  disposition?: 'inline' | 'attachment';
}

export interface MultipartMailOptions extends MailHead {
  /** null leaves the text part out (an HTML-only mail). */
  text?: string | null;
  html?: string;
  attachments?: MailAttachment[];
}

const defaults = {
  from: 'Dana Reyes <dana@client.example>',
  to: 'support@msp.example',
  subject: 'Printer offline',
  text: 'Hi,\n\nthe printer on the second floor is offline again.\n\nDana\n',
  date: new Date('2026-03-03T09:30:00Z'),
};

let sequence = 0;
const boundary = () => `----=_Part_${++sequence}_${randomUUID().slice(0, 8)}`;

// --- encodings -------------------------------------------------------------------------------------

const isAscii = (text: string) => /^[\x20-\x7e\r\n\t]*$/.test(text);

/** Text with LF or CRLF line ends as CRLF lines. */
const crlf = (text: string) => text.replace(/\r?\n/g, CRLF);

function base64Lines(bytes: Buffer): string {
  const encoded = bytes.toString('base64');
  const lines: string[] = [];
  for (let at = 0; at < encoded.length; at += 76) lines.push(encoded.slice(at, at + 76));
  return lines.join(CRLF);
}

/** Quoted-printable (RFC 2045 §6.7) of bytes whose line ends are CRLF: soft breaks keep lines at 76. */
function quotedPrintable(bytes: Buffer): string {
  const out: string[] = [];
  let line = '';
  const push = (piece: string) => {
    if (line.length + piece.length > 75) {
      out.push(`${line}=`);
      line = '';
    }
    line += piece;
  };
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte === 0x0d && bytes[at + 1] === 0x0a) {
      out.push(line);
      line = '';
      at++;
      continue;
    }
    const atLineEnd = at + 1 === bytes.length || (bytes[at + 1] === 0x0d && bytes[at + 2] === 0x0a);
    const isPlain = byte >= 0x21 && byte <= 0x7e && byte !== 0x3d;
    const isInnerSpace = (byte === 0x20 || byte === 0x09) && !atLineEnd;
    push(
      isPlain || isInnerSpace
        ? String.fromCharCode(byte)
        : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    );
  }
  out.push(line);
  return out.join(CRLF);
}

/** An RFC 2047 encoded word in the B encoding, split so no word exceeds 75 characters. */
function encodedWordsB(text: string, charset: string, encode: (text: string) => Buffer): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    const next = chunk + char;
    if (chunk && encode(next).toString('base64').length + charset.length + 7 > 75) {
      words.push(`=?${charset}?B?${encode(chunk).toString('base64')}?=`);
      chunk = char;
    } else {
      chunk = next;
    }
  }
  if (chunk) words.push(`=?${charset}?B?${encode(chunk).toString('base64')}?=`);
  return words.join(`${CRLF} `);
}

/** An RFC 2047 encoded word in the Q encoding (what Outlook and Thunderbird write for Latin text). */
function encodedWordQ(bytes: Buffer, charset: string): string {
  let encoded = '';
  for (const byte of bytes) {
    if (byte === 0x20) encoded += '_';
    else if (/[A-Za-z0-9!*+\-/]/.test(String.fromCharCode(byte)) && byte < 0x80)
      encoded += String.fromCharCode(byte);
    else encoded += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `=?${charset}?Q?${encoded}?=`;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** A header text: as is when ASCII, else UTF-8 encoded words. */
const headerText = (text: string) => (isAscii(text) ? text : encodedWordsB(text, 'UTF-8', utf8));

/** `Name <address>` with the name encoded when it is not ASCII, quoted when it needs quotes. */
function mailbox(value: string, encodeName: (name: string) => string = headerText): string {
  const match = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(value);
  if (!match) return value.trim();
  const [, given = '', address = ''] = match;
  const name = given.replace(/^"(.*)"$/, '$1');
  if (!name) return `<${address}>`;
  const shownName = isAscii(name)
    ? /[()<>[\]:;@\\,."]/.test(name)
      ? `"${name.replace(/(["\\])/g, '\\$1')}"`
      : name
    : encodeName(name);
  return `${shownName} <${address}>`;
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

/** RFC 5322 date-time, in UTC: `Tue, 03 Mar 2026 09:30:00 +0000`. */
export function rfc5322Date(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** `filename="…"` when ASCII, else RFC 2231 `filename*0*=UTF-8''…` continuations as Thunderbird writes them. */
function fileNameParameter(parameter: string, name: string): string {
  if (isAscii(name)) return `${parameter}="${name.replace(/(["\\])/g, '\\$1')}"`;
  const encoded = [...utf8(name)]
    .map((byte) =>
      /[A-Za-z0-9._-]/.test(String.fromCharCode(byte)) && byte < 0x80
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
  const pieces: string[] = [''];
  for (const unit of encoded.match(/%[0-9A-F]{2}|[^%]/g) ?? []) {
    if (pieces.at(-1)!.length + unit.length > 40) pieces.push('');
    pieces[pieces.length - 1] += unit;
  }
  return pieces
    .map((piece, index) => `${parameter}*${index}*=${index === 0 ? "UTF-8''" : ''}${piece}`)
    .join(`;${CRLF} `);
}

// --- messages --------------------------------------------------------------------------------------

interface Part {
  headers: string[];
  body: string;
}

function assemble(head: MailHead, addressLines: string[], part: Part): Buffer {
  const from = head.from ?? defaults.from;
  const date = rfc5322Date(head.date ?? defaults.date);
  const fields: Array<[string, string]> = [
    // Added by the receiving server, as in every message fetched over IMAP.
    ['Return-Path', `<${/<([^>]*)>/.exec(from)?.[1] ?? from}>`],
    [
      'Received',
      `from mail.client.example (mail.client.example [192.0.2.10])${CRLF}\tby mx.msp.example with ESMTPS id 4A1B2C3D;${CRLF}\t${date}`,
    ],
    ...addressLines.map(splitField),
    ['Message-ID', head.messageId ?? `<${randomUUID()}@client.example>`],
    ['Date', date],
  ];
  if (head.inReplyTo) fields.push(['In-Reply-To', head.inReplyTo]);
  if (head.references?.length) fields.push(['References', head.references.join(`${CRLF} `)]);
  fields.push(['MIME-Version', '1.0'], ...part.headers.map(splitField));
  for (const [name, value] of Object.entries(head.headers ?? {})) {
    const index = fields.findIndex(([existing]) => existing.toLowerCase() === name.toLowerCase());
    if (value === null) {
      if (index >= 0) fields.splice(index, 1);
    } else if (index >= 0) {
      fields[index] = [name, value];
    } else {
      fields.splice(
        fields.findIndex(([existing]) => existing === 'MIME-Version'),
        0,
        [name, value],
      );
    }
  }
  const headerBlock = fields.map(([name, value]) => `${name}: ${value}`).join(CRLF);
  // Header text is written as UTF-8 (RFC 6532 allows it; tests may pass raw non-ASCII headers), bodies as
  // the bytes they already are.
  return Buffer.concat([
    Buffer.from(`${headerBlock}${CRLF}${CRLF}`, 'utf8'),
    Buffer.from(part.body, 'latin1'),
  ]);
}

function splitField(line: string): [string, string] {
  const colon = line.indexOf(':');
  return [line.slice(0, colon), line.slice(colon + 1).trimStart()];
}

/** From, To, Cc and Subject, with the subject given as already-encoded header text. */
function addressFields(head: MailHead, subjectText: string, encodeName?: (name: string) => string): string[] {
  const to = list(head.to ?? defaults.to);
  const cc = list(head.cc);
  return [
    `From: ${mailbox(head.from ?? defaults.from, encodeName)}`,
    `To: ${to.map((value) => mailbox(value, encodeName)).join(`,${CRLF} `)}`,
    ...(cc.length ? [`Cc: ${cc.map((value) => mailbox(value, encodeName)).join(`,${CRLF} `)}`] : []),
    `Subject: ${subjectText}`,
  ];
}

/** Bytes of a latin1 string, so `Buffer.from(…, 'latin1')` in assemble() writes them back unchanged. */
const asLatin1 = (bytes: Buffer) => bytes.toString('latin1');

function textPart(text: string, subtype: 'plain' | 'html' = 'plain'): Part {
  const body = crlf(text);
  const isSevenBit = isAscii(body) && body.split(CRLF).every((line) => line.length <= 998);
  return {
    headers: [
      `Content-Type: text/${subtype}; charset="UTF-8"`,
      `Content-Transfer-Encoding: ${isSevenBit ? '7bit' : 'quoted-printable'}`,
    ],
    body: isSevenBit ? body : quotedPrintable(utf8(body)),
  };
}

/** A text/plain mail in UTF-8 (7bit when ASCII, else quoted-printable), as Gmail sends a plain reply. */
export function plainMail(options: PlainMailOptions = {}): Buffer {
  const part = textPart(options.text ?? defaults.text);
  return assemble(options, addressFields(options, headerText(options.subject ?? defaults.subject)), part);
}

function multipart(subtype: string, parts: Part[], extra = ''): Part {
  const separator = boundary();
  const body = [
    'This is a multi-part message in MIME format.',
    ...parts.map((part) => `--${separator}${CRLF}${part.headers.join(CRLF)}${CRLF}${CRLF}${part.body}`),
    `--${separator}--`,
    '',
  ].join(CRLF);
  return { headers: [`Content-Type: multipart/${subtype};${extra}${CRLF} boundary="${separator}"`], body };
}

function attachmentPart(attachment: MailAttachment): Part {
  const content =
    typeof attachment.content === 'string' ? utf8(attachment.content) : Buffer.from(attachment.content);
  if (attachment.contentType.toLowerCase() === 'message/rfc822') {
    // A forwarded message travels as itself (7bit/8bit), never base64 (RFC 2046 §5.2.1).
    return {
      headers: [
        `Content-Type: message/rfc822; ${fileNameParameter('name', attachment.fileName)}`,
        `Content-Disposition: ${attachment.disposition ?? 'attachment'}; ${fileNameParameter('filename', attachment.fileName)}`,
        'Content-Transfer-Encoding: 8bit',
      ],
      body: asLatin1(content),
    };
  }
  const quotedName = isAscii(attachment.fileName)
    ? `"${attachment.fileName}"`
    : `"${encodedWordsB(attachment.fileName, 'UTF-8', utf8)}"`;
  return {
    headers: [
      // Outlook writes the name twice: an encoded word in Content-Type, RFC 2231 in Content-Disposition.
      `Content-Type: ${attachment.contentType};${CRLF} name=${quotedName}`,
      `Content-Disposition: ${attachment.disposition ?? (attachment.contentId ? 'inline' : 'attachment')};${CRLF} ${fileNameParameter('filename', attachment.fileName)}`,
      ...(attachment.contentId ? [`Content-ID: <${attachment.contentId}>`] : []),
      'Content-Transfer-Encoding: base64',
    ],
    body: base64Lines(content),
  };
}

/**
 * A mail the way Outlook and Thunderbird build it: text and HTML in multipart/alternative, inline images
 * (attachments with a contentId) beside it in multipart/related, files in multipart/mixed around it all,
 * base64 files and RFC 2231 names where non-ASCII. Parts that are not there are not wrapped.
 */
export function multipartMail(options: MultipartMailOptions = {}): Buffer {
  const text = options.text === undefined ? defaults.text : options.text;
  const bodies = [
    ...(text === null ? [] : [textPart(text)]),
    ...(options.html === undefined ? [] : [textPart(options.html, 'html')]),
  ];
  if (bodies.length === 0) throw new Error('multipartMail needs a text or an HTML body');
  let part = bodies.length === 1 ? bodies[0]! : multipart('alternative', bodies);
  const attachments = options.attachments ?? [];
  const inline = attachments.filter((attachment) => attachment.contentId);
  const files = attachments.filter((attachment) => !attachment.contentId);
  if (inline.length) {
    const type = /^Content-Type: ([^;]+)/.exec(part.headers[0]!)?.[1];
    part = multipart('related', [part, ...inline.map(attachmentPart)], ` type="${type}";`);
  }
  if (files.length) part = multipart('mixed', [part, ...files.map(attachmentPart)]);
  return assemble(options, addressFields(options, headerText(options.subject ?? defaults.subject)), part);
}

// --- other charsets --------------------------------------------------------------------------------

/** An encoder to a single-byte charset, built by decoding each byte with the platform's decoder. */
function singleByteEncoder(charset: string): (text: string) => Buffer {
  if (/^iso-?8859-1$|^latin-?1$/i.test(charset)) {
    return (text) => {
      if ([...text].some((char) => char.charCodeAt(0) > 0xff)) throw new Error(`not ISO-8859-1: ${text}`);
      return Buffer.from(text, 'latin1');
    };
  }
  const table = new Map<string, number>();
  if (/^(?:windows|cp)-?1252$/i.test(charset)) {
    // Node 20's TextDecoder reads windows-1252 as ISO-8859-1, so the bytes 0x80–0x9F are spelled out here.
    for (let byte = 0xff; byte >= 0; byte--) table.set(String.fromCharCode(byte), byte);
    const high = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];
    for (const [index, char] of high.entries()) table.set(char, 0x80 + index);
  } else {
    const decoder = new TextDecoder(charset);
    for (let byte = 0xff; byte >= 0; byte--) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  }
  return (text) =>
    Buffer.from(
      [...text].map((char) => {
        const byte = table.get(char);
        if (byte === undefined) throw new Error(`${charset} has no ${char}`);
        return byte;
      }),
    );
}

/**
 * A text/plain mail in a single-byte charset (ISO-8859-1, windows-1252, KOI8-R, …): quoted-printable
 * body, Q-encoded subject and sender name, as older Outlook and Thunderbird versions send them.
 */
export function charsetMail(charset: string, options: PlainMailOptions = {}): Buffer {
  const encode = singleByteEncoder(charset);
  const encodeName = (name: string) => encodedWordQ(encode(name), charset);
  const subject = options.subject ?? defaults.subject;
  const subjectText = isAscii(subject) ? subject : encodedWordQ(encode(subject), charset);
  const body = quotedPrintable(encode(crlf(options.text ?? defaults.text)));
  return assemble(options, addressFields(options, subjectText, encodeName), {
    headers: [
      `Content-Type: text/plain; charset="${charset}"`,
      'Content-Transfer-Encoding: quoted-printable',
    ],
    body,
  });
}

/** A German mail in ISO-8859-1: quoted-printable body, encoded-word subject (by default "Drucker läuft nicht"). */
export function latin1Mail(options: PlainMailOptions = {}): Buffer {
  return charsetMail('ISO-8859-1', {
    from: 'Jürgen Weiß <juergen@kunde.example>',
    subject: 'Drucker läuft nicht',
    text: 'Guten Tag,\n\nder Drucker im Büro läuft nicht. Grüße aus Köln!\n\nJürgen Weiß\n',
    ...options,
  });
}

let jisTable: Map<string, [number, number]> | null = null;

/** JIS X 0208 code of each character, found by decoding every code with the platform's ISO-2022-JP decoder. */
function jisCodes(): Map<string, [number, number]> {
  if (jisTable) return jisTable;
  const decoder = new TextDecoder('iso-2022-jp');
  jisTable = new Map();
  for (let row = 0x21; row <= 0x7e; row++) {
    for (let cell = 0x21; cell <= 0x7e; cell++) {
      const char = decoder.decode(Uint8Array.of(0x1b, 0x24, 0x42, row, cell, 0x1b, 0x28, 0x42));
      if (char.length === 1 && char !== '\ufffd' && !jisTable.has(char)) jisTable.set(char, [row, cell]);
    }
  }
  return jisTable;
}

/** ISO-2022-JP bytes: ASCII as is, other characters as JIS X 0208 between ESC $ B and ESC ( B. */
export function iso2022jp(text: string): Buffer {
  const table = jisCodes();
  const bytes: number[] = [];
  let isKanji = false;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) {
      if (isKanji) bytes.push(0x1b, 0x28, 0x42);
      isKanji = false;
      bytes.push(code);
      continue;
    }
    const jis = table.get(char);
    if (!jis) throw new Error(`ISO-2022-JP has no ${char}`);
    if (!isKanji) bytes.push(0x1b, 0x24, 0x42);
    isKanji = true;
    bytes.push(...jis);
  }
  if (isKanji) bytes.push(0x1b, 0x28, 0x42);
  return Buffer.from(bytes);
}

/** A Japanese mail in ISO-2022-JP (7bit body, B-encoded subject and name), as Japanese mail clients send it. */
export function japaneseMail(options: PlainMailOptions = {}): Buffer {
  const subject = options.subject ?? 'プリンターが動きません';
  const encodeName = (name: string) => encodedWordsB(name, 'ISO-2022-JP', iso2022jp);
  const head = { from: '山田 太郎 <yamada@kokyaku.example>', ...options };
  return assemble(
    head,
    addressFields(
      head,
      isAscii(subject) ? subject : encodedWordsB(subject, 'ISO-2022-JP', iso2022jp),
      encodeName,
    ),
    {
      headers: ['Content-Type: text/plain; charset="ISO-2022-JP"', 'Content-Transfer-Encoding: 7bit'],
      body: asLatin1(
        iso2022jp(crlf(options.text ?? 'お世話になっております。\n二階のプリンターが動きません。\n\n山田\n')),
      ),
    },
  );
}

// --- machine-sent mail -----------------------------------------------------------------------------

export interface OutOfOfficeOptions extends PlainMailOptions {
  /** Exchange writes "Automatic reply: <subject>" and its own headers; Gmail's vacation responder keeps the subject. */
  client?: 'exchange' | 'gmail';
}

/** An out-of-office reply (Auto-Submitted: auto-replied) as Exchange or Gmail sends it; `subject` is the one answered. */
export function outOfOfficeMail(options: OutOfOfficeOptions = {}): Buffer {
  const client = options.client ?? 'exchange';
  const original = options.subject ?? '[#1042] Printer offline';
  const text =
    options.text ?? 'I am out of the office until 10 March with limited access to email.\n\nDana\n';
  const exchangeHeaders = {
    'Thread-Topic': original,
    'Auto-Submitted': 'auto-replied',
    'X-Auto-Response-Suppress': 'All',
    'X-MS-Exchange-Inbox-Rules-Loop': 'dana@client.example',
  };
  const gmailHeaders = { 'Auto-Submitted': 'auto-replied' };
  return multipartMail({
    ...options,
    subject: client === 'exchange' ? `Automatic reply: ${original}` : `Re: ${original}`,
    text,
    html: `<html><body><p>${text.trim().replace(/\n\n/g, '</p><p>')}</p></body></html>`,
    headers: { ...(client === 'exchange' ? exchangeHeaders : gmailHeaders), ...options.headers },
  });
}

/** A newsletter from a mailing list: Precedence: bulk, List-Id and List-Unsubscribe. */
export function bulkMail(options: MultipartMailOptions = {}): Buffer {
  return multipartMail({
    from: 'Vendor News <news@vendor.example>',
    subject: 'Our spring offers',
    text: 'Spring offers on toner and paper.\n',
    html: '<p>Spring offers on <b>toner</b> and paper.</p>',
    ...options,
    headers: {
      Precedence: 'bulk',
      'List-Id': 'Vendor customers <customers.news.vendor.example>',
      'List-Unsubscribe': '<mailto:unsubscribe@news.vendor.example>, <https://news.vendor.example/u/123>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      ...options.headers,
    },
  });
}

export interface BounceOptions extends MailHead {
  /** The message that could not be delivered; a short one to support@msp.example when left out. */
  original?: Buffer;
  recipient?: string;
}

/** A delivery failure report as Postfix sends it: multipart/report, empty Return-Path, MAILER-DAEMON. */
export function bounceMail(options: BounceOptions = {}): Buffer {
  const recipient = options.recipient ?? 'nobody@client.example';
  const original =
    options.original ??
    plainMail({ from: 'support@msp.example', to: recipient, subject: '[#1042] Printer offline' });
  const notice = textPart(
    `This is the mail system at host mx.msp.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<${recipient}>: host mail.client.example said: 550 5.1.1 User unknown\n`,
  );
  const status: Part = {
    headers: ['Content-Description: Delivery report', 'Content-Type: message/delivery-status'],
    body: crlf(
      `Reporting-MTA: dns; mx.msp.example\n\nFinal-Recipient: rfc822; ${recipient}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n`,
    ),
  };
  const returned: Part = {
    headers: ['Content-Description: Undelivered Message', 'Content-Type: message/rfc822'],
    body: asLatin1(original),
  };
  const part = multipart('report', [notice, status, returned], ' report-type=delivery-status;');
  const head: MailHead = {
    from: 'Mail Delivery System <MAILER-DAEMON@mx.msp.example>',
    to: 'support@msp.example',
    subject: 'Undelivered Mail Returned to Sender',
    ...options,
    headers: { 'Return-Path': '<>', 'Auto-Submitted': 'auto-replied', ...options.headers },
  };
  return assemble(head, addressFields(head, headerText(head.subject!)), part);
}

/**
 * Input a parser must reject: `binary` (a zip file where a message was expected), `no-header` (a body with
 * no header above it), `no-from` (a complete message whose From holds no address).
 */
export function malformedMail(kind: 'binary' | 'no-header' | 'no-from' = 'binary'): Buffer {
  if (kind === 'no-header') {
    return Buffer.from(
      crlf('Hello, the printer is broken again.\nPlease send someone today.\nThanks, Dana\n'),
      'latin1',
    );
  }
  if (kind === 'no-from') {
    return plainMail({ headers: { From: 'undisclosed-recipients:;' } });
  }
  // A zip's local file header followed by pseudo-random bytes (fixed seed, so the bytes never change).
  const bytes = Buffer.alloc(2048);
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]).copy(bytes);
  let seed = 1042;
  for (let at = 10; at < bytes.length; at++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    bytes[at] = seed >> 16;
  }
  return bytes;
}
