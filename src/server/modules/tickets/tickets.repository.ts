// Every query on tickets, their events and boards; reads take the request's scope first.
import {
  and,
  asc,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { catalogItems } from '../catalog/catalog.table.ts';
import { clients, contacts } from '../clients/clients.table.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { boards, dueKey, ticketCounters, ticketEvents, tickets } from './tickets.table.ts';

export type TicketRow = typeof tickets.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type BoardRow = typeof boards.$inferSelect;

export const defaultBoards = ['Service Desk', 'Projects', 'Alerts'];

export async function seedTenant(db: Executor, tenantId: string): Promise<void> {
  await db.insert(boards).values(defaultBoards.map((name, position) => ({ tenantId, name, position })));
  await db.insert(ticketCounters).values({ tenantId }).onConflictDoNothing();
}

export async function nextTicketNumber(db: Executor, tenantId: string): Promise<number> {
  const [row] = await db
    .update(ticketCounters)
    .set({ lastNumber: sql`${ticketCounters.lastNumber} + 1` })
    .where(eq(ticketCounters.tenantId, tenantId))
    .returning({ number: ticketCounters.lastNumber });
  if (row) return row.number;
  await db.insert(ticketCounters).values({ tenantId }).onConflictDoNothing();
  return nextTicketNumber(db, tenantId);
}

export async function listBoards(db: Executor, tenantId: string): Promise<BoardRow[]> {
  return db
    .select()
    .from(boards)
    .where(and(eq(boards.tenantId, tenantId), isNull(boards.archivedAt)))
    .orderBy(asc(boards.position), asc(boards.name));
}

export async function findBoard(db: Executor, tenantId: string, id: string): Promise<BoardRow | undefined> {
  const [row] = await db
    .select()
    .from(boards)
    .where(and(eq(boards.tenantId, tenantId), eq(boards.id, id)));
  return row;
}

export async function insertTicket(db: Executor, values: typeof tickets.$inferInsert): Promise<TicketRow> {
  const [row] = await db.insert(tickets).values(values).returning();
  return row!;
}

export async function updateTicket(db: Executor, tenantId: string, id: string, values: Partial<TicketRow>) {
  await db
    .update(tickets)
    .set(values)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)));
}

