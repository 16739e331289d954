// The client portal's own reads: a company's tickets as its people see them (only the columns the portal
// shows), and the names an agreement's terms are written with.
import {
  and,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { closedTicketStatuses } from '../../../shared/api/ticket-enums.ts';
import type { Executor } from '../../db/client.ts';
import { catalogItems } from '../catalog/catalog.table.ts';
import { changeRequests } from '../change-requests/change-requests.table.ts';
import { contacts } from '../clients/clients.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { timeEntries, workTypes } from '../time/time.table.ts';

/** Whose tickets: the company's, or one contact's. */
export interface TicketOwner {
  tenantId: string;
  clientId: string;
  /** Set: only the tickets this contact raised. */
  contactId?: string;
}

export interface PortalTicketFilter {
  state: 'open' | 'waiting' | 'closed' | 'all';
  q?: string;
  limit: number;
  offset: number;
}

const closed = [...closedTicketStatuses];

const shown = {
  id: tickets.id,
  number: tickets.number,
  title: tickets.title,
  description: tickets.description,
  status: tickets.status,
  priority: tickets.priority,
  contactId: tickets.contactId,
  contactName: contacts.name,
  openedAt: tickets.openedAt,
  resolvedAt: tickets.resolvedAt,
  updatedAt: tickets.updatedAt,
  sla: tickets.sla,
};

function ownedBy(owner: TicketOwner): SQL {
  return and(
    eq(tickets.tenantId, owner.tenantId),
    eq(tickets.clientId, owner.clientId),
    owner.contactId ? eq(tickets.contactId, owner.contactId) : undefined,
  )!;
}

function portalTickets(db: Executor) {
  return db
    .select(shown)
    .from(tickets)
    .leftJoin(contacts, and(eq(contacts.tenantId, tickets.tenantId), eq(contacts.id, tickets.contactId)));
}
export type PortalTicketRow = Awaited<ReturnType<ReturnType<typeof portalTickets>['execute']>>[number];

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first; a search matches the title or the number. */
export async function listTickets(db: Executor, owner: TicketOwner, filter: PortalTicketFilter) {
  const number = filter.q?.match(/^#?(\d{1,9})$/)?.[1];
  const where = and(
    ownedBy(owner),
    filter.state === 'open' ? notInArray(tickets.status, closed) : undefined,
    filter.state === 'closed' ? inArray(tickets.status, closed) : undefined,
    filter.state === 'waiting' ? eq(tickets.status, 'pending_client') : undefined,
    filter.q
      ? or(
          ilike(tickets.title, likePattern(filter.q)),
          number ? eq(tickets.number, Number(number)) : undefined,
        )
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    portalTickets(db).where(where).orderBy(desc(tickets.number)).limit(filter.limit).offset(filter.offset),
    db.select({ n: count() }).from(tickets).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findTicket(db: Executor, owner: TicketOwner, id: string) {
  const [row] = await portalTickets(db).where(and(ownedBy(owner), eq(tickets.id, id)));
  return row;
}

/** Open tickets, and those waiting on the client's side, for the overview. */
export async function countOpen(db: Executor, owner: TicketOwner) {
  const [row] = await db
    .select({
      open: count(),
      awaitingYou: sql<number>`count(*) filter (where ${tickets.status} = 'pending_client')`.mapWith(Number),
    })
    .from(tickets)
    .where(and(ownedBy(owner), notInArray(tickets.status, closed)));
  return { open: row?.open ?? 0, awaitingYou: row?.awaitingYou ?? 0 };
}

/**
 * The work the MSP began unasked at the company since an instant: tickets the monitoring agent raised
 * (and how many are resolved), the minutes on them without rework, and the MSP's own changes completed.
 */
export async function proactiveWork(db: Executor, tenantId: string, clientId: string, since: Date) {
  const alerts = and(
    eq(tickets.tenantId, tenantId),
    eq(tickets.clientId, clientId),
    eq(tickets.source, 'agent_alert'),
  );
  const [[caught], [worked], [changes]] = await Promise.all([
    db
      .select({
        caught: count(),
        resolved: sql<number>`count(*) filter (where ${inArray(tickets.status, closed)})`.mapWith(Number),
      })
      .from(tickets)
      .where(and(alerts, gte(tickets.openedAt, since))),
    db
      .select({ minutes: sql<number>`coalesce(sum(${timeEntries.minutes}), 0)`.mapWith(Number) })
      .from(timeEntries)
      .innerJoin(
        tickets,
        and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)),
      )
      .where(
        and(
          alerts,
          gte(timeEntries.startedAt, since),
          isNull(timeEntries.deletedAt),
          ne(timeEntries.cause, 'msp_rework'),
        ),
      ),
    db
      .select({ made: count() })
      .from(changeRequests)
      .where(
        and(
          eq(changeRequests.tenantId, tenantId),
          eq(changeRequests.clientId, clientId),
          isNull(changeRequests.vendorId),
          eq(changeRequests.status, 'completed'),
          gte(changeRequests.windowEnd, since),
        ),
      ),
  ]);
  return {
    alertsCaught: caught?.caught ?? 0,
    alertsResolved: caught?.resolved ?? 0,
    alertMinutes: worked?.minutes ?? 0,
    changesMade: changes?.made ?? 0,
  };
}

/** Names of catalog items and work types, by id, for an agreement's terms. */
export async function termNames(
  db: Executor,
  tenantId: string,
  ids: { services: readonly string[]; workTypes: readonly string[] },
) {
  const [services, types] = await Promise.all([
    ids.services.length
      ? db
          .select({ name: catalogItems.name })
          .from(catalogItems)
          .where(and(eq(catalogItems.tenantId, tenantId), inArray(catalogItems.id, [...ids.services])))
          .orderBy(catalogItems.name)
      : [],
    ids.workTypes.length
      ? db
          .select({ name: workTypes.name })
          .from(workTypes)
          .where(and(eq(workTypes.tenantId, tenantId), inArray(workTypes.id, [...ids.workTypes])))
          .orderBy(workTypes.name)
      : [],
  ]);
  return { services: services.map((s) => s.name), workTypes: types.map((t) => t.name) };
}
