// Every query on mail settings, email templates and the outbound mail log.
import { and, asc, desc, eq, ilike, inArray, isNotNull, lte, notInArray, type SQL } from 'drizzle-orm';
import type { OutboundEmailStatus } from '../../../shared/api/mail.ts';
import type { Executor } from '../../db/client.ts';
import { type LogPosition, olderThan } from '../../db/log-page.ts';
import { identities, tenants } from '../identity/identity.table.ts';
import { emailTemplates, mailSettings, outboundEmails } from './mail.table.ts';

export type MailSettingsRow = typeof mailSettings.$inferSelect;
export type EmailTemplateRow = typeof emailTemplates.$inferSelect;
export type OutboundEmailRow = typeof outboundEmails.$inferSelect;
export type NewOutboundEmail = typeof outboundEmails.$inferInsert;

export async function findSettings(db: Executor, tenantId: string): Promise<MailSettingsRow | null> {
  const [row] = await db.select().from(mailSettings).where(eq(mailSettings.tenantId, tenantId));
  return row ?? null;
}

export async function saveSettings(db: Executor, values: Omit<MailSettingsRow, 'createdAt'>): Promise<void> {
  const { tenantId, ...rest } = values;
  await db
    .insert(mailSettings)
    .values({ ...values, createdAt: values.updatedAt })
    .onConflictDoUpdate({ target: mailSettings.tenantId, set: rest });
}

export async function deleteSettings(db: Executor, tenantId: string): Promise<void> {
  await db.delete(mailSettings).where(eq(mailSettings.tenantId, tenantId));
}

export async function findOrganizationName(db: Executor, tenantId: string): Promise<string> {
  const [row] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.name ?? '';
}

export async function findIdentity(
  db: Executor,
  identityId: string,
): Promise<{ email: string; name: string } | null> {
  const [row] = await db
    .select({ email: identities.email, name: identities.name })
    .from(identities)
    .where(eq(identities.id, identityId));
  return row ?? null;
}

export async function listTemplates(db: Executor, tenantId: string): Promise<EmailTemplateRow[]> {
  return db.select().from(emailTemplates).where(eq(emailTemplates.tenantId, tenantId));
}

export async function findTemplate(
  db: Executor,
  tenantId: string,
  key: string,
): Promise<EmailTemplateRow | null> {
  const [row] = await db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.tenantId, tenantId), eq(emailTemplates.key, key)));
  return row ?? null;
}

export async function saveTemplate(
  db: Executor,
  values: { tenantId: string; key: string; subject: string; textBody: string; htmlBody: string | null },
  now: Date,
): Promise<void> {
  const { tenantId, key, ...text } = values;
  await db
    .insert(emailTemplates)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [emailTemplates.tenantId, emailTemplates.key],
      set: { ...text, updatedAt: now },
    });
}

export async function deleteTemplate(db: Executor, tenantId: string, key: string): Promise<void> {
  await db
    .delete(emailTemplates)
    .where(and(eq(emailTemplates.tenantId, tenantId), eq(emailTemplates.key, key)));
}

export async function insertOutboundEmail(db: Executor, values: NewOutboundEmail): Promise<string> {
  const [row] = await db.insert(outboundEmails).values(values).returning({ id: outboundEmails.id });
  return row!.id;
}

export async function findOutboundEmail(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<OutboundEmailRow | null> {
  const [row] = await db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.tenantId, tenantId), eq(outboundEmails.id, id)));
  return row ?? null;
}

export async function listOutboundEmails(
  db: Executor,
  tenantId: string,
  filter: {
    status?: OutboundEmailStatus;
    to?: string;
    ticketId?: string;
    before?: LogPosition;
    limit: number;
  },
): Promise<OutboundEmailRow[]> {
  const conditions: (SQL | undefined)[] = [eq(outboundEmails.tenantId, tenantId)];
  if (filter.status) conditions.push(eq(outboundEmails.status, filter.status));
  if (filter.to) {
    const pattern = `%${filter.to.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(ilike(outboundEmails.toAddress, pattern));
  }
  if (filter.ticketId) conditions.push(eq(outboundEmails.ticketId, filter.ticketId));
  if (filter.before) conditions.push(olderThan(outboundEmails.createdAt, outboundEmails.id, filter.before));
  return db
    .select()
    .from(outboundEmails)
    .where(and(...conditions))
    .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
    .limit(filter.limit);
}

/** Queued messages whose next attempt is due, oldest first, across tenants. */
export async function listDueOutboundEmails(
  db: Executor,
  now: Date,
  options: { limit: number; excludeIds: readonly string[] },
): Promise<OutboundEmailRow[]> {
  return db
    .select()
    .from(outboundEmails)
    .where(
      and(
        eq(outboundEmails.status, 'queued'),
        lte(outboundEmails.nextAttemptAt, now),
        options.excludeIds.length > 0 ? notInArray(outboundEmails.id, [...options.excludeIds]) : undefined,
      ),
    )
    .orderBy(asc(outboundEmails.nextAttemptAt), asc(outboundEmails.id))
    .limit(options.limit);
}

/** Takes a queued message for one attempt: false when another worker already counted this attempt. */
export async function claimAttempt(db: Executor, row: OutboundEmailRow): Promise<boolean> {
  const claimed = await db
    .update(outboundEmails)
    .set({ attempts: row.attempts + 1 })
    .where(
      and(
        eq(outboundEmails.tenantId, row.tenantId),
        eq(outboundEmails.id, row.id),
        eq(outboundEmails.status, 'queued'),
        eq(outboundEmails.attempts, row.attempts),
      ),
    )
    .returning({ id: outboundEmails.id });
  return claimed.length > 0;
}

export async function updateOutboundEmail(
  db: Executor,
  row: { tenantId: string; id: string },
  values: Partial<Pick<OutboundEmailRow, 'status' | 'attempts' | 'lastError' | 'sentAt' | 'nextAttemptAt'>>,
): Promise<void> {
  await db
    .update(outboundEmails)
    .set(values)
    .where(and(eq(outboundEmails.tenantId, row.tenantId), eq(outboundEmails.id, row.id)));
}

/** Which ticket each of our messages with these Message-IDs was about (inbound replies name them). */
export async function findTicketsByMessageIds(
  db: Executor,
  tenantId: string,
  messageIds: readonly string[],
): Promise<{ messageId: string; ticketId: string }[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .select({ messageId: outboundEmails.messageId, ticketId: outboundEmails.ticketId })
    .from(outboundEmails)
    .where(
      and(
        eq(outboundEmails.tenantId, tenantId),
        inArray(outboundEmails.messageId, [...messageIds]),
        isNotNull(outboundEmails.ticketId),
      ),
    );
  return rows.map((row) => ({ messageId: row.messageId, ticketId: row.ticketId! }));
}

/** The address the organization's mail goes out from, if mail is set up. */
export async function findFromAddress(db: Executor, tenantId: string): Promise<string | null> {
  const [row] = await db
    .select({ fromAddress: mailSettings.fromAddress })
    .from(mailSettings)
    .where(eq(mailSettings.tenantId, tenantId));
  return row?.fromAddress.toLowerCase() ?? null;
}
