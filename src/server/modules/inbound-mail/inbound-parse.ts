// One raw inbound message turned into facts Accord acts on: sender, thread ids, ticket reference, the new
// text of a reply, files within limits, and whether a machine sent it. No database; mailparser decodes MIME.
import { type AddressObject, type HeaderLines, type SimpleParserOptions, simpleParser } from 'mailparser';

/** Byte limits for the files of one message; files beyond them are listed as skipped, the mail is kept. */
export interface InboundLimits {
  maxAttachmentBytes: number;
  maxAttachments: number;
  maxTotalAttachmentBytes: number;
}

const MB = 1024 * 1024;
export const defaultInboundLimits: InboundLimits = {
  maxAttachmentBytes: 15 * MB,
  maxAttachments: 20,
  maxTotalAttachmentBytes: 25 * MB,
};

export interface ParsedAttachment {
  /** Safe to store and offer as a download: see safeFileName(). */
  fileName: string;
  contentType: string;
  content: Buffer;
  size: number;
  /** The Content-ID without angle brackets, as the HTML refers to it (`cid:<contentId>`). */
  contentId: string | null;
  /** An image the HTML body shows in place (referenced by cid), not a file the sender attached. */
  isInline: boolean;
}

export interface SkippedAttachment {
  fileName: string;
  size: number;
  reason: 'too_large' | 'too_many' | 'total_too_large';
}

export interface ParsedInbound {
  /** `<id@host>`; null when the message has none. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  /** The address is lower-case. */
  from: { address: string; name: string } | null;
  replyTo: string | null;
  to: string[];
  cc: string[];
  /** Decoded, on one line, '' when absent. */
  subject: string;
  date: Date | null;
  /** The text part, else the HTML as text; `\n` line ends. */
  text: string;
  /** `text` without quoted history and signature; never empty when `text` is not. */
  replyText: string;
  /** Why a machine sent this (see automaticReason()), null for a person's mail. */
  automatic: string | null;
  attachments: ParsedAttachment[];
  skippedAttachments: SkippedAttachment[];
}

/** Mail that cannot be used at all; the message tells an admin what is wrong with it. */
export class InboundParseError extends Error {
  override name = 'InboundParseError';
}

// Text conversions are done here (HTML to text, below) rather than by mailparser: its conversion skips
// HTML-only parts inside multiparts and its errors on long HTML would reject the whole message.
// ignoreEmbedded keeps every message/rfc822 part whole, as an .eml attachment, instead of merging a
// forwarded message's text into the body.
const parserOptions: SimpleParserOptions & { ignoreEmbedded: boolean } = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  keepCidLinks: true,
  ignoreEmbedded: true,
};

export async function parseInbound(
  raw: Buffer,
  limits: InboundLimits = defaultInboundLimits,
): Promise<ParsedInbound> {
  const message = checkShape(raw);
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(message, parserOptions);
  } catch (error) {
    throw new InboundParseError(
      `The message could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const headers = rawHeaders(mail.headerLines ?? []);
  const from = addressesOf(mail.from)[0];
  if (!from) {
    const given = headers.get('from')?.[0];
    throw new InboundParseError(
      given === undefined
        ? 'The message has no From header, so there is no sender to answer.'
        : `The message's From header holds no usable address: "${given.slice(0, 120)}".`,
    );
  }

  const html = typeof mail.html === 'string' ? mail.html : '';
  const text = normalizeText(mail.text ?? '') || normalizeText(htmlToText(html));
  const subject = oneLine(mail.subject ?? '');
  const dateValue = headers.get('date')?.[0];
  const date = dateValue === undefined ? null : new Date(dateValue);
  const { attachments, skippedAttachments } = limitAttachments(
    mail.attachments,
    referencedCids(html),
    limits,
  );

  return {
    messageId: messageIds(headers.get('message-id')?.slice(0, 1) ?? [])[0] ?? null,
    inReplyTo: messageIds(headers.get('in-reply-to') ?? []),
    references: messageIds(headers.get('references') ?? []),
    from: { address: from.address, name: oneLine(from.name) },
    replyTo: addressesOf(mail.replyTo)[0]?.address ?? null,
    to: unique(addressesOf(mail.to).map((entry) => entry.address)),
    cc: unique(addressesOf(mail.cc).map((entry) => entry.address)),
    subject,
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    text,
    replyText: stripQuotedReply(text),
    automatic: automaticReason(headers, subject, from.address),
    attachments,
    skippedAttachments,
  };
}

