// Rules about one received message: the ticket its subject names, whether a machine sent it, and the new
// part of a reply.

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