/** What the API shows of a ticket (see toTicket); the queue reads only these columns. */
const shownColumns = {
  id: tickets.id,
  number: tickets.number,
  clientId: tickets.clientId,
  contactId: tickets.contactId,
  title: tickets.title,
  description: tickets.description,
  type: tickets.type,
  subType: tickets.subType,
  boardId: tickets.boardId,
  source: tickets.source,
  priority: tickets.priority,
  status: tickets.status,
  assigneeId: tickets.assigneeId,
  externalId: tickets.externalId,
  reopenedFromId: tickets.reopenedFromId,
  agreementId: tickets.agreementId,
  serviceId: tickets.serviceId,
  afterHoursRequest: tickets.afterHoursRequest,
  vendorId: tickets.vendorId,
  openedAt: tickets.openedAt,
  resolvedAt: tickets.resolvedAt,
  nextDueAt: tickets.nextDueAt,
  sla: tickets.sla,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

const names = {
  clientName: clients.name,
  boardName: boards.name,
  assigneeName: identities.name,
  // Scalar subqueries rather than two more joins: the queue's plan stays as it was, and the planner does
  // not search the join order of eight tables on every page (bench/README.md).
  agreementName: sql<string | null>`(select ${agreements.name} from ${agreements}
    where ${agreements.tenantId} = ${tickets.tenantId} and ${agreements.id} = ${tickets.agreementId})`,
  serviceName: sql<string | null>`(select ${catalogItems.name} from ${catalogItems}
    where ${catalogItems.tenantId} = ${tickets.tenantId} and ${catalogItems.id} = ${tickets.serviceId})`,
};

function joined<T extends typeof tickets | typeof shownColumns>(db: Executor, ticket: T) {
  return db
    .select({ ticket, ...names })
    .from(tickets)
    .innerJoin(clients, and(eq(clients.tenantId, tickets.tenantId), eq(clients.id, tickets.clientId)))
    .innerJoin(boards, and(eq(boards.tenantId, tickets.tenantId), eq(boards.id, tickets.boardId)))
    .leftJoin(
      memberships,
      and(eq(memberships.tenantId, tickets.tenantId), eq(memberships.id, tickets.assigneeId)),
    )
    .leftJoin(identities, eq(identities.id, memberships.identityId));
}

export type TicketWithNames = Awaited<
  ReturnType<ReturnType<typeof joined<typeof tickets>>['execute']>
>[number];
/** A ticket as the queue lists it: the shown columns and the names of its client, board and assignee. */
export type ListedTicket = Awaited<
  ReturnType<ReturnType<typeof joined<typeof shownColumns>>['execute']>
>[number];

/** With forUpdate, the row stays locked until the transaction ends, serializing actions on one ticket. */
export async function findTicket(
  db: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TicketWithNames | undefined> {
  const where = and(inClientScope(scope, tickets.tenantId, tickets.clientId), eq(tickets.id, id));
  if (options.forUpdate) {
    await db.select({ id: tickets.id }).from(tickets).where(where).for('update');
  }
  const [row] = await joined(db, tickets).where(where);
  return row;
}

/** Several tickets in the scope, locked in id order with forUpdate (so concurrent runs cannot deadlock). */
export async function findTickets(
  db: Executor,
  scope: Scope,
  ids: readonly string[],
  options: { forUpdate?: boolean } = {},
): Promise<TicketWithNames[]> {
  if (ids.length === 0) return [];
  const where = and(inClientScope(scope, tickets.tenantId, tickets.clientId), inArray(tickets.id, [...ids]));
  if (options.forUpdate) {
    await db.select({ id: tickets.id }).from(tickets).where(where).orderBy(asc(tickets.id)).for('update');
  }
  return joined(db, tickets).where(where);
}

export async function findTicketByExternalId(db: Executor, tenantId: string, externalId: string) {
  const [row] = await db
    .select({ id: tickets.id, clientId: tickets.clientId })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.externalId, externalId)));
  return row;
}

