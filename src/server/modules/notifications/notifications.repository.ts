// Every query of the notifications module: the outbox, who may hear of an event, the inbox, preferences.
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { NotificationEventType } from '../../../shared/api/notification-enums.ts';
import type { Executor } from '../../db/client.ts';
import { type LogPosition, olderThan } from '../../db/log-page.ts';
import type { Scope } from '../../http/scope.ts';
import { clients, contacts, membershipClients } from '../clients/clients.table.ts';
import { identities, memberships, tenants } from '../identity/identity.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { domainEvents, notificationPreferences, notifications } from './notifications.table.ts';

export type DomainEventRow = typeof domainEvents.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type PreferenceRow = typeof notificationPreferences.$inferSelect;

/**
 * The oldest unprocessed event that is not set aside after a failure, locked; concurrent dispatchers
 * skip it and take the next.
 */
export async function claimNextEvent(tx: Executor, now: Date): Promise<DomainEventRow | undefined> {
  const [row] = await tx
    .select()
    .from(domainEvents)
    .where(
      and(isNull(domainEvents.processedAt), or(isNull(domainEvents.retryAt), lte(domainEvents.retryAt, now))),
    )
    .orderBy(asc(domainEvents.occurredAt), asc(domainEvents.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function markProcessed(tx: Executor, event: DomainEventRow, now: Date): Promise<void> {
  await tx
    .update(domainEvents)
    .set({ processedAt: now })
    .where(and(eq(domainEvents.tenantId, event.tenantId), eq(domainEvents.id, event.id)));
}

export async function setEventAside(
  tx: Executor,
  event: DomainEventRow,
  values: { lastError: string; retryAt: Date },
): Promise<void> {
  await tx
    .update(domainEvents)
    .set({ ...values, attempts: event.attempts + 1 })
    .where(and(eq(domainEvents.tenantId, event.tenantId), eq(domainEvents.id, event.id)));
}

/** What the messages about a ticket say: the ticket, its client, its contact, the organization. */
export async function findTicketContext(db: Executor, tenantId: string, ticketId: string) {
  const [row] = await db
    .select({
      ticket: tickets,
      clientName: clients.name,
      contactName: contacts.name,
      contactEmail: contacts.email,
      organizationName: tenants.name,
    })
    .from(tickets)
    .innerJoin(clients, and(eq(clients.tenantId, tickets.tenantId), eq(clients.id, tickets.clientId)))
    .innerJoin(tenants, eq(tenants.id, tickets.tenantId))
    .leftJoin(contacts, and(eq(contacts.tenantId, tickets.tenantId), eq(contacts.id, tickets.contactId)))
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId)));
  return row;
}

/** Whether the client is the tenant's: an event naming another tenant's client tells no one. */
export async function hasClient(db: Executor, tenantId: string, clientId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), eq(clients.id, clientId)));
  return row !== undefined;
}

export async function findMemberName(db: Executor, tenantId: string, membershipId: string) {
  const [row] = await db
    .select({ name: identities.name })
    .from(memberships)
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)));
  return row?.name;
}

/**
 * Active members who can see the client, chosen by id or by role, with how to reach them. Deactivated
 * members and members whose client scope leaves the client out are never answered.
 */
export async function listReachableMembers(
  db: Executor,
  tenantId: string,
  clientId: string,
  who: { membershipIds: readonly string[]; roles: readonly (typeof memberships.$inferSelect)['role'][] },
) {
  const chosen = [
    ...(who.membershipIds.length > 0 ? [inArray(memberships.id, [...who.membershipIds])] : []),
    ...(who.roles.length > 0 ? [inArray(memberships.role, [...who.roles])] : []),
  ];
  if (chosen.length === 0) return [];
  const listed = db
    .select({ one: sql`1` })
    .from(membershipClients)
    .where(
      and(
        eq(membershipClients.tenantId, memberships.tenantId),
        eq(membershipClients.membershipId, memberships.id),
        eq(membershipClients.clientId, clientId),
      ),
    );
  return db
    .select({ membershipId: memberships.id, name: identities.name, email: identities.email })
    .from(memberships)
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        isNull(memberships.deactivatedAt),
        or(...chosen),
        or(eq(memberships.allClients, true), sql`exists (${listed})`),
      ),
    )
    .orderBy(asc(memberships.id));
}

export async function listPreferences(
  db: Executor,
  tenantId: string,
  membershipIds: readonly string[],
): Promise<PreferenceRow[]> {
  if (membershipIds.length === 0) return [];
  return db
    .select()
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.tenantId, tenantId),
        inArray(notificationPreferences.membershipId, [...membershipIds]),
      ),
    );
}

/** Inserts what is not there yet: one notification per event and member, however often this runs. */
export async function insertNotifications(
  db: Executor,
  rows: (typeof notifications.$inferInsert)[],
): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({
      target: [notifications.tenantId, notifications.eventId, notifications.membershipId],
    })
    .returning();
}

const own = (scope: Scope) =>
  and(eq(notifications.tenantId, scope.tenantId), eq(notifications.membershipId, scope.membershipId));

/** A notification with its event's payload when it is not about a ticket (where it leads is in there). */
export type InboxRow = NotificationRow & { payload: unknown };

/** Notifications with the payload of their event; only those without a ticket need it, so only they join. */
const inbox = (db: Executor) =>
  db
    .select({ ...getTableColumns(notifications), payload: domainEvents.payload })
    .from(notifications)
    .leftJoin(
      domainEvents,
      and(
        isNull(notifications.ticketId),
        eq(domainEvents.tenantId, notifications.tenantId),
        eq(domainEvents.id, notifications.eventId),
      ),
    );

/** The member's inbox, newest first, from just before the cursor (createdAt, id). */
export async function listNotifications(
  db: Executor,
  scope: Scope,
  query: { limit: number; before: LogPosition | null; isUnreadOnly: boolean },
): Promise<InboxRow[]> {
  const { before } = query;
  return inbox(db)
    .where(
      and(
        own(scope),
        query.isUnreadOnly ? isNull(notifications.readAt) : undefined,
        before ? olderThan(notifications.createdAt, notifications.id, before) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit);
}

export async function countUnread(db: Executor, scope: Scope): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(own(scope), isNull(notifications.readAt)));
  return row?.count ?? 0;
}

export async function findNotification(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<InboxRow | undefined> {
  const [row] = await inbox(db).where(and(own(scope), eq(notifications.id, id)));
  return row;
}

/** Marks one (id) or every unread notification of the member read; answers how many changed. */
export async function markRead(db: Executor, scope: Scope, id: string | null, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(own(scope), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function replacePreferences(
  db: Executor,
  scope: Scope,
  items: readonly { type: NotificationEventType; channel: PreferenceRow['channel'] }[],
  now: Date,
): Promise<void> {
  await db
    .delete(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.tenantId, scope.tenantId),
        eq(notificationPreferences.membershipId, scope.membershipId),
      ),
    );
  if (items.length === 0) return;
  await db.insert(notificationPreferences).values(
    items.map((item) => ({
      tenantId: scope.tenantId,
      membershipId: scope.membershipId,
      type: item.type,
      channel: item.channel,
      updatedAt: now,
    })),
  );
}
