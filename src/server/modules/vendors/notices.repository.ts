// Every query on vendor notices: the letters that tell a client a vendor's changes now cost money.
import { and, desc, eq, inArray, isNull, min, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { clients } from '../clients/clients.table.ts';
import { memberNameSql } from '../identity/index.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { timeEntries } from '../time/time.table.ts';
import { vendorNotices } from './terms.table.ts';
import { vendors } from './vendors.table.ts';

export type NoticeRow = typeof vendorNotices.$inferSelect & {
  clientName: string;
  vendorName: string;
  givenByName: string | null;
};

export interface NoticeEvidence {
  ticketId: string;
  number: number;
  title: string;
  minutes: number;
}

export async function listNotices(
  db: Executor,
  scope: Scope,
  filter: { clientId?: string; vendorId?: string; id?: string },
): Promise<NoticeRow[]> {
  const rows = await db
    .select({
      notice: vendorNotices,
      clientName: clients.name,
      vendorName: vendors.name,
      givenByName: memberNameSql(vendorNotices.tenantId, vendorNotices.givenById),
    })
    .from(vendorNotices)
    .innerJoin(
      clients,
      and(eq(clients.tenantId, vendorNotices.tenantId), eq(clients.id, vendorNotices.clientId)),
    )
    .innerJoin(
      vendors,
      and(eq(vendors.tenantId, vendorNotices.tenantId), eq(vendors.id, vendorNotices.vendorId)),
    )
    .where(
      and(
        inClientScope(scope, vendorNotices.tenantId, vendorNotices.clientId),
        filter.id ? eq(vendorNotices.id, filter.id) : undefined,
        filter.clientId ? eq(vendorNotices.clientId, filter.clientId) : undefined,
        filter.vendorId ? eq(vendorNotices.vendorId, filter.vendorId) : undefined,
      ),
    )
    .orderBy(desc(vendorNotices.givenAt), desc(vendorNotices.id));
  return rows.map(({ notice, ...names }) => ({ ...notice, ...names }));
}

export async function insertNotice(db: Executor, values: typeof vendorNotices.$inferInsert): Promise<string> {
  const [row] = await db.insert(vendorNotices).values(values).returning({ id: vendorNotices.id });
  return row!.id;
}

export async function withdrawNotice(db: Executor, tenantId: string, id: string, at: Date, reason: string) {
  await db
    .update(vendorNotices)
    .set({ withdrawnAt: at, withdrawnReason: reason })
    .where(and(eq(vendorNotices.tenantId, tenantId), eq(vendorNotices.id, id)));
}

/** The cited tickets of each list, read in one query: per list, as evidenceOf answers it. */
export async function evidenceForEach(
  db: Executor,
  tenantId: string,
  lists: readonly (readonly string[])[],
): Promise<NoticeEvidence[][]> {
  const all = await evidenceOf(db, tenantId, [...new Set(lists.flat())]);
  const byId = new Map(all.map((ticket) => [ticket.ticketId, ticket]));
  return lists.map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
}

/** The cited tickets with the minutes logged on them, in the order given; unknown ids are left out. */
export async function evidenceOf(
  db: Executor,
  tenantId: string,
  ticketIds: readonly string[],
): Promise<NoticeEvidence[]> {
  if (ticketIds.length === 0) return [];
  const rows = await db
    .select({
      ticketId: tickets.id,
      number: tickets.number,
      title: tickets.title,
      minutes: sql<number>`coalesce(sum(${timeEntries.minutes}), 0)::int`,
    })
    .from(tickets)
    .leftJoin(
      timeEntries,
      and(
        eq(timeEntries.tenantId, tickets.tenantId),
        eq(timeEntries.ticketId, tickets.id),
        isNull(timeEntries.deletedAt),
      ),
    )
    .where(and(eq(tickets.tenantId, tenantId), inArray(tickets.id, [...ticketIds])))
    .groupBy(tickets.id, tickets.number, tickets.title);
  const byId = new Map(rows.map((row) => [row.ticketId, row]));
  return ticketIds.flatMap((id) => byId.get(id) ?? []);
}

/** The ids among `ticketIds` that are tickets of the client. */
export async function clientTicketIds(
  db: Executor,
  tenantId: string,
  clientId: string,
  ticketIds: readonly string[],
): Promise<Set<string>> {
  if (ticketIds.length === 0) return new Set();
  const rows = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenantId),
        eq(tickets.clientId, clientId),
        inArray(tickets.id, [...ticketIds]),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

export const noticeKey = (clientId: string, vendorId: string) => `${clientId}/${vendorId}`;

/** When each client was first given a standing (not withdrawn) notice about each vendor, by noticeKey. */
export async function firstNoticeTimes(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
): Promise<Map<string, Date>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .select({
      clientId: vendorNotices.clientId,
      vendorId: vendorNotices.vendorId,
      at: min(vendorNotices.givenAt),
    })
    .from(vendorNotices)
    .where(
      and(
        eq(vendorNotices.tenantId, tenantId),
        inArray(vendorNotices.clientId, [...clientIds]),
        isNull(vendorNotices.withdrawnAt),
      ),
    )
    .groupBy(vendorNotices.clientId, vendorNotices.vendorId);
  return new Map(rows.map((row) => [noticeKey(row.clientId, row.vendorId), new Date(row.at!)]));
}
