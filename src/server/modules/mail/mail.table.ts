// Outbound mail: each organization's SMTP server, its editable templates, and every message queued,
// with what became of it.
import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { tenants } from '../identity/identity.table.ts';

export const smtpSecurityModes = ['tls', 'starttls', 'none'] as const;
export const smtpAuthKinds = ['none', 'password', 'xoauth2'] as const;

/** One row per organization that has set up mail; none means mail is not sent (and says so). */
export const mailSettings = pgTable('mail_settings', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id),
  smtpHost: text().notNull(),
  smtpPort: integer().notNull(),
  /** 'tls': TLS from the first byte (465); 'starttls': upgrade required (587); 'none': loopback relays only. */
  smtpSecurity: text({ enum: smtpSecurityModes }).notNull(),
  smtpAuth: text({ enum: smtpAuthKinds }).notNull().default('none'),
  smtpUser: text(),
  /** Password or OAuth2 refresh material, sealed with the install's key (secret-box.ts, `smtp:<tenant>`). */
  smtpSecret: text(),
  fromAddress: text().notNull(),
  fromName: text().notNull(),
  ...timestamps(),
});

/** An organization's edited copy of a template; templates it never edited come from the shipped defaults. */
export const emailTemplates = pgTable(
  'email_templates',
  {
    ...tenantKey(),
    key: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('email_templates_key').on(t.tenantId, t.key),
  ],
);

export const outboundEmailStatuses = ['queued', 'sent', 'failed'] as const;

/** Every message Accord sends, rendered when queued; the send job retries with backoff until sent or failed. */
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    ...tenantKey(),
    toAddress: text().notNull(),
    templateKey: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text(),
    /** Our Message-ID, so replies can be matched by In-Reply-To. */
    messageId: text().notNull(),
    ticketId: uuid(),
    eventId: uuid(),
    status: text({ enum: outboundEmailStatuses }).notNull().default('queued'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: instant().notNull(),
    /** When the send job next tries a queued message: at once, then after each failure by the schedule. */
    nextAttemptAt: instant().notNull(),
    sentAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('outbound_emails_log_idx').on(t.tenantId, t.createdAt),
    index('outbound_emails_status_idx').on(t.tenantId, t.status, t.createdAt),
    uniqueIndex('outbound_emails_message_id_key').on(t.messageId),
    index('outbound_emails_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
  ],
);
