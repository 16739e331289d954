// Inbound mail for people: mailboxes (mail.manage; secrets sealed, never shown), the log of received mail,
// and triage (mail.triage) — placing a mail nobody could place by itself on a new or existing ticket.
import type {
  InboundEmail,
  InboundEmailDetail,
  InboundEmailListQuery,
  InboundEmailPage,
  Mailbox,
  MailboxCheck,
  MailboxInput,
  TriageAttach,
  TriageCreateTicket,
  TriageDismiss,
  TriageResult,
} from '../../../shared/api/inbound-mail.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import type { SecretBox } from '../../secret-box.ts';
import { findClientForTicket, findSenderMatches, insertContact } from '../clients/index.ts';
import {
  attachMailFilesToTicket,
  countAttachmentsByEmail,
  listAttachments,
  readStoredFile,
  toAttachment,
} from '../files/index.ts';
import { addReplyFromMail, openTicketFromMail, requireTicket } from '../tickets/index.ts';
import * as repo from './inbound-mail.repository.ts';
import { stripQuotedReply } from './inbound-parse.ts';
import { imapSecretContext, type MailboxPoller } from './mailbox-poller.ts';

const mailboxNotFound = () => new AppError('mailbox.not_found', 'Mailbox not found.');
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

const encodeCursor = (row: repo.LogPosition) =>
  Buffer.from(`${row.receivedAt.toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): repo.LogPosition {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const receivedAt = new Date(at ?? '');
  if (!id || Number.isNaN(receivedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('request.invalid', 'The cursor is not valid.');
  }
  return { receivedAt, id };
}

export function createInboundMailService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  secretBox: SecretBox;
  poller: MailboxPoller;
}) {
  const { db, actions, clock, secretBox, poller } = deps;

  function toMailbox(row: repo.MailboxRow): Mailbox {
    let oauth: NonNullable<Mailbox['imap']>['oauth'] = null;
    if (row.imapAuth === 'xoauth2' && row.imapSecret) {
      try {
        const secret = JSON.parse(secretBox.open(row.imapSecret, imapSecretContext(row.tenantId, row.id)));
        oauth = { clientId: secret.clientId, tokenUrl: secret.tokenUrl, scope: secret.scope ?? null };
      } catch {
        oauth = null; // unreadable under this key: shown as not set, entered again
      }
    }
    return {
      id: row.id,
      name: row.name,
      address: row.address,
      kind: row.kind,
      imap:
        row.kind === 'imap'
          ? {
              host: row.imapHost ?? '',
              port: row.imapPort ?? 993,
              security: row.imapSecurity ?? 'tls',
              auth: row.imapAuth ?? 'password',
              user: row.imapUser ?? '',
              hasSecret: row.imapSecret !== null,
              oauth,
              folder: row.imapFolder,
              processedFolder: row.imapProcessedFolder,
            }
          : null,
      boardId: row.boardId,
      defaultPriority: row.defaultPriority,
      isEnabled: row.isEnabled,
      lastPolledAt: iso(row.lastPolledAt),
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function requireMailbox(executor: Executor, tenantId: string, id: string) {
    const row = await repo.findMailbox(executor, tenantId, id);
    if (!row) throw mailboxNotFound();
    return row;
  }

  /** The mailbox's columns from the form; the secret sealed, or kept when omitted and still of its kind. */
  async function columnsFor(
    tx: Executor,
    tenantId: string,
    id: string,
    input: MailboxInput,
    before: repo.MailboxRow | null,
  ) {
    const owner = await repo.findMailboxByAddress(tx, input.address);
    if (owner && owner.id !== id) {
      throw new AppError('mailbox.address_taken', `Another mailbox already receives at ${input.address}.`, [
        { path: ['address'], message: 'Already used by another mailbox' },
      ]);
    }
    const imap = input.imap ?? null;
    let imapSecret: string | null = null;
    if (imap?.secret)
      imapSecret = secretBox.seal(JSON.stringify(imap.secret), imapSecretContext(tenantId, id));
    else if (imap) {
      imapSecret = before?.imapAuth === imap.auth ? before.imapSecret : null;
      if (!imapSecret) {
        throw new AppError(
          'request.invalid',
          imap.auth === 'password'
            ? 'Enter the password to sign in to the mailbox with.'
            : 'Enter the OAuth2 client id, client secret, refresh token and token URL.',
          [{ path: ['imap', 'secret'], message: 'Required for this sign-in method' }],
        );
      }
    }
    const isNewServer =
      !before ||
      before.imapHost !== (imap?.host ?? null) ||
      before.imapUser !== (imap?.user ?? null) ||
      before.imapFolder !== (imap?.folder ?? 'INBOX');
    return {
      name: input.name,
      address: input.address,
      kind: input.kind,
      imapHost: imap?.host ?? null,
      imapPort: imap?.port ?? null,
      imapSecurity: imap?.security ?? null,
      imapAuth: imap?.auth ?? null,
      imapUser: imap?.user ?? null,
      imapSecret,
      imapFolder: imap?.folder ?? 'INBOX',
      imapProcessedFolder: imap?.processedFolder ?? null,
      // Another server or folder: its UIDs mean nothing here, so reading starts again from its unread mail.
      ...(isNewServer ? { imapUidValidity: null, imapLastUid: 0 } : {}),
      boardId: input.boardId ?? null,
      defaultPriority: input.defaultPriority,
      isEnabled: input.isEnabled,
      updatedAt: clock.now(),
    };
  }

  const boardInvalid = () =>
    new AppError('request.invalid', 'No such board.', [{ path: ['boardId'], message: 'No such board' }]);

  async function withBoardCheck<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw isForeignKeyViolation(error) ? boardInvalid() : error;
    }
  }

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

  async function placed(tx: Executor, actor: Actor, id: string, ticketId: string | null, dismissed: number) {
    const row = (await repo.findInboundEmail(tx, actor.scope.tenantId, id))!;
    const files = await listAttachments(tx, actor.scope.tenantId, { inboundEmailId: id });
    return { item: toInboundEmail(row, files.length), ticketId, dismissed };
  }

  return {
    async listMailboxes(scope: Scope): Promise<Mailbox[]> {
      return (await repo.listMailboxes(db, scope.tenantId)).map(toMailbox);
    },

    async getMailbox(scope: Scope, id: string): Promise<Mailbox> {
      return toMailbox(await requireMailbox(db, scope.tenantId, id));
    },

    async createMailbox(actor: Actor, input: MailboxInput): Promise<Mailbox> {
      return withBoardCheck(() =>
        actions.run(actor, 'mailbox.create', async (tx, audit) => {
          const { tenantId } = actor.scope;
          const id = newId();
          await repo.insertMailbox(tx, {
            tenantId,
            id,
            ...(await columnsFor(tx, tenantId, id, input, null)),
          });
          const after = toMailbox(await requireMailbox(tx, tenantId, id));
          audit.target('mailbox', id);
          audit.change(null, after);
          return after;
        }),
      );
    },

    async updateMailbox(actor: Actor, id: string, input: MailboxInput): Promise<Mailbox> {
      const result = await withBoardCheck(() =>
        actions.run(actor, 'mailbox.update', async (tx, audit) => {
          const { tenantId } = actor.scope;
          const before = await requireMailbox(tx, tenantId, id);
          audit.target('mailbox', id);
          await repo.updateMailbox(tx, tenantId, id, await columnsFor(tx, tenantId, id, input, before));
          const after = toMailbox(await requireMailbox(tx, tenantId, id));
          audit.change(toMailbox(before), { ...after, secretChanged: input.imap?.secret !== undefined });
          return after;
        }),
      );
      poller.forget(id);
      return result;
    },

    async deleteMailbox(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'mailbox.delete', async (tx, audit) => {
        const before = await requireMailbox(tx, actor.scope.tenantId, id);
        audit.target('mailbox', id);
        await repo.deleteMailbox(tx, actor.scope.tenantId, id);
        audit.change(toMailbox(before), null);
      });
      poller.forget(id);
    },

    /** Signs in to the IMAP server and opens the folder; 502 with the server's answer when it cannot. */
    async checkMailbox(scope: Scope, id: string): Promise<MailboxCheck> {
      const row = await requireMailbox(db, scope.tenantId, id);
      if (row.kind !== 'imap') {
        throw new AppError(
          'conflict',
          'This mailbox receives through the SMTP listener; there is nothing to sign in to.',
        );
      }
      try {
        return await poller.check(row);
      } catch (error) {
        throw new AppError('mailbox.check_failed', error instanceof Error ? error.message : String(error), {
          server: `${row.imapHost}:${row.imapPort}`,
        });
      }
    },

    /** Reads the mailbox now, as the minute job would. */
    async pollMailbox(scope: Scope, id: string): Promise<{ received: number }> {
      const row = await requireMailbox(db, scope.tenantId, id);
      if (row.kind !== 'imap' || !row.isEnabled) {
        throw new AppError(
          'conflict',
          row.kind === 'imap'
            ? 'The mailbox is turned off.'
            : 'Mail for this address arrives through the SMTP listener.',
        );
      }
      let received: number | null;
      try {
        received = await poller.pollOne(row);
      } catch (error) {
        throw new AppError('mailbox.check_failed', error instanceof Error ? error.message : String(error), {
          server: `${row.imapHost}:${row.imapPort}`,
        });
      }
      if (received === null)
        throw new AppError('conflict', 'The mailbox is being read right now; try again in a minute.');
      return { received };
    },

    async listInbound(scope: Scope, query: InboundEmailListQuery): Promise<InboundEmailPage> {
      const rows = await repo.listInboundEmails(db, scope.tenantId, {
        isTriage: query.view === 'triage',
        outcome: query.outcome,
        q: query.q,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
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
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
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
        const ticket = await openTicketFromMail(
          tx,
          { tenantId, contactId },
          {
            clientId: client.id,
            title: input.title ?? (email.subject.trim().slice(0, 300) || '(no subject)'),
            description: email.textBody.slice(0, 50_000),
            boardId: mailbox?.boardId ?? null,
            priority: input.priority ?? mailbox?.defaultPriority ?? 'P3',
            slaPolicyId: client.defaultSlaPolicyId,
            eventData: { inboundEmailId: id, from: email.fromAddress, placedBy: actor.scope.membershipId },
          },
          now,
        );
        await attachMailFilesToTicket(tx, tenantId, id, ticket.id);
        await repo.updateInboundEmail(tx, tenantId, id, {
          triageState: 'resolved',
          triagedBy: actor.scope.membershipId,
          triagedAt: now,
          ticketId: ticket.id,
          clientId: client.id,
          contactId,
        });
        const result = await placed(tx, actor, id, ticket.id, 0);
        audit.change(
          { triageState: 'open' },
          { triageState: 'resolved', ticketNumber: ticket.number, contactId },
        );
        return result;
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
        const holder = await addReplyFromMail(
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
        await attachMailFilesToTicket(tx, tenantId, id, holder.id);
        await repo.updateInboundEmail(tx, tenantId, id, {
          triageState: 'resolved',
          triagedBy: actor.scope.membershipId,
          triagedAt: now,
          ticketId: holder.id,
          clientId: ticket.clientId,
          contactId,
        });
        const result = await placed(tx, actor, id, holder.id, 0);
        audit.change(
          { triageState: 'open' },
          { triageState: 'resolved', ticketNumber: holder.number, contactId },
        );
        return result;
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
