// Tickets, their append-only event log and boards (queues).

import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
import { priorities } from '../../../shared/api/sla-policies.ts';
import {
  openTicketStatuses,
  ticketSources,
  ticketStatuses,
  ticketTypes,
} from '../../../shared/api/ticket-enums.ts';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { catalogItems } from '../catalog/catalog.table.ts';
import { clients, contacts } from '../clients/clients.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { slaPolicyVersions } from '../sla-policies/sla-policies.table.ts';
import { vendors } from '../vendors/vendors.table.ts';

export type AfterHoursRequest = {
  /** Who at the client asked (a contact's name, or as they said it). */
  requestedBy: string;
  requestedAt: string;
  recordedById: string;
  recordedAt: string;
};

/** The queue's sort key: next SLA due, tickets without one last. */
export const dueKey = (nextDueAt: AnyPgColumn) => sql`coalesce(${nextDueAt}, 'infinity'::timestamptz)`;

const isOpenTicket = (status: AnyPgColumn) =>
  sql`${status} in (${sql.raw(openTicketStatuses.map((s) => `'${s}'`).join(', '))})`;

export const boards = pgTable(
  'boards',
  {
    ...tenantKey(),
    name: text().notNull(),
    position: integer().notNull().default(0),
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

/** Next ticket number per tenant; the row lock taken by the increment keeps numbers unique and gapless. */
export const ticketCounters = pgTable('ticket_counters', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id),
  lastNumber: integer().notNull().default(1000),
});

export const tickets = pgTable(
  'tickets',
  {
    ...tenantKey(),
    number: integer().notNull(),
    clientId: uuid().notNull(),
    contactId: uuid(),
    title: text().notNull(),
    description: text().notNull().default(''),
    type: text({ enum: ticketTypes }).notNull(),
    subType: text(),
    boardId: uuid().notNull(),
    source: text({ enum: ticketSources }).notNull(),
    priority: text({ enum: priorities }).notNull(),
    status: text({ enum: ticketStatuses }).notNull(),
    assigneeId: uuid(),
    /** Set by imports from another PSA; unique per tenant so re-imports are idempotent. */
    externalId: text(),
    /** A ticket reopened after the reopen window starts a new ticket linked to the old one. */
    reopenedFromId: uuid(),
    /** The agreement the ticket's time is billed under; set by the client's default rule, editable. */
    agreementId: uuid(),
    /** The catalog service the ticket is about, for the agreement's covered services. */
    serviceId: uuid(),
    /** A client's request for after-hours work, recorded: only with it does after-hours work bill at a tier. */
    afterHoursRequest: jsonb().$type<AfterHoursRequest>(),
    /** The vendor whose changes outside an approved window this incident is about; its time defaults to vendor-caused. */
    vendorId: uuid(),
    /** What the ticket is measured under: frozen at creation so past figures never move. */
    slaPolicyVersionId: uuid(),
    calendarVersionIds: jsonb().$type<Record<string, string>>().notNull().default({}),
    openedAt: instant().notNull(),
    resolvedAt: instant(),
    closedAt: instant(),
    // Derived from the event log by the SLA engine, stored for fast queues.
    firstResponseDueAt: instant(),
    firstResponseState: text(),
    resolutionDueAt: instant(),
    resolutionState: text(),
    /** The earliest due instant of a running clock: the queue's sort key. */
    nextDueAt: instant(),
    sla: jsonb().$type<Record<string, unknown>>(),
    /** When time alone will next change a running clock's state (at risk, breached); null if it cannot. */
    slaCheckAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.boardId], foreignColumns: [boards.tenantId, boards.id] }),
    foreignKey({
      columns: [t.tenantId, t.assigneeId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.serviceId],
      foreignColumns: [catalogItems.tenantId, catalogItems.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.slaPolicyVersionId],
      foreignColumns: [slaPolicyVersions.tenantId, slaPolicyVersions.id],
    }),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id] }),
    uniqueIndex('tickets_number_key').on(t.tenantId, t.number),
    uniqueIndex('tickets_external_id_key').on(t.tenantId, t.externalId),
    // The queue: open tickets in next-due order (the expression listTickets sorts on), per board and across
    // boards, so a page reads its 50 rows instead of sorting every open ticket (bench/README.md).
    index('tickets_queue_due_idx').on(t.tenantId, dueKey(t.nextDueAt), t.id).where(isOpenTicket(t.status)),
    index('tickets_board_queue_due_idx')
      .on(t.tenantId, t.boardId, dueKey(t.nextDueAt), t.id)
      .where(isOpenTicket(t.status)),
    index('tickets_client_idx').on(t.tenantId, t.clientId, t.status),
    index('tickets_assignee_idx').on(t.tenantId, t.assigneeId, t.status),
    index('tickets_sla_check_idx').on(t.slaCheckAt),
  ],
);

/** Append-only: every action on a ticket, with when it happened and when it was recorded. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    ...tenantKey(),
    ticketId: uuid().notNull(),
    type: text().notNull(),
    occurredAt: instant().notNull(),
    recordedAt: instant().notNull().defaultNow(),
    actorId: uuid(),
    /** staff, contact or system (automatic acknowledgements never count toward first response). */
    author: text({ enum: ['staff', 'contact', 'system'] }).notNull(),
    isPublic: boolean().notNull().default(false),
    body: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    index('ticket_events_ticket_idx').on(t.tenantId, t.ticketId, t.occurredAt),
  ],
);

/** A saved queue view: the queue's URL query, private to its owner or shared with the organization. */
export const ticketViews = pgTable(
  'ticket_views',
  {
    ...tenantKey(),
    ownerId: uuid().notNull(),
    name: text().notNull(),
    /** The queue's search string without "?"; the web app parses it, the server only stores it. */
    query: text().notNull(),
    shared: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [memberships.tenantId, memberships.id] }),
    index('ticket_views_owner_idx').on(t.tenantId, t.ownerId),
  ],
);

/**
 * Help-desk settings, one row per tenant. A table of its own rather than columns on tenants: the
 * tickets module owns its settings (identity stays free of help-desk knowledge), and a missing row
 * simply means the defaults, so no backfill is needed for tenants that already exist.
 */
export const ticketSettings = pgTable('ticket_settings', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id),
  /** Days after resolving within which a reopen resumes the original clock; 0–90. */
  reopenWindowDays: integer().notNull().default(7),
  updatedAt: instant().notNull().defaultNow(),
});