export interface QueueFilter {
  boardId?: string;
  clientId?: string;
  vendorId?: string;
  assigneeId?: string | null;
  statuses?: readonly string[];
  priorities?: readonly string[];
  slaStates?: readonly string[];
  q?: string;
  sort: 'due' | 'number' | 'updated' | 'priority';
  limit: number;
  /** Keyset position: the sort value (ISO instant, number or priority) and id of the last row seen. */
  after?: { value: string | number | null; id: string };
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The queue: keyset pagination on (sort value, id); tickets without a running clock sort last. */
export async function listTickets(db: Executor, scope: Scope, filter: QueueFilter): Promise<ListedTicket[]> {
  const number = filter.q?.match(/^#?(\d{1,9})$/)?.[1];
  const conditions: (SQL | undefined)[] = [
    inClientScope(scope, tickets.tenantId, tickets.clientId),
    filter.boardId ? eq(tickets.boardId, filter.boardId) : undefined,
    filter.clientId ? eq(tickets.clientId, filter.clientId) : undefined,
    filter.vendorId ? eq(tickets.vendorId, filter.vendorId) : undefined,
    filter.assigneeId === null
      ? isNull(tickets.assigneeId)
      : filter.assigneeId
        ? eq(tickets.assigneeId, filter.assigneeId)
        : undefined,
    filter.statuses?.length ? inArray(tickets.status, filter.statuses as TicketRow['status'][]) : undefined,
    filter.priorities?.length
      ? inArray(tickets.priority, filter.priorities as TicketRow['priority'][])
      : undefined,
    filter.slaStates?.length
      ? or(
          inArray(tickets.firstResponseState, [...filter.slaStates]),
          inArray(tickets.resolutionState, [...filter.slaStates]),
        )
      : undefined,
    filter.q
      ? number
        ? or(eq(tickets.number, Number(number)), ilike(tickets.title, likePattern(filter.q)))
        : ilike(tickets.title, likePattern(filter.q))
      : undefined,
  ];
  const { after } = filter;
  let order: SQL[];
  switch (filter.sort) {
    case 'due': {
      // NULLs last: coalesce to a far-future instant so the keyset comparison stays a plain tuple compare
      // and the queue's partial indexes serve it.
      const key = dueKey(tickets.nextDueAt);
      if (after)
        conditions.push(
          sql`(${key}, ${tickets.id}) > (coalesce(${after.value}::timestamptz, 'infinity'::timestamptz), ${after.id}::uuid)`,
        );
      order = [sql`${key} asc`, asc(tickets.id)];
      break;
    }
    case 'number':
      if (after) conditions.push(lt(tickets.number, Number(after.value)));
      order = [desc(tickets.number)];
      break;
    case 'updated':
      if (after)
        conditions.push(
          sql`(${tickets.updatedAt}, ${tickets.id}) < (${after.value}::timestamptz, ${after.id}::uuid)`,
        );
      order = [desc(tickets.updatedAt), desc(tickets.id)];
      break;
    case 'priority':
      if (after)
        conditions.push(
          sql`(${tickets.priority}, ${tickets.number}) > (${after.value}, ${Number(after.id)})`,
        );
      order = [asc(tickets.priority), asc(tickets.number)];
      break;
  }
  return joined(db, shownColumns)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(filter.limit);
}

export async function insertEvents(
  db: Executor,
  values: (typeof ticketEvents.$inferInsert)[],
): Promise<void> {
  if (values.length > 0) await db.insert(ticketEvents).values(values);
}

export async function listEvents(db: Executor, tenantId: string, ticketId: string) {
  return (
    db
      .select({
        event: ticketEvents,
        actorName: sql<string | null>`coalesce(${identities.name}, ${contacts.name})`,
      })
      .from(ticketEvents)
      .leftJoin(
        memberships,
        and(
          eq(ticketEvents.author, 'staff'),
          eq(memberships.tenantId, ticketEvents.tenantId),
          eq(memberships.id, ticketEvents.actorId),
        ),
      )
      .leftJoin(identities, eq(identities.id, memberships.identityId))
      // A contact's events (mail replies) name the contact.
      .leftJoin(
        contacts,
        and(
          eq(ticketEvents.author, 'contact'),
          eq(contacts.tenantId, ticketEvents.tenantId),
          eq(contacts.id, ticketEvents.actorId),
        ),
      )
      .where(and(eq(ticketEvents.tenantId, tenantId), eq(ticketEvents.ticketId, ticketId)))
      .orderBy(asc(ticketEvents.occurredAt), asc(ticketEvents.recordedAt), asc(ticketEvents.id))
  );
}

/** Tickets whose stored SLA state changes by the passage of time alone (at risk, breached) by `now`. */
export async function ticketsDueForRecompute(db: Executor, now: Date, limit: number) {
  return db
    .select({ tenantId: tickets.tenantId, id: tickets.id })
    .from(tickets)
    .where(lte(tickets.slaCheckAt, now))
    .orderBy(asc(tickets.slaCheckAt))
    .limit(limit);
}

/** A ticket by id or number within the tenant, for inbound mail (which acts for the organization). */
export async function findTicketInTenant(
  db: Executor,
  tenantId: string,
  by: { id: string } | { number: number },
  options: { forUpdate?: boolean } = {},
): Promise<TicketRow | undefined> {
  const query = db
    .select()
    .from(tickets)
    .where(
      and(eq(tickets.tenantId, tenantId), 'id' in by ? eq(tickets.id, by.id) : eq(tickets.number, by.number)),
    );
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** The basis each ticket is measured on: the last one its events recorded (guaranteed when none did). */
export async function slaBasesOf(db: Executor, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectDistinctOn([ticketEvents.ticketId], {
      ticketId: ticketEvents.ticketId,
      basis: sql<string>`${ticketEvents.data}->>'basis'`,
    })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.tenantId, tenantId),
        inArray(ticketEvents.ticketId, [...ids]),
        isNotNull(sql`${ticketEvents.data}->'basis'`),
      ),
    )
    .orderBy(ticketEvents.ticketId, desc(ticketEvents.recordedAt), desc(ticketEvents.id));
  return new Map(rows.map((row) => [row.ticketId, row.basis]));
}
