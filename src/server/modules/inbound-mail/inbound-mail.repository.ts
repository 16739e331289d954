// Every query on mailboxes and received mail.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
} from 'drizzle-orm';
import type { InboundOutcome } from '../../../shared/api/inbound-mail.ts';
import type { Executor } from '../../db/client.ts';
import { type LogPosition, olderThan } from '../../db/log-page.ts';
import { clients } from '../clients/clients.table.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { inboundEmails, mailboxes } from './inbound-mail.table.ts';

export type MailboxRow = typeof mailboxes.$inferSelect;
export type InboundEmailRow = typeof inboundEmails.$inferSelect;
export type NewInboundEmail = typeof inboundEmails.$inferInsert;

export async function listMailboxes(db: Executor, tenantId: string): Promise<MailboxRow[]> {
  return db
    .select()
    .from(mailboxes)
    .where(eq(mailboxes.tenantId, tenantId))
    .orderBy(asc(mailboxes.name), asc(mailboxes.id));
}

export async function findMailbox(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<MailboxRow | undefined> {
  const [row] = await db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, id)));
  return row;
}

/** The install-wide owner of an address: the SMTP listener's routing, and the one-mailbox-per-address rule. */
export async function findMailboxByAddress(db: Executor, address: string): Promise<MailboxRow | undefined> {
  const [row] = await db.select().from(mailboxes).where(eq(mailboxes.address, address.toLowerCase()));
  return row;
}

export async function insertMailbox(db: Executor, values: typeof mailboxes.$inferInsert): Promise<void> {
  await db.insert(mailboxes).values(values);
}

export async function updateMailbox(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<typeof mailboxes.$inferInsert>,
): Promise<void> {
  await db
    .update(mailboxes)
    .set(values)
    .where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, id)));
}

/** Deletes the mailbox; the mail it received stays in the log, no longer naming it. */
export async function deleteMailbox(db: Executor, tenantId: string, id: string): Promise<boolean> {
  await db
    .update(inboundEmails)
    .set({ mailboxId: null })
    .where(and(eq(inboundEmails.tenantId, tenantId), eq(inboundEmails.mailboxId, id)));
  const deleted = await db
    .delete(mailboxes)
    .where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, id)))
    .returning({ id: mailboxes.id });
  return deleted.length > 0;
}

/** Enabled IMAP mailboxes nobody is polling now, across every organization. */
export async function listPollableMailboxes(db: Executor, now: Date): Promise<MailboxRow[]> {
  return db
    .select()
    .from(mailboxes)
    .where(
      and(
        eq(mailboxes.kind, 'imap'),
        eq(mailboxes.isEnabled, true),
        or(isNull(mailboxes.pollLeaseUntil), lt(mailboxes.pollLeaseUntil, now)),
      ),
    )
    .orderBy(asc(mailboxes.lastPolledAt));
}

/** Takes the mailbox for one poll until `until`; false when another poll (another node) holds it. */
export async function claimPollLease(
  db: Executor,
  row: MailboxRow,
  now: Date,
  until: Date,
): Promise<boolean> {
  const claimed = await db
    .update(mailboxes)
    .set({ pollLeaseUntil: until })
    .where(
      and(
        eq(mailboxes.tenantId, row.tenantId),
        eq(mailboxes.id, row.id),
        or(isNull(mailboxes.pollLeaseUntil), lt(mailboxes.pollLeaseUntil, now)),
      ),
    )
    .returning({ id: mailboxes.id });
  return claimed.length > 0;
}

/** Records a received message, or answers null when the organization already has this Message-ID. */
export async function insertInboundEmail(db: Executor, values: NewInboundEmail): Promise<string | null> {
  const [row] = await db
    .insert(inboundEmails)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: inboundEmails.id });
  return row?.id ?? null;
}

export async function updateInboundEmail(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<NewInboundEmail>,
): Promise<void> {
  await db
    .update(inboundEmails)
    .set(values)
    .where(and(eq(inboundEmails.tenantId, tenantId), eq(inboundEmails.id, id)));
}

/** How many messages the sender sent since `since` (the flood limit). */
export async function countFromSender(db: Executor, tenantId: string, address: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(inboundEmails)
    .where(
      and(
        eq(inboundEmails.tenantId, tenantId),
        eq(inboundEmails.fromAddress, address),
        gte(inboundEmails.receivedAt, since),
      ),
    );
  return row?.n ?? 0;
}

