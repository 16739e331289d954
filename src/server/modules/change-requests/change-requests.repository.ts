// Every query on change requests, their assets and the clients' calendar feeds; reads take the scope first.
import { and, asc, count, desc, eq, exists, gte, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import {
  authorizingStatuses,
  type ChangeRequestListQuery,
  type ChangeRequestStatus,
} from '../../../shared/api/change-requests.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { assets } from '../assets/assets.table.ts';
import { clients } from '../clients/clients.table.ts';
import { memberNameSql } from '../identity/index.ts';
import { vendors } from '../vendors/vendors.table.ts';
import { changeCalendarFeeds, changeRequestAssets, changeRequests } from './change-requests.table.ts';

export type ChangeRequestRow = typeof changeRequests.$inferSelect;
export type ChangeRequestWithNames = ChangeRequestRow & {
  clientName: string;
  vendorName: string | null;
  requestedByMemberName: string | null;
  decidedByName: string | null;
};
export type ListFilter = Omit<ChangeRequestListQuery, 'status' | 'limit' | 'offset'> & {
  status?: ChangeRequestStatus[];
  /** Only requests that ask (or asked) the client's approval. */
  asksClient?: boolean;
  limit: number;
  offset: number;
};

/** Statuses still holding (or asking for) their window: the ones an overlap is reported against. */
export const liveStatuses = ['requested', 'approved', 'in_progress'] as const satisfies ChangeRequestStatus[];

const memberName = (id: AnyPgColumn) => memberNameSql(changeRequests.tenantId, id);

function withNamesQuery(db: Executor) {
  return db
    .select({
      request: changeRequests,
      clientName: clients.name,
      vendorName: sql<string | null>`(select ${vendors.name} from ${vendors}
        where ${vendors.tenantId} = ${changeRequests.tenantId} and ${vendors.id} = ${changeRequests.vendorId})`,
      requestedByMemberName: memberName(changeRequests.requestedById),
      decidedByName: memberName(changeRequests.decidedById),
    })
    .from(changeRequests)
    .innerJoin(
      clients,
      and(eq(clients.tenantId, changeRequests.tenantId), eq(clients.id, changeRequests.clientId)),
    )
    .$dynamic();
}

type NamedRow = {
  request: ChangeRequestRow;
  clientName: string;
  vendorName: string | null;
  requestedByMemberName: string | null;
  decidedByName: string | null;
};
const flatten = ({ request, ...names }: NamedRow): ChangeRequestWithNames => ({ ...request, ...names });

export async function listChangeRequests(
  db: Executor,
  scope: Scope,
  filter: ListFilter,
): Promise<{ items: ChangeRequestWithNames[]; total: number }> {
  const where = and(
    inClientScope(scope, changeRequests.tenantId, changeRequests.clientId),
    filter.clientId ? eq(changeRequests.clientId, filter.clientId) : undefined,
    filter.vendorId ? eq(changeRequests.vendorId, filter.vendorId) : undefined,
    filter.status?.length ? inArray(changeRequests.status, filter.status) : undefined,
    filter.asksClient ? ne(changeRequests.clientApproval, 'not_needed') : undefined,
    filter.assetId
      ? exists(
          db
            .select({ one: sql`1` })
            .from(changeRequestAssets)
            .where(
              and(
                eq(changeRequestAssets.tenantId, changeRequests.tenantId),
                eq(changeRequestAssets.changeRequestId, changeRequests.id),
                eq(changeRequestAssets.assetId, filter.assetId),
              ),
            ),
        )
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    withNamesQuery(db)
      .where(where)
      .orderBy(desc(changeRequests.windowStart), desc(changeRequests.number))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(changeRequests).where(where),
  ]);
  return { items: items.map(flatten), total: total?.n ?? 0 };
}

