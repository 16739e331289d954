// Taking one received message: parsed outside any transaction, then recorded and acted on in one — a new
// ticket, a reply, triage, or ignored — so a message is either wholly taken or not at all. Whatever
// happens, it is recorded: a message that cannot be read or processed is kept in triage with the reason.
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Executor, Transaction } from '../../db/client.ts';
import { findClientInTenant, findSenderMatches, insertContact } from '../clients/index.ts';
import { insertAttachment, storeFile } from '../files/index.ts';
import { findFromAddress, findTicketsByMessageIds } from '../mail/index.ts';
import { addContactReply, findTicketInTenant, openContactTicket } from '../tickets/index.ts';
import * as repo from './inbound-mail.repository.ts';
import {
  defaultInboundLimits,
  InboundParseError,
  type ParsedAttachment,
  type ParsedInbound,
  parseInbound,
} from './inbound-parse.ts';
import { routeInbound } from './inbound-routing.ts';
import { ticketReference } from './mail-rules.ts';

/** The largest message Accord takes (IMAP does not download larger ones; the SMTP listener refuses them). */
export const MAX_MESSAGE_BYTES = 30 * 1024 * 1024;
/** Messages per sender per hour before the rest go to triage instead of opening tickets. */
export const SENDER_HOURLY_LIMIT = 30;
/** A ticket's description holds at most this much of a mail's text; the whole mail stays in the log. */
const MAX_DESCRIPTION_CHARS = 50_000;
/** The newest thread ids looked at when matching a reply (References can be long). */
const MAX_THREAD_IDS = 20;

export interface ReceiveTarget {
  tenantId: string;
  mailboxId: string | null;
  via: 'imap' | 'smtp';
  boardId: string | null;
  defaultPriority: Priority;
}

export type ReceivedMessage = { raw: Buffer } | { tooLarge: true; size: number };

export type ReceiveResult =
  | { outcome: 'duplicate' }
  | { outcome: repo.InboundEmailRow['outcome']; id: string; ticketId: string | null };

const HOUR_MS = 3_600_000;

