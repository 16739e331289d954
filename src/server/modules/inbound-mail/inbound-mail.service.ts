// Received mail for people (mail.triage): the log of everything received, and triage — placing a mail no
// rule could place on a new or existing ticket, or dismissing it.
import type {
  InboundEmail,
  InboundEmailDetail,
  InboundEmailListQuery,
  InboundEmailPage,
  TriageAttach,
  TriageCreateTicket,
  TriageDismiss,
  TriageResult,
} from '../../../shared/api/inbound-mail.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner, AuditRecorder } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { decodeLogCursor, encodeLogCursor } from '../../db/log-page.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { findClientForTicket, findSenderMatches, insertContact } from '../clients/index.ts';
import {
  attachMailFilesToTicket,
  countAttachmentsByEmail,
  listAttachments,
  readStoredFile,
  toAttachment,
} from '../files/index.ts';
import { addContactReply, openContactTicket, requireTicket } from '../tickets/index.ts';
import * as repo from './inbound-mail.repository.ts';
import { stripQuotedReply } from './mail-rules.ts';

const emailNotFound = () => new AppError('inbound_email.not_found', 'Received mail not found.');
const iso = (date: Date | null) => date?.toISOString() ?? null;

function toInboundEmail(row: repo.ListedInboundEmail, attachmentCount: number): InboundEmail {
  const e = row.email;
  return {
    id: e.id,
    mailboxId: e.mailboxId,
    mailboxName: row.mailboxName,
    receivedAt: e.receivedAt.toISOString(),
    messageId: e.messageId,
    fromAddress: e.fromAddress,
    fromName: e.fromName,
    subject: e.subject,
    outcome: e.outcome,
    reason: e.reason,
    detail: e.detail,
    triageState: e.triageState,
    ticketId: e.ticketId,
    ticketNumber: row.ticketNumber,
    clientId: e.clientId,
    clientName: row.clientName,
    size: e.size,
    attachmentCount,
  };
}

