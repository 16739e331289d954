// Inbound mail: the mailboxes an organization receives at (read over IMAP, or delivered by the install's
// SMTP listener) and every message received, with what became of it — a ticket, a reply, triage, ignored.
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  imapAuthKinds,
  imapSecurityModes,
  inboundOutcomes,
  inboundReasons,
  mailboxKinds,
  triageStates,
} from '../../../shared/api/inbound-mail.ts';
import { priorities } from '../../../shared/api/sla-policies.ts';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { clients, contacts } from '../clients/clients.table.ts';
import { storedFiles } from '../files/files.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { boards, tickets } from '../tickets/tickets.table.ts';

export const mailboxes = pgTable(
  'mailboxes',
  {
    ...tenantKey(),
    name: text().notNull(),
    /** Lower-case; one mailbox per address on the install, so the SMTP listener knows whose mail it is. */
    address: text().notNull(),
    kind: text({ enum: mailboxKinds }).notNull(),
    imapHost: text(),
    imapPort: integer(),
    imapSecurity: text({ enum: imapSecurityModes }),
    imapAuth: text({ enum: imapAuthKinds }),
    imapUser: text(),
    /** Password or OAuth2 refresh material, sealed with the install's key (`imap:<tenant>:<mailbox>`). */
    imapSecret: text(),
    imapFolder: text().notNull().default('INBOX'),
    imapProcessedFolder: text(),
    /** Where the last poll stopped: read mail is after lastUid within this UIDVALIDITY. */
    imapUidValidity: text(),
    imapLastUid: integer().notNull().default(0),
    boardId: uuid(),
    defaultPriority: text({ enum: priorities }).notNull().default('P3'),
    isEnabled: boolean().notNull().default(true),
    lastPolledAt: instant(),
    lastError: text(),
    /** A poll in progress holds the mailbox until then, so two app nodes never read it at once. */
    pollLeaseUntil: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.boardId], foreignColumns: [boards.tenantId, boards.id] }),
    uniqueIndex('mailboxes_address_key').on(t.address),
  ],
);

export const inboundEmails = pgTable(
  'inbound_emails',
  {
    ...tenantKey(),
    mailboxId: uuid(),
    via: text({ enum: ['imap', 'smtp'] }).notNull(),
    receivedAt: instant().notNull(),
    /** The sender's Message-ID; one message is taken once per organization, however often it arrives. */
    messageId: text(),
    inReplyTo: text().array().notNull().default(sql`'{}'::text[]`),
    fromAddress: text().notNull(),
    fromName: text().notNull().default(''),
    toAddresses: text().array().notNull().default(sql`'{}'::text[]`),
    ccAddresses: text().array().notNull().default(sql`'{}'::text[]`),
    subject: text().notNull().default(''),
    sentAt: instant(),
    /** The body as text (what a reply added, before quoted history was cut). */
    textBody: text().notNull().default(''),
    size: integer().notNull(),
    /** The message as received; null when it was larger than the install keeps. */
    rawSha256: text(),
    outcome: text({ enum: inboundOutcomes }).notNull(),
    reason: text({ enum: inboundReasons }),
    detail: text(),
    skippedAttachments: jsonb()
      .$type<{ fileName: string; size: number; reason: string }[]>()
      .notNull()
      .default([]),
    triageState: text({ enum: triageStates }),
    triagedBy: uuid(),
    triagedAt: instant(),
    ticketId: uuid(),
    clientId: uuid(),
    contactId: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.mailboxId], foreignColumns: [mailboxes.tenantId, mailboxes.id] }),
    foreignKey({
      columns: [t.tenantId, t.rawSha256],
      foreignColumns: [storedFiles.tenantId, storedFiles.sha256],
    }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({
      columns: [t.tenantId, t.triagedBy],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    uniqueIndex('inbound_emails_message_id_key').on(t.tenantId, t.messageId),
    index('inbound_emails_log_idx').on(t.tenantId, t.receivedAt),
    index('inbound_emails_triage_idx').on(t.tenantId, t.receivedAt).where(sql`${t.triageState} = 'open'`),
    // The per-sender flood limit counts a sender's recent mail.
    index('inbound_emails_sender_idx').on(t.tenantId, t.fromAddress, t.receivedAt),
  ],
);
