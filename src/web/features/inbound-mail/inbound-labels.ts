// Words for what became of a received mail, and sizes as people read them.
import type { InboundOutcome, InboundReason } from './inbound-mail-api.ts';

/** Why a mail went to triage or was ignored, as a short phrase. */
export const reasonLabels: Record<InboundReason, string> = {
  unknown_sender: 'Sender not at any client',
  ambiguous_sender: 'Sender matches several clients',
  sender_not_on_ticket: "Not from the ticket's client",
  parse_error: 'Could not be read',
  too_large: 'Too large',
  rate_limited: 'Sender over the hourly limit',
  automatic: 'Auto-reply or bulk mail',
  own_address: "Sent by Accord's own address",
};

export const outcomeLabels: Record<InboundOutcome, string> = {
  ticket_created: 'New ticket',
  reply_added: 'Reply on a ticket',
  triage: 'Triage',
  ignored: 'Ignored',
  change_request: 'Change request',
};

/** "512 B", "14 KB", "3.2 MB" (1 KB = 1024 B, as mail clients count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** "Ada Lovelace <ada@example.com>", or the address alone when the mail gave no name. */
export const senderLine = (mail: { fromName: string; fromAddress: string }) =>
  mail.fromName.trim() ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress;