/** Which ticket earlier received mail with these Message-IDs was placed on (a thread answering itself). */
export async function findTicketsByInboundMessageIds(
  db: Executor,
  tenantId: string,
  messageIds: readonly string[],
): Promise<{ messageId: string; ticketId: string }[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .select({ messageId: inboundEmails.messageId, ticketId: inboundEmails.ticketId })
    .from(inboundEmails)
    .where(
      and(
        eq(inboundEmails.tenantId, tenantId),
        inArray(inboundEmails.messageId, [...messageIds]),
        isNotNull(inboundEmails.ticketId),
      ),
    );
  return rows.map((row) => ({ messageId: row.messageId!, ticketId: row.ticketId! }));
}

/** Every address the organization receives at (a mail from one of them is our own). */
export async function listMailboxAddresses(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ address: mailboxes.address })
    .from(mailboxes)
    .where(eq(mailboxes.tenantId, tenantId));
  return rows.map((row) => row.address);
}

const listed = {
  email: inboundEmails,
  mailboxName: mailboxes.name,
  ticketNumber: tickets.number,
  clientName: clients.name,
  triagedByName: identities.name,
};

function joinedList(db: Executor) {
  return db
    .select(listed)
    .from(inboundEmails)
    .leftJoin(
      mailboxes,
      and(eq(mailboxes.tenantId, inboundEmails.tenantId), eq(mailboxes.id, inboundEmails.mailboxId)),
    )
    .leftJoin(
      tickets,
      and(eq(tickets.tenantId, inboundEmails.tenantId), eq(tickets.id, inboundEmails.ticketId)),
    )
    .leftJoin(
      clients,
      and(eq(clients.tenantId, inboundEmails.tenantId), eq(clients.id, inboundEmails.clientId)),
    )
    .leftJoin(
      memberships,
      and(eq(memberships.tenantId, inboundEmails.tenantId), eq(memberships.id, inboundEmails.triagedBy)),
    )
    .leftJoin(identities, eq(identities.id, memberships.identityId));
}

export type ListedInboundEmail = Awaited<ReturnType<typeof findInboundEmail>> & {};

export async function findInboundEmail(
  db: Executor,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
) {
  const where = and(eq(inboundEmails.tenantId, tenantId), eq(inboundEmails.id, id));
  if (options.forUpdate)
    await db.select({ id: inboundEmails.id }).from(inboundEmails).where(where).for('update');
  const [row] = await joinedList(db).where(where);
  return row;
}

export async function listInboundEmails(
  db: Executor,
  tenantId: string,
  filter: { isTriage: boolean; outcome?: InboundOutcome; q?: string; before?: LogPosition; limit: number },
) {
  const conditions: (SQL | undefined)[] = [eq(inboundEmails.tenantId, tenantId)];
  if (filter.isTriage) conditions.push(eq(inboundEmails.triageState, 'open'));
  if (filter.outcome) conditions.push(eq(inboundEmails.outcome, filter.outcome));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(or(ilike(inboundEmails.fromAddress, pattern), ilike(inboundEmails.subject, pattern)));
  }
  if (filter.before) conditions.push(olderThan(inboundEmails.receivedAt, inboundEmails.id, filter.before));
  return joinedList(db)
    .where(and(...conditions))
    .orderBy(desc(inboundEmails.receivedAt), desc(inboundEmails.id))
    .limit(filter.limit);
}

export async function countOpenTriage(db: Executor, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(inboundEmails)
    .where(and(eq(inboundEmails.tenantId, tenantId), eq(inboundEmails.triageState, 'open')));
  return row?.n ?? 0;
}

/** Closes every open triage item from one sender (a flood, spam); answers how many. */
export async function dismissOpenFromSender(
  db: Executor,
  tenantId: string,
  address: string,
  by: { triagedBy: string; triagedAt: Date },
): Promise<number> {
  const rows = await db
    .update(inboundEmails)
    .set({ triageState: 'dismissed', ...by })
    .where(
      and(
        eq(inboundEmails.tenantId, tenantId),
        eq(inboundEmails.fromAddress, address),
        eq(inboundEmails.triageState, 'open'),
        lte(inboundEmails.receivedAt, by.triagedAt),
      ),
    )
    .returning({ id: inboundEmails.id });
  return rows.length;
}