// --- what is not a message at all --------------------------------------------------------------------

/** `Name:` at the start of a line: printable ASCII but the colon (RFC 5322 §2.2), obsolete space before ':'. */
const HEADER_FIELD = /^[!-9;-~]+[ \t]*:/;

/**
 * Rejects input mailparser would accept as a message with no header: empty input, bytes where the header
 * should be text (NUL and other controls; ESC is allowed for raw ISO-2022-JP), a first line that is not a
 * header field, and text lines running on from the header with no empty line after it. Leading blank
 * lines and an mbox "From " line are dropped; later odd header lines are left to mailparser.
 */
function checkShape(raw: Buffer): Buffer {
  let start = 0;
  while (start < raw.length && (raw[start] === 0x0a || raw[start] === 0x0d)) start++;
  if (start === raw.length) throw new InboundParseError('The message is empty.');
  if (raw.subarray(start, start + 5).toString('latin1') === 'From ') {
    const lineEnd = raw.indexOf(0x0a, start);
    start = lineEnd < 0 ? raw.length : lineEnd + 1;
  }
  const message = raw.subarray(start);
  const blankLine = [message.indexOf('\n\n'), message.indexOf('\n\r\n')].filter((at) => at >= 0);
  const headEnd = blankLine.length ? Math.min(...blankLine) + 1 : message.length;
  const head = message.subarray(0, headEnd);
  for (const byte of head) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x1b) || byte === 0x7f) {
      throw new InboundParseError('This is not an email: its header holds binary data.');
    }
  }
  const lines = head.toString('latin1').split(/\r?\n/);
  if (!HEADER_FIELD.test(lines[0] ?? '')) {
    throw new InboundParseError(
      `This is not an email: it does not start with a header field ("Name: value") but with "${(lines[0] ?? '').slice(0, 60)}".`,
    );
  }
  if (!blankLine.length) {
    const textLine = lines.findIndex(
      (line) => line !== '' && !HEADER_FIELD.test(line) && !/^[ \t]/.test(line),
    );
    if (textLine >= 0) {
      throw new InboundParseError(
        `The message has no empty line between header and body: line ${textLine + 1} is text, not a header field.`,
      );
    }
  }
  return message;
}

// --- header values -----------------------------------------------------------------------------------

/** Each header's raw values, unfolded, in order, by lower-case name. */
function rawHeaders(lines: HeaderLines): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = key.toLowerCase();
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n(?=[ \t])/g, '')
      .trim();
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  return headers;
}

/** Message ids in `<…>` form, first occurrence kept; a bare `id@host` (some old clients) is bracketed. */
function messageIds(values: string[]): string[] {
  const ids: string[] = [];
  for (const value of values) {
    const found =
      value.match(/<[^<>\s]+>/g) ??
      value
        .split(/[\s,]+/)
        .filter((token) => token.includes('@'))
        .map((token) => `<${token}>`);
    ids.push(...found);
  }
  return unique(ids);
}

const ADDRESS = /^[^\s@]+@[^\s@]+$/;

function addressesOf(
  field: AddressObject | AddressObject[] | undefined,
): Array<{ address: string; name: string }> {
  type Entry = AddressObject['value'][number];
  const flatten = (entries: Entry[]): Entry[] =>
    entries.flatMap((entry) => [entry, ...flatten(entry.group ?? [])]);
  return flatten([field ?? []].flat().flatMap((object) => object.value))
    .map((entry) => ({ address: (entry.address ?? '').trim().toLowerCase(), name: entry.name ?? '' }))
    .filter((entry) => ADDRESS.test(entry.address));
}

const unique = (values: string[]) => [...new Set(values)];

/** Control characters (C0, DEL, C1) and the byte-order mark; the body keeps its newlines and tabs. */
const CONTROLS = /[\p{Cc}\ufeff]/gu;
const CONTROLS_BUT_LINES = /(?![\n\t])[\p{Cc}\ufeff]/gu;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(CONTROLS, '').trim();