export function createInboundMailService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function requireOpenTriage(tx: Executor, tenantId: string, id: string) {
    const row = await repo.findInboundEmail(tx, tenantId, id, { forUpdate: true });
    if (!row) throw emailNotFound();
    if (row.email.triageState !== 'open') {
      throw new AppError(
        'inbound_email.not_in_triage',
        row.email.triageState
          ? `This mail was already ${row.email.triageState === 'resolved' ? 'placed' : 'dismissed'}.`
          : 'This mail did not go to triage.',
      );
    }
    return row.email;
  }

  /** The sender as a contact of the client: an existing one with that address, else new when asked. */
  async function senderContact(
    tx: Executor,
    email: repo.InboundEmailRow,
    clientId: string,
    shouldSave: boolean,
  ): Promise<string | null> {
    const existing = (await findSenderMatches(tx, email.tenantId, email.fromAddress)).contacts.find(
      (c) => c.clientId === clientId,
    );
    if (existing || !shouldSave || !email.fromAddress) return existing?.id ?? null;
    const name = email.fromName.trim() || email.fromAddress.slice(0, email.fromAddress.indexOf('@'));
    return (await insertContact(tx, { tenantId: email.tenantId, clientId, name, email: email.fromAddress }))
      .id;
  }

  /** Closes a triage item as placed on a ticket: its files join the ticket, and who placed it is kept. */
  async function placeOnTicket(
    tx: Executor,
    actor: Actor,
    audit: AuditRecorder,
    id: string,
    placement: {
      ticket: { id: string; number: number };
      clientId: string;
      contactId: string | null;
      now: Date;
    },
  ): Promise<TriageResult> {
    const { tenantId } = actor.scope;
    const { ticket, clientId, contactId, now } = placement;
    await attachMailFilesToTicket(tx, tenantId, id, ticket.id);
    await repo.updateInboundEmail(tx, tenantId, id, {
      triageState: 'resolved',
      triagedBy: actor.scope.membershipId,
      triagedAt: now,
      ticketId: ticket.id,
      clientId,
      contactId,
    });
    audit.change(
      { triageState: 'open' },
      { triageState: 'resolved', ticketNumber: ticket.number, contactId },
    );
    return placed(tx, actor, id, ticket.id, 0);
  }

  async function placed(tx: Executor, actor: Actor, id: string, ticketId: string | null, dismissed: number) {
    const row = (await repo.findInboundEmail(tx, actor.scope.tenantId, id))!;
    const files = await listAttachments(tx, actor.scope.tenantId, { inboundEmailId: id });
    return { item: toInboundEmail(row, files.length), ticketId, dismissed };
  }

  return {
    async listInbound(scope: Scope, query: InboundEmailListQuery): Promise<InboundEmailPage> {
      const rows = await repo.listInboundEmails(db, scope.tenantId, {
        isTriage: query.view === 'triage',
        outcome: query.outcome,
        q: query.q,
        before: query.cursor ? decodeLogCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const counts = await countAttachmentsByEmail(
        db,
        scope.tenantId,
        page.map((row) => row.email.id),
      );
      const last = page.at(-1)?.email;
      return {
        items: page.map((row) => toInboundEmail(row, counts.get(row.email.id) ?? 0)),
        nextCursor: rows.length > query.limit && last ? encodeLogCursor(last.receivedAt, last.id) : null,
        openTriage: await repo.countOpenTriage(db, scope.tenantId),
      };
    },

    async getInbound(scope: Scope, id: string): Promise<InboundEmailDetail> {
      const row = await repo.findInboundEmail(db, scope.tenantId, id);
      if (!row) throw emailNotFound();
      const files = await listAttachments(db, scope.tenantId, { inboundEmailId: id });
      const e = row.email;
      return {
        ...toInboundEmail(row, files.length),
        to: e.toAddresses,
        cc: e.ccAddresses,
        sentAt: iso(e.sentAt),
        text: e.textBody,
        attachments: files.map(toAttachment),
        skippedAttachments: e.skippedAttachments,
        rawUrl: e.rawSha256 ? `/api/v1/inbound-emails/${e.id}/raw` : null,
        triagedBy: row.triagedByName,
        triagedAt: iso(e.triagedAt),
      };
    },

    async rawMessage(scope: Scope, id: string) {
      const row = await repo.findInboundEmail(db, scope.tenantId, id);
      const content = row?.email.rawSha256
        ? await readStoredFile(db, scope.tenantId, row.email.rawSha256)
        : null;
      if (!content) throw emailNotFound();
      return { fileName: `mail-${id}.eml`, contentType: 'message/rfc822', content };
    },

    /** A triaged mail becomes a ticket for the client the dispatcher chose (which they must be able to see). */
    async createTicket(actor: Actor, id: string, input: TriageCreateTicket): Promise<TriageResult> {
      return actions.run(actor, 'inbound_email.create_ticket', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const email = await requireOpenTriage(tx, tenantId, id);
        audit.target('inbound_email', id);
        const client = await findClientForTicket(tx, actor.scope, input.clientId, input.contactId ?? null);
        const contactId =
          input.contactId ?? (await senderContact(tx, email, client.id, input.saveSenderAsContact));
        const mailbox = email.mailboxId ? await repo.findMailbox(tx, tenantId, email.mailboxId) : undefined;
        const now = clock.now();
        const ticket = await openContactTicket(
          tx,
          { tenantId, contactId },
          {
            clientId: client.id,
            source: 'email',
            title: input.title ?? (email.subject.trim().slice(0, 300) || '(no subject)'),
            description: email.textBody.slice(0, 50_000),
            boardId: mailbox?.boardId ?? null,
            priority: input.priority ?? mailbox?.defaultPriority ?? 'P3',
            slaPolicyId: client.defaultSlaPolicyId,
            eventData: { inboundEmailId: id, from: email.fromAddress, placedBy: actor.scope.membershipId },
          },
          now,
        );
        return placeOnTicket(tx, actor, audit, id, { ticket, clientId: client.id, contactId, now });
      });
    },

    /** A triaged mail joins a ticket the dispatcher can see, as the sender's public reply. */
    async attachToTicket(actor: Actor, id: string, input: TriageAttach): Promise<TriageResult> {
      return actions.run(actor, 'inbound_email.attach', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const email = await requireOpenTriage(tx, tenantId, id);
        audit.target('inbound_email', id);
        const ticket = await requireTicket(tx, actor.scope, input.ticketId);
        const contactId = await senderContact(tx, email, ticket.clientId, input.saveSenderAsContact);
        const now = clock.now();
        const holder = await addContactReply(
          tx,
          { tenantId, contactId },
          ticket.id,
          {
            body: stripQuotedReply(email.textBody) || '(empty message)',
            occurredAt: now,
            data: { inboundEmailId: id, from: email.fromAddress, placedBy: actor.scope.membershipId },
          },
          now,
        );
        return placeOnTicket(tx, actor, audit, id, {
          ticket: holder,
          clientId: ticket.clientId,
          contactId,
          now,
        });
      });
    },

    async dismiss(actor: Actor, id: string, input: TriageDismiss): Promise<TriageResult> {
      return actions.run(actor, 'inbound_email.dismiss', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const email = await requireOpenTriage(tx, tenantId, id);
        audit.target('inbound_email', id);
        const by = { triagedBy: actor.scope.membershipId, triagedAt: clock.now() };
        await repo.updateInboundEmail(tx, tenantId, id, { triageState: 'dismissed', ...by });
        const others =
          input.allFromSender && email.fromAddress
            ? await repo.dismissOpenFromSender(tx, tenantId, email.fromAddress, by)
            : 0;
        audit.change(
          { triageState: 'open' },
          {
            triageState: 'dismissed',
            allFromSender: input.allFromSender,
            sender: email.fromAddress,
            dismissed: 1 + others,
          },
        );
        return placed(tx, actor, id, null, 1 + others);
      });
    },
  };
}

export type InboundMailService = ReturnType<typeof createInboundMailService>;
