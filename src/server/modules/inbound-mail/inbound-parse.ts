// One raw inbound message turned into facts Accord acts on: sender, thread ids, ticket reference, the new
// text of a reply, files within limits, and whether a machine sent it. No database; mailparser decodes MIME.
import { type AddressObject, type HeaderLines, type SimpleParserOptions, simpleParser } from 'mailparser';
import { safeFileName } from '../files/index.ts';
import { htmlToText } from './html-text.ts';
import { automaticReason, stripQuotedReply } from './mail-rules.ts';

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