export async function findChangeRequest(
  db: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ChangeRequestWithNames | undefined> {
  if (options.forUpdate) {
    // Two decisions on one request wait for each other, so the second sees the first's status.
    await db
      .select({ id: changeRequests.id })
      .from(changeRequests)
      .where(and(eq(changeRequests.tenantId, scope.tenantId), eq(changeRequests.id, id)))
      .for('update');
  }
  const [row] = await withNamesQuery(db).where(
    and(inClientScope(scope, changeRequests.tenantId, changeRequests.clientId), eq(changeRequests.id, id)),
  );
  return row && flatten(row);
}

/** The assets of each request, by name. */
export async function assetsOf(
  db: Executor,
  tenantId: string,
  requestIds: readonly string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const byRequest = new Map<string, { id: string; name: string }[]>();
  if (requestIds.length === 0) return byRequest;
  const rows = await db
    .select({ requestId: changeRequestAssets.changeRequestId, id: assets.id, name: assets.name })
    .from(changeRequestAssets)
    .innerJoin(
      assets,
      and(eq(assets.tenantId, changeRequestAssets.tenantId), eq(assets.id, changeRequestAssets.assetId)),
    )
    .where(
      and(
        eq(changeRequestAssets.tenantId, tenantId),
        inArray(changeRequestAssets.changeRequestId, [...requestIds]),
      ),
    )
    .orderBy(asc(sql`lower(${assets.name})`), asc(assets.id));
  for (const { requestId, ...asset } of rows) {
    byRequest.set(requestId, [...(byRequest.get(requestId) ?? []), asset]);
  }
  return byRequest;
}

const mine = alias(changeRequestAssets, 'mine');
const theirs = alias(changeRequestAssets, 'theirs');
const other = alias(changeRequests, 'other');

/**
 * For each of the given live requests, the other live requests whose windows overlap its own on a shared
 * asset. Windows are half-open: one ending at 02:00 and the next starting at 02:00 do not overlap.
 */
export async function overlapsOf(
  db: Executor,
  tenantId: string,
  requestIds: readonly string[],
): Promise<Map<string, { id: string; number: number; title: string }[]>> {
  const byRequest = new Map<string, { id: string; number: number; title: string }[]>();
  if (requestIds.length === 0) return byRequest;
  const rows = await db
    .selectDistinct({
      requestId: mine.changeRequestId,
      id: other.id,
      number: other.number,
      title: other.title,
    })
    .from(mine)
    .innerJoin(
      changeRequests,
      and(eq(changeRequests.tenantId, mine.tenantId), eq(changeRequests.id, mine.changeRequestId)),
    )
    .innerJoin(
      theirs,
      and(
        eq(theirs.tenantId, mine.tenantId),
        eq(theirs.assetId, mine.assetId),
        ne(theirs.changeRequestId, mine.changeRequestId),
      ),
    )
    .innerJoin(other, and(eq(other.tenantId, theirs.tenantId), eq(other.id, theirs.changeRequestId)))
    .where(
      and(
        eq(mine.tenantId, tenantId),
        inArray(mine.changeRequestId, [...requestIds]),
        inArray(other.status, [...liveStatuses]),
        sql`${other.windowStart} < ${changeRequests.windowEnd}`,
        sql`${other.windowEnd} > ${changeRequests.windowStart}`,
      ),
    )
    .orderBy(asc(other.number));
  for (const { requestId, ...overlap } of rows) {
    byRequest.set(requestId, [...(byRequest.get(requestId) ?? []), overlap]);
  }
  return byRequest;
}

/**
 * The tenant's next request number. A transaction-scoped advisory lock per tenant makes concurrent
 * inserts take turns, so numbers are gapless: a rolled-back insert leaves its number to the next one.
 */
export async function nextChangeRequestNumber(db: Executor, tenantId: string): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`change_requests:${tenantId}`}, 0))`);
  const [row] = await db
    .select({ last: sql<number>`coalesce(max(${changeRequests.number}), 0)::int` })
    .from(changeRequests)
    .where(eq(changeRequests.tenantId, tenantId));
  return (row?.last ?? 0) + 1;
}

export async function insertChangeRequest(
  db: Executor,
  values: typeof changeRequests.$inferInsert,
  assetIds: readonly string[],
): Promise<ChangeRequestRow> {
  const [row] = await db.insert(changeRequests).values(values).returning();
  await db
    .insert(changeRequestAssets)
    .values(assetIds.map((assetId) => ({ tenantId: values.tenantId, changeRequestId: row!.id, assetId })));
  return row!;
}

export async function updateChangeRequest(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<typeof changeRequests.$inferInsert>,
): Promise<void> {
  await db
    .update(changeRequests)
    .set(values)
    .where(and(eq(changeRequests.tenantId, tenantId), eq(changeRequests.id, id)));
}

/** Which of these ids are live (not archived) assets of the client. */
export async function clientAssetIds(
  db: Executor,
  tenantId: string,
  clientId: string,
  assetIds: readonly string[],
): Promise<Set<string>> {
  const rows = await db
    .select({ id: assets.id })
    .from(assets)
    .where(
      and(
        eq(assets.tenantId, tenantId),
        eq(assets.clientId, clientId),
        inArray(assets.id, [...assetIds]),
        isNull(assets.archivedAt),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

// Calendar feeds.

export async function findFeed(db: Executor, tenantId: string, clientId: string) {
  const [row] = await db
    .select()
    .from(changeCalendarFeeds)
    .where(and(eq(changeCalendarFeeds.tenantId, tenantId), eq(changeCalendarFeeds.clientId, clientId)));
  return row;
}

/** Replaces the client's feed token (the old one stops working at once). */
export async function upsertFeed(
  db: Executor,
  tenantId: string,
  clientId: string,
  tokenHash: string,
  at: Date,
) {
  await db
    .insert(changeCalendarFeeds)
    .values({ tenantId, clientId, tokenHash, createdAt: at })
    .onConflictDoUpdate({
      target: [changeCalendarFeeds.tenantId, changeCalendarFeeds.clientId],
      set: { tokenHash, createdAt: at },
    });
}

export async function deleteFeed(db: Executor, tenantId: string, clientId: string): Promise<boolean> {
  const rows = await db
    .delete(changeCalendarFeeds)
    .where(and(eq(changeCalendarFeeds.tenantId, tenantId), eq(changeCalendarFeeds.clientId, clientId)))
    .returning({ clientId: changeCalendarFeeds.clientId });
  return rows.length > 0;
}

/** The feed a token opens, with its client's name; no scope: the token is the credential. */
export async function feedByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({
      tenantId: changeCalendarFeeds.tenantId,
      clientId: changeCalendarFeeds.clientId,
      clientName: clients.name,
    })
    .from(changeCalendarFeeds)
    .innerJoin(
      clients,
      and(eq(clients.tenantId, changeCalendarFeeds.tenantId), eq(clients.id, changeCalendarFeeds.clientId)),
    )
    .where(eq(changeCalendarFeeds.tokenHash, tokenHash));
  return row;
}

/** A client's approved, started and completed windows that end at or after `since`, oldest first. */
export async function authorizedWindowsOfClient(
  db: Executor,
  tenantId: string,
  clientId: string,
  since: Date,
): Promise<ChangeRequestWithNames[]> {
  const where: SQL | undefined = and(
    eq(changeRequests.tenantId, tenantId),
    eq(changeRequests.clientId, clientId),
    inArray(changeRequests.status, [...authorizingStatuses]),
    gte(changeRequests.windowEnd, since),
  );
  const rows = await withNamesQuery(db)
    .where(where)
    .orderBy(asc(changeRequests.windowStart), asc(changeRequests.number))
    .limit(2_000);
  return rows.map(flatten);
}