/** `\n` line ends, no trailing spaces, no blank lines at either end. */
function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS_BUT_LINES, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+/, '')
    .trimEnd();
}

// --- attachments -------------------------------------------------------------------------------------

type MailAttachment = Awaited<ReturnType<typeof simpleParser>>['attachments'][number];

function referencedCids(html: string): Set<string> {
  const cids = new Set<string>();
  for (const [, cid = ''] of html.matchAll(/\bcid:([^'"\s>)]+)/gi)) {
    try {
      cids.add(decodeURIComponent(cid).toLowerCase());
    } catch {
      cids.add(cid.toLowerCase());
    }
  }
  return cids;
}

function limitAttachments(
  found: MailAttachment[],
  cids: Set<string>,
  limits: InboundLimits,
): { attachments: ParsedAttachment[]; skippedAttachments: SkippedAttachment[] } {
  const attachments: ParsedAttachment[] = [];
  const skippedAttachments: SkippedAttachment[] = [];
  let total = 0;
  for (const attachment of found) {
    const contentType = (attachment.contentType || 'application/octet-stream').toLowerCase();
    let fileName = safeFileName(attachment.filename, contentType);
    if (contentType === 'message/rfc822' && !/\.eml$/i.test(fileName)) {
      fileName = safeFileName(`${fileName}.eml`, contentType);
    }
    const size = attachment.content.length;
    const reason: SkippedAttachment['reason'] | null =
      size > limits.maxAttachmentBytes
        ? 'too_large'
        : attachments.length >= limits.maxAttachments
          ? 'too_many'
          : total + size > limits.maxTotalAttachmentBytes
            ? 'total_too_large'
            : null;
    if (reason) {
      skippedAttachments.push({ fileName, size, reason });
      continue;
    }
    total += size;
    const contentId = attachment.cid?.trim() || null;
    attachments.push({
      fileName,
      contentType,
      content: attachment.content,
      size,
      contentId,
      isInline: contentId !== null && cids.has(contentId.toLowerCase()),
    });
  }
  return { attachments, skippedAttachments };
}

const extensions: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/json': '.json',
  'application/xml': '.xml',
  'application/msword': '.doc',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.ms-outlook': '.msg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/pkcs7-signature': '.p7s',
  'application/octet-stream': '.bin',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/bmp': '.bmp',
  'image/tiff': '.tif',
  'image/heic': '.heic',
  'image/svg+xml': '.svg',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/csv': '.csv',
  'text/xml': '.xml',
  'text/calendar': '.ics',
  'text/rfc822-headers': '.txt',
  'message/rfc822': '.eml',
  'message/delivery-status': '.txt',
};

/** Direction overrides that make `invoice\u202Efdp.exe` display as `invoiceexe.pdf`. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED_WINDOWS_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;
const MAX_FILE_NAME = 150;

/** Without leading or trailing dots and spaces (a loop: a regex for this is quadratic on long names). */
function trimDotsAndSpaces(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && (name[start] === '.' || name[start] === ' ')) start++;
  while (end > start && (name[end - 1] === '.' || name[end - 1] === ' ')) end--;
  return name.slice(start, end);
}

/**
 * A file name safe to store and to offer as a download: no directories (everything up to the last / or \
 * goes), no control or bidi-override characters, none of `<>:"|?*`, no leading dots, no trailing dots or
 * spaces, no reserved Windows device name, at most 150 characters keeping the extension; `attachment` and
 * an extension from the content type when nothing is left.
 */
export function safeFileName(name: string | null | undefined, contentType: string): string {
  let safe = (name ?? '').normalize('NFC');
  safe = safe.slice(Math.max(safe.lastIndexOf('/'), safe.lastIndexOf('\\')) + 1);
  safe = trimDotsAndSpaces(
    safe
      .replace(CONTROLS, '')
      .replace(BIDI_CONTROLS, '')
      .replace(/[<>:"|?*]/g, '_')
      .replace(/\s+/g, ' '),
  );
  if (RESERVED_WINDOWS_NAME.test(safe)) safe = `_${safe}`;
  const chars = [...safe];
  if (chars.length > MAX_FILE_NAME) {
    const dot = safe.lastIndexOf('.');
    const extension = dot > 0 && [...safe.slice(dot)].length <= 20 ? safe.slice(dot) : '';
    const stem = [...safe.slice(0, safe.length - extension.length)]
      .slice(0, MAX_FILE_NAME - [...extension].length)
      .join('');
    safe = trimDotsAndSpaces(stem) + extension;
  }
  if (safe) return safe;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return `attachment${extensions[type] ?? ''}`;
}

// --- rules about one message -------------------------------------------------------------------------

const TICKET_REFERENCE = /\[\s*(?:ticket\s*)?#\s*(\d{1,9})\s*\]/gi;

/** The ticket number a subject refers to: `[#1042]` anywhere in it (also `[# 1042]`, `[Ticket #1042]`), else null. The first one wins. */
export function ticketReference(subject: string): number | null {
  for (const [, digits] of subject.matchAll(TICKET_REFERENCE)) {
    const number = Number(digits);
    if (number > 0) return number;
  }
  return null;
}

/** Headers as raw values by name (any case), or mailparser's parsed `headers` map. */
export type HeaderSource = ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

function headerTexts(headers: HeaderSource, name: string): string[] {
  const entries: Array<[string, unknown]> =
    headers instanceof Map ? [...headers.entries()] : Object.entries(headers);
  const texts = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (typeof value === 'number') return [String(value)];
    if (Array.isArray(value)) return value.flatMap(texts);
    if (value && typeof value === 'object') {
      // mailparser's structured headers ({ value, params }) and address headers ({ value: [...], text })
      if ('text' in value && typeof value.text === 'string') return [value.text];
      if ('value' in value && typeof value.value === 'string') return [value.value];
    }
    return [];
  };
  const found = entries.filter(([key]) => key.toLowerCase() === name).flatMap(([, value]) => texts(value));
  // mailparser folds every List-* header into one `list` object keyed by the rest of the name.
  const list = entries.find(([key]) => key.toLowerCase() === 'list')?.[1];
  if (name.startsWith('list-') && list && typeof list === 'object' && name.slice(5) in list)
    found.push('(list)');
  return found.map((value) => value.trim());
}

const outOfOfficeSubjects = [
  /^out of (?:the )?office(?:\s+(?:auto-?reply|reply|notice|notification))?\s*(?::|$)/i,
  /^auto(?:matic)?[\s-]?(?:reply|response)\b/i,
  /^abwesenheitsnotiz\b/i,
  /^automatische antwort\b/i,
  /^r[ée]ponse automatique\b/i,
  /^respuesta autom[áa]tica\b/i,
  /^automatisch antwoord\b/i,
  /^risposta automatica\b/i,
];

const deliveryFailureSubjects = [
  /^delivery status notification\b/i,
  /^undeliverable\s*:/i,
  /^undelivered mail returned to sender\b/i,
  /^mail delivery (?:failed|failure)\b/i,
  /^returned mail\s*:/i,
  /^unzustellbar\s*:/i,
  /^non remis\s*:/i,
  /^onbestelbaar\s*:/i,
];

/**
 * Why a mail is automatic, as a short reason for people ('Auto-Submitted: auto-replied',
 * 'out-of-office subject'), or null for a person's mail. Headers first (RFC 3834 Auto-Submitted, Exchange's
 * and others' auto-reply headers, Precedence, mailing-list headers), then bounce senders and reports, then
 * subjects, which only count at the start so "Re: out of office next week" from a person is not caught.
 * `from` is the From address.
 */
export function automaticReason(headers: HeaderSource, subject: string, from: string | null): string | null {
  // Values are clipped: they end up in a reason people read.
  const first = (name: string) => headerTexts(headers, name)[0]?.slice(0, 80);
  const autoSubmitted = first('auto-submitted');
  const autoSubmittedToken = autoSubmitted?.split(/[;(\s]/)[0]?.toLowerCase();
  if (autoSubmittedToken && autoSubmittedToken !== 'no') return `Auto-Submitted: ${autoSubmittedToken}`;

  const suppress = first('x-auto-response-suppress');
  if (suppress?.split(/[\s,]+/).some((token) => /^(?:all|oof|autoreply)$/i.test(token))) {
    return `X-Auto-Response-Suppress: ${suppress}`;
  }
  const generatedBy = first('x-ms-exchange-generated-message-source');
  if (generatedBy !== undefined) return `X-MS-Exchange-Generated-Message-Source: ${generatedBy}`;
  for (const name of ['X-Autoreply', 'X-Autorespond']) {
    const value = first(name.toLowerCase());
    if (value !== undefined && !/^(?:no|false|0)$/i.test(value)) return `${name}: ${value || '(empty)'}`;
  }
  const precedence = first('precedence')?.toLowerCase();
  if (precedence && /^(?:bulk|junk|list|auto[_-]reply)$/.test(precedence)) return `Precedence: ${precedence}`;
  if (first('list-id') !== undefined) return 'mailing list (List-Id)';
  if (first('list-unsubscribe') !== undefined) return 'mailing list (List-Unsubscribe)';

  const returnPath = first('return-path');
  if (returnPath !== undefined && returnPath.replace(/[<>\s]/g, '') === '')
    return 'bounce (empty Return-Path)';
  const sender = from?.split('@')[0]?.toLowerCase();
  if (sender === 'mailer-daemon' || sender === 'postmaster') return `bounce (sent by ${sender})`;
  const contentType = first('content-type') ?? '';
  if (/^multipart\/report\b/i.test(contentType)) {
    return /report-type\s*=\s*"?disposition-notification/i.test(contentType)
      ? 'read receipt (multipart/report)'
      : 'delivery report (multipart/report)';
  }

  const trimmed = subject.trim();
  if (outOfOfficeSubjects.some((pattern) => pattern.test(trimmed))) return 'out-of-office subject';
  if (deliveryFailureSubjects.some((pattern) => pattern.test(trimmed))) return 'delivery-failure subject';
  return null;
}

// --- the new part of a reply -------------------------------------------------------------------------

/** "On … wrote:" and its German, French, Spanish, Dutch and Italian forms, on one line. */
const ATTRIBUTION = [
  /^On\b.{1,250}\bwrote:$/i,
  /^Am\b.{1,250}\bschrieb\b.{0,250}:$/i,
  /^.{1,250}\bschrieb am\b.{1,250}:$/i,
  /^Le\b.{1,250}\ba écrit ?:$/i,
  /^El\b.{1,250}\bescribió ?:$/i,
  /^Op\b.{1,250}\b(?:schreef|het volgende geschreven)\b.{0,250}:$/i,
  /^Il\b.{1,250}\bha scritto ?:$/i,
];
const ATTRIBUTION_WORD = /wrote|schrieb|écrit|escribió|schreef|geschreven|scritto/i;
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(?:original message|ursprüngliche nachricht|originalnachricht|message d'origine|mensaje original|oorspronkelijk bericht|messaggio originale)\s*-{2,}$/i;
/** Outlook's header block: a From line and, within a few lines, a Sent or Date line. */
const HEADER_FROM = /^\*?(?:from|von|de|van|da)\*?\s*:\s*\S/i;
const HEADER_SENT =
  /^\*?(?:sent|date|gesendet|datum|envoyé|enviado(?: el)?|fecha|verzonden|inviato|data)\*?\s*:/i;
const SIGNATURE = /^--$/;
const SEPARATOR = /^(?:_{3,}|-{3,}|={3,}|\*{3,})$/;

function isAttribution(line: string): boolean {
  return ATTRIBUTION_WORD.test(line) && ATTRIBUTION.some((pattern) => pattern.test(line));
}

function quoteStart(lines: string[]): number {
  const trimmed = lines.map((line) => line.trim());
  // A ">" line after the last unquoted one starts a quote block that runs to the end; quotes with answers
  // between them are an inline reply and stay.
  let lastUnquoted = -1;
  trimmed.forEach((line, at) => {
    if (line && !line.startsWith('>')) lastUnquoted = at;
  });
  for (let at = 0; at < trimmed.length; at++) {
    const line = trimmed[at]!;
    if (SIGNATURE.test(line) || ORIGINAL_MESSAGE.test(line)) return at;
    // Attribution lines are often wrapped after the name, before "wrote:".
    if (isAttribution(line) || (line && isAttribution(`${line} ${trimmed[at + 1] ?? ''}`))) return at;
    if (HEADER_FROM.test(line) && trimmed.slice(at + 1, at + 6).some((next) => HEADER_SENT.test(next))) {
      return at;
    }
    if (
      /^\S.{0,200}\bwrote:$/i.test(line) &&
      trimmed
        .slice(at + 1)
        .find((next) => next)
        ?.startsWith('>')
    ) {
      return at;
    }
    if (line.startsWith('>') && at > lastUnquoted) return at;
  }
  return lines.length;
}

/**
 * The new part of a reply: cut at the first quoted-history marker ("On … wrote:" and the usual German,
 * French, Spanish and Dutch forms, Outlook's "-----Original Message-----" and its "From: … Sent: …" block,
 * a trailing block of ">" lines) and at a "-- " signature line. The whole text when the cut would leave nothing.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.slice(0, quoteStart(lines));
  while (kept.length && (kept.at(-1)!.trim() === '' || SEPARATOR.test(kept.at(-1)!.trim()))) kept.pop();
  const reply = kept.join('\n').trimEnd();
  return reply.trim() ? reply : text;
}

// --- HTML as text ------------------------------------------------------------------------------------

const HIDDEN_ELEMENTS = new Set(['script', 'style', 'head', 'title', 'template', 'xml']);
const PARAGRAPH_ELEMENTS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'pre',
  'hr',
]);
const LINE_ELEMENTS = new Set(
  'address article aside blockquote center dd div dl dt fieldset figcaption figure footer form header li main nav section tbody tfoot thead tr'.split(
    ' ',
  ),
);

const namedEntities: Record<string, string> = {
  ...{ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', zwnj: '', zwj: '' },
  ...Object.fromEntries(
    'copy=© reg=® trade=™ hellip=… mdash=— ndash=– lsquo=‘ rsquo=’ sbquo=‚ ldquo=“ rdquo=” bdquo=„ laquo=« raquo=» bull=• middot=· euro=€ pound=£ yen=¥ cent=¢ sect=§ deg=° times=× divide=÷ iexcl=¡ iquest=¿ auml=ä ouml=ö uuml=ü Auml=Ä Ouml=Ö Uuml=Ü szlig=ß aacute=á agrave=à acirc=â eacute=é egrave=è ecirc=ê euml=ë iacute=í icirc=î iuml=ï oacute=ó ocirc=ô uacute=ú ugrave=ù ucirc=û ccedil=ç ntilde=ñ Eacute=É Ccedil=Ç Ntilde=Ñ'
      .split(' ')
      .map((pair) => pair.split('=')),
  ),
};
const ENTITIES_WITHOUT_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp']);

function decodeEntities(text: string): string {
  return text.replace(
    /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31})(;?)/gi,
    (entity, name: string, semicolon) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        const isValid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
        return isValid ? String.fromCodePoint(code) : '\ufffd';
      }
      const decoded = namedEntities[name];
      if (decoded === undefined || (!semicolon && !ENTITIES_WITHOUT_SEMICOLON.has(name))) return entity;
      return decoded;
    },
  );
}

/** Collects text: block ends owe newlines, paid before the next text; quoted lines get "> " prefixes. */
class TextWriter {
  readonly parts: string[] = [];
  quoteDepth = 0;
  private owedNewlines = 0;
  private lastChar = '\n';

  /** At least `count` line ends before the next text (block elements). */
  endBlock(count: number) {
    this.owedNewlines = Math.max(this.owedNewlines, count);
  }

  /** One more line end (<br>). */
  breakLine() {
    this.owedNewlines += 1;
  }

  write(text: string) {
    if (!text) return;
    const isLineStart = this.owedNewlines > 0 || this.lastChar === '\n';
    if (isLineStart || this.lastChar === ' ') text = text.replace(/^ +/, '');
    if (!text) return;
    if (this.owedNewlines > 0 && this.parts.length) this.parts.push('\n'.repeat(this.owedNewlines));
    this.owedNewlines = 0;
    const prefix = '> '.repeat(this.quoteDepth);
    const lines = text.split('\n');
    const atStart = this.parts.length === 0 || this.parts.at(-1)!.endsWith('\n');
    this.parts.push(lines.map((line, index) => (index > 0 || atStart ? prefix + line : line)).join('\n'));
    this.lastChar = text.at(-1)!;
  }
}

/** Readable text from an HTML body: no tags, nothing of script or style, blocks on lines, quotes as "> ". */
export function htmlToText(html: string): string {
  const writer = new TextWriter();
  const links: Array<{ href: string; from: number }> = [];
  const absentCloseTags = new Set<string>();
  let preDepth = 0;
  const writeText = (raw: string) => {
    const decoded = decodeEntities(raw.replace(/[\r\n]+/g, preDepth ? '\n' : ' ')).replace(/\u00a0/g, ' ');
    writer.write(preDepth ? decoded : decoded.replace(/[ \t\f\n]+/g, ' '));
  };
  const tagName = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;

  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) {
      writeText(html.slice(at));
      break;
    }
    writeText(html.slice(at, open));
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[open + 1] === '!' || html[open + 1] === '?') {
      const end = html.indexOf('>', open);
      at = end < 0 ? html.length : end + 1;
      continue;
    }
    tagName.lastIndex = open;
    const match = tagName.exec(html);
    if (!match) {
      writeText('<');
      at = open + 1;
      continue;
    }
    const end = tagEnd(html, tagName.lastIndex);
    if (end < 0) {
      // A "<" that never closes was text ("Press <Ctrl and click").
      writeText(html.slice(open));
      break;
    }
    const isClosing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    const tag = html.slice(open, end + 1);
    at = end + 1;

    if (!isClosing && HIDDEN_ELEMENTS.has(name) && !tag.endsWith('/>')) {
      const close = absentCloseTags.has(name) ? null : new RegExp(`</${name}\\s*>`, 'gi');
      if (close) close.lastIndex = at;
      const found = close?.exec(html);
      if (found) {
        at = found.index + found[0].length;
      } else {
        absentCloseTags.add(name);
        // An unclosed script or style hides the rest; an unclosed head or title hides nothing.
        if (name === 'script' || name === 'style') break;
      }
      continue;
    }
    if (name === 'br') writer.breakLine();
    else if (PARAGRAPH_ELEMENTS.has(name)) writer.endBlock(2);
    else if (LINE_ELEMENTS.has(name)) writer.endBlock(1);
    if (name === 'pre') preDepth = Math.max(0, preDepth + (isClosing ? -1 : 1));
    if (name === 'blockquote') writer.quoteDepth = Math.max(0, writer.quoteDepth + (isClosing ? -1 : 1));
    if (name === 'li' && !isClosing) writer.write('- ');
    if ((name === 'td' || name === 'th') && !isClosing) writer.write(' ');
    if (name === 'a' && !isClosing) {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      links.push({
        href: decodeEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim(),
        from: writer.parts.length,
      });
    }
    if (name === 'a' && isClosing) {
      const link = links.pop();
      // Only short labels are read back: a long run of unclosed links must not make this quadratic.
      const isShort = link !== undefined && writer.parts.length - link.from <= 20;
      const label = link && isShort ? writer.parts.slice(link.from).join('').trim() : '';
      if (
        link &&
        isShort &&
        /^https?:\/\//i.test(link.href) &&
        !label.includes(link.href.replace(/^https?:\/\//i, '').replace(/\/$/, ''))
      ) {
        writer.write(` (${link.href})`);
      }
    }
  }

  return writer.parts
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The index of the `>` that ends a tag, skipping quoted attribute values; -1 when the tag never ends. */
function tagEnd(html: string, from: number): number {
  let quote: string | null = null;
  let previous = '';
  for (let at = from; at < html.length; at++) {
    const char = html[at]!;
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '>') {
      return at;
    } else if ((char === '"' || char === "'") && previous === '=') {
      quote = char;
    }
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') previous = char;
  }
  return -1;
}
