// What happened (domain events, written in the transaction that made them happen), who was told
// (in-app notifications), and how each member wants to hear about each kind of event.
import { sql } from 'drizzle-orm';
import {
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
import { notificationChannels, notificationEventTypes } from '../../../shared/api/notification-enums.ts';
import { instant, tenantKey } from '../../db/columns.ts';
import { memberships, tenants } from '../identity/identity.table.ts';

/**
 * A transactional outbox: a service inserts the event with the change it describes, and the
 * notification worker turns unprocessed events into notifications and mail. An event is never lost
 * with a rolled-back change, and never missed after a committed one.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    ...tenantKey(),
    type: text({ enum: notificationEventTypes }).notNull(),
    ticketId: uuid(),
    /** Who caused it (null: the system, an inbound mail, the SLA clock); never told about their own act. */
    actorMembershipId: uuid(),
    /** What the templates need that the ticket does not hold (the reply's text, the old status, …). */
    payload: jsonb().notNull().default({}),
    occurredAt: instant().notNull(),
    processedAt: instant(),
    /** Failed dispatches: the event is set aside until retryAt, so the events behind it go on. */
    attempts: integer().notNull().default(0),
    lastError: text(),
    retryAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('domain_events_unprocessed_idx').on(t.occurredAt).where(sql`${t.processedAt} is null`),
    index('domain_events_ticket_idx').on(t.tenantId, t.ticketId),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    ...tenantKey(),
    membershipId: uuid().notNull(),
    eventId: uuid().notNull(),
    type: text({ enum: notificationEventTypes }).notNull(),
    ticketId: uuid(),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: instant().notNull(),
    readAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    /** One notification per event and person, however often the worker retries. */
    uniqueIndex('notifications_event_member_key').on(t.tenantId, t.eventId, t.membershipId),
    index('notifications_inbox_idx').on(t.tenantId, t.membershipId, t.createdAt),
    index('notifications_unread_idx').on(t.tenantId, t.membershipId).where(sql`${t.readAt} is null`),
  ],
);

/** A member's choice per event type; no row means the default for that type (notification-enums.ts). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    tenantId: uuid().notNull(),
    membershipId: uuid().notNull(),
    type: text({ enum: notificationEventTypes }).notNull(),
    channel: text({ enum: notificationChannels }).notNull(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.membershipId, t.type] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
  ],
);