/** A sender address from the raw header, for mail too broken to parse (or too large to read). */
function roughSender(raw: Buffer | null, envelopeFrom: string | null): string {
  const head =
    raw
      ?.subarray(0, 64 * 1024)
      .toString('latin1')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const from = head.replace(/\r?\n[ \t]+/g, ' ').match(/^from:.*?([^\s<>"]+@[^\s<>"]+)/im)?.[1];
  return (from ?? envelopeFrom ?? '').toLowerCase().slice(0, 320);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Takes what a mail asks of the organization before it is routed (a vendor's change request): the
 * outcome's words, or null when the mail is not one, inside the receiver's transaction.
 */
export interface MailTaker {
  take(
    tx: Transaction,
    message: { tenantId: string; inboundEmailId: string; fromAddress: string; subject: string; text: string },
  ): Promise<{ detail: string } | null>;
}

export function createReceiver(deps: { db: Database; clock: Clock; changeRequestMail?: MailTaker }) {
  const { db, clock, changeRequestMail } = deps;

  async function storeAttachments(
    tx: Executor,
    tenantId: string,
    files: readonly ParsedAttachment[],
    owner: { inboundEmailId: string; ticketId: string | null },
  ) {
    for (const file of files) {
      await insertAttachment(tx, {
        tenantId,
        content: file.content,
        fileName: file.fileName,
        contentType: file.contentType,
        ...owner,
      });
    }
  }

  /** The ticket a mail answers: our own messages it replies to first (newest first), else [#number]. */
  async function findAnsweredTicket(tx: Executor, tenantId: string, mail: ParsedInbound) {
    const threadIds = [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])].slice(
      0,
      MAX_THREAD_IDS,
    );
    const known = [
      ...(await findTicketsByMessageIds(tx, tenantId, threadIds)),
      ...(await repo.findTicketsByInboundMessageIds(tx, tenantId, threadIds)),
    ];
    for (const id of threadIds) {
      const match = known.find((k) => k.messageId === id);
      if (match) return findTicketInTenant(tx, tenantId, { id: match.ticketId });
    }
    const number = ticketReference(mail.subject);
    return number === null ? undefined : findTicketInTenant(tx, tenantId, { number });
  }

  async function contactFor(
    tx: Executor,
    tenantId: string,
    clientId: string,
    mail: ParsedInbound,
    route: { contactId: string | null; addContact: boolean },
  ): Promise<string | null> {
    if (route.contactId || !route.addContact || !mail.from) return route.contactId;
    const { address, name } = mail.from;
    const contact = await insertContact(tx, {
      tenantId,
      clientId,
      name: name.trim() || address.slice(0, address.indexOf('@')),
      email: address,
    });
    return contact.id;
  }

  /** Records and acts on a parsed mail; null when the organization already took this Message-ID. */
  async function take(target: ReceiveTarget, raw: Buffer, mail: ParsedInbound): Promise<ReceiveResult> {
    return db.transaction(async (tx) => {
      const { tenantId } = target;
      const now = clock.now();
      const fromAddress = mail.from?.address ?? '';
      const id = await repo.insertInboundEmail(tx, {
        tenantId,
        mailboxId: target.mailboxId,
        via: target.via,
        receivedAt: now,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        fromAddress,
        fromName: mail.from?.name ?? '',
        toAddresses: mail.to,
        ccAddresses: mail.cc,
        subject: mail.subject,
        sentAt: mail.date,
        textBody: mail.text,
        size: raw.length,
        rawSha256: await storeFile(tx, tenantId, raw),
        outcome: 'triage',
        skippedAttachments: mail.skippedAttachments,
      });
      if (!id) return { outcome: 'duplicate' };
      const ownAddresses = [
        ...(await repo.listMailboxAddresses(tx, tenantId)),
        (await findFromAddress(tx, tenantId)) ?? '',
      ];
      if (changeRequestMail && !mail.automatic) {
        const message = { tenantId, inboundEmailId: id, fromAddress, subject: mail.subject, text: mail.text };
        const taken = await changeRequestMail.take(tx, message);
        if (taken) {
          await repo.updateInboundEmail(tx, tenantId, id, {
            outcome: 'change_request',
            detail: taken.detail,
          });
          return { outcome: 'change_request', id, ticketId: null };
        }
      }
      const answered = await findAnsweredTicket(tx, tenantId, mail);
      const sender = await findSenderMatches(tx, tenantId, fromAddress);
      const route = routeInbound({
        automatic: mail.automatic,
        isOwnAddress: ownAddresses.includes(fromAddress),
        isRateLimited:
          (await repo.countFromSender(tx, tenantId, fromAddress, new Date(now.getTime() - HOUR_MS))) >
          SENDER_HOURLY_LIMIT,
        answered: answered ? { ticketId: answered.id, clientId: answered.clientId } : null,
        senderContacts: sender.contacts,
        domainClientIds: sender.domainClientIds,
      });
      switch (route.kind) {
        case 'ignore':
          await repo.updateInboundEmail(tx, tenantId, id, {
            outcome: 'ignored',
            reason: route.reason,
            detail: route.detail,
          });
          return { outcome: 'ignored', id, ticketId: null };
        case 'triage':
          await storeAttachments(tx, tenantId, mail.attachments, { inboundEmailId: id, ticketId: null });
          await repo.updateInboundEmail(tx, tenantId, id, {
            triageState: 'open',
            reason: route.reason,
            detail: route.detail,
          });
          return { outcome: 'triage', id, ticketId: null };
        case 'reply': {
          const contactId = await contactFor(tx, tenantId, route.clientId, mail, route);
          const ticket = await addContactReply(
            tx,
            { tenantId, contactId },
            route.ticketId,
            { body: mail.replyText, occurredAt: now, data: { inboundEmailId: id, from: fromAddress } },
            now,
          );
          await storeAttachments(tx, tenantId, mail.attachments, { inboundEmailId: id, ticketId: ticket.id });
          await repo.updateInboundEmail(tx, tenantId, id, {
            outcome: 'reply_added',
            ticketId: ticket.id,
            clientId: route.clientId,
            contactId,
          });
          return { outcome: 'reply_added', id, ticketId: ticket.id };
        }
        case 'new_ticket': {
          const client = await findClientInTenant(tx, tenantId, route.clientId);
          const contactId = await contactFor(tx, tenantId, route.clientId, mail, route);
          const ticket = await openContactTicket(
            tx,
            { tenantId, contactId },
            {
              clientId: route.clientId,
              source: 'email',
              title: mail.subject.trim().slice(0, 300) || '(no subject)',
              description: mail.text.slice(0, MAX_DESCRIPTION_CHARS),
              boardId: target.boardId,
              priority: target.defaultPriority,
              slaPolicyId: client?.defaultSlaPolicyId ?? null,
              eventData: { inboundEmailId: id, from: fromAddress },
            },
            now,
          );
          await storeAttachments(tx, tenantId, mail.attachments, { inboundEmailId: id, ticketId: ticket.id });
          await repo.updateInboundEmail(tx, tenantId, id, {
            outcome: 'ticket_created',
            ticketId: ticket.id,
            clientId: route.clientId,
            contactId,
          });
          return { outcome: 'ticket_created', id, ticketId: ticket.id };
        }
      }
    });
  }

  /** Keeps a message nobody could act on in triage, with why; the raw message too when there is one. */
  async function keepInTriage(
    target: ReceiveTarget,
    raw: Buffer | null,
    size: number,
    failure: { reason: 'parse_error' | 'too_large'; detail: string; envelopeFrom: string | null },
  ): Promise<ReceiveResult> {
    return db.transaction(async (tx) => {
      const id = await repo.insertInboundEmail(tx, {
        tenantId: target.tenantId,
        mailboxId: target.mailboxId,
        via: target.via,
        receivedAt: clock.now(),
        fromAddress: roughSender(raw, failure.envelopeFrom),
        size,
        rawSha256: raw ? await storeFile(tx, target.tenantId, raw) : null,
        outcome: 'triage',
        reason: failure.reason,
        detail: failure.detail.slice(0, 2000),
        triageState: 'open',
      });
      return { outcome: 'triage', id: id!, ticketId: null };
    });
  }

  return {
    /**
     * Takes one message for an organization's mailbox. Resolves once it is committed (the caller may
     * then mark it read or answer 250); rejects only when the database itself fails.
     */
    async receive(
      target: ReceiveTarget,
      message: ReceivedMessage,
      envelopeFrom: string | null = null,
    ): Promise<ReceiveResult> {
      if ('tooLarge' in message) {
        return keepInTriage(target, null, message.size, {
          reason: 'too_large',
          detail: `The message is ${megabytes(message.size)}; Accord takes at most ${megabytes(MAX_MESSAGE_BYTES)}. Ask the sender for a smaller one, or a link.`,
          envelopeFrom,
        });
      }
      const { raw } = message;
      let mail: ParsedInbound;
      try {
        mail = await parseInbound(raw, defaultInboundLimits);
      } catch (error) {
        if (!(error instanceof InboundParseError)) throw error;
        return keepInTriage(target, raw, raw.length, {
          reason: 'parse_error',
          detail: error.message,
          envelopeFrom,
        });
      }
      try {
        return await take(target, raw, mail);
      } catch (error) {
        // A rule this message trips (a bug, a constraint) must not stop the mailbox: keep it for a person.
        return keepInTriage(target, raw, raw.length, {
          reason: 'parse_error',
          detail: `Could not be processed: ${error instanceof Error ? error.message : String(error)}`,
          envelopeFrom,
        });
      }
    },
  };
}

export type Receiver = ReturnType<typeof createReceiver>;
