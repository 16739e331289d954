// The counts behind a vendor's scorecard, by client and month (UTC), confined to the clients the
// request's scope sees: the vendor's detected changes by outcome, its change requests, its incidents,
// and the MSP's time on those incidents with what it cost at the staff cost rates then in force.
import { and, eq, gte, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { assets } from '../assets/assets.table.ts';
import { changeRequests } from '../change-requests/change-requests.table.ts';
import { assetChanges } from '../inventory/inventory.table.ts';
import { staffCostRates } from '../profitability/profitability.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { timeEntries } from '../time/time.table.ts';

export interface ScorecardCounts {
  clientId: string;
  month: string;
  changesOutsideWindows: number;
  authorizedChanges: number;
  changeRequests: number;
  incidents: number;
  minutes: number;
  costCents: number;
}

const monthOf = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM')`.as('month');

/** Client and month buckets from a query that selected clientId, month and some figures. */
type Bucket = { clientId: string; month: string } & Partial<Record<keyof ScorecardCounts, unknown>>;

export async function scorecardCounts(
  db: Executor,
  scope: Scope,
  filter: { vendorId: string; clientId?: string; from: Date },
): Promise<ScorecardCounts[]> {
  const clientOf = (column: AnyPgColumn): SQL | undefined =>
    filter.clientId ? eq(column, filter.clientId) : undefined;

  const changes = await db
    .select({
      clientId: assets.clientId,
      month: monthOf(assetChanges.occurredAt),
      changesOutsideWindows: sql<number>`count(*) filter (where ${assetChanges.outcome} = 'vendor')::int`,
      authorizedChanges: sql<number>`count(*) filter (where ${assetChanges.outcome} = 'authorized')::int`,
    })
    .from(assetChanges)
    .innerJoin(assets, and(eq(assets.tenantId, assetChanges.tenantId), eq(assets.id, assetChanges.assetId)))
    .where(
      and(
        inClientScope(scope, assets.tenantId, assets.clientId),
        eq(assetChanges.vendorId, filter.vendorId),
        gte(assetChanges.occurredAt, filter.from),
        clientOf(assets.clientId),
      ),
    )
    .groupBy(assets.clientId, sql`2`);

  const requests = await db
    .select({
      clientId: changeRequests.clientId,
      month: monthOf(changeRequests.createdAt),
      changeRequests: sql<number>`count(*)::int`,
    })
    .from(changeRequests)
    .where(
      and(
        inClientScope(scope, changeRequests.tenantId, changeRequests.clientId),
        eq(changeRequests.vendorId, filter.vendorId),
        gte(changeRequests.createdAt, filter.from),
        clientOf(changeRequests.clientId),
      ),
    )
    .groupBy(changeRequests.clientId, sql`2`);

  const incidents = await db
    .select({
      clientId: tickets.clientId,
      month: monthOf(tickets.openedAt),
      incidents: sql<number>`count(*)::int`,
    })
    .from(tickets)
    .where(
      and(
        inClientScope(scope, tickets.tenantId, tickets.clientId),
        eq(tickets.vendorId, filter.vendorId),
        gte(tickets.openedAt, filter.from),
        clientOf(tickets.clientId),
      ),
    )
    .groupBy(tickets.clientId, sql`2`);

  const rate = sql<number>`coalesce((
    select r.hourly_cost_cents from ${staffCostRates} r
    where r.tenant_id = ${timeEntries.tenantId} and r.membership_id = ${timeEntries.staffId}
      and r.effective_from <= (${timeEntries.startedAt} at time zone 'UTC')::date
    order by r.effective_from desc limit 1), 0)`;
  const time = await db
    .select({
      clientId: tickets.clientId,
      month: monthOf(timeEntries.startedAt),
      minutes: sql<number>`sum(${timeEntries.minutes})::int`,
      costCents: sql<number>`round(sum(${timeEntries.minutes} * ${rate}) / 60.0)::int`,
    })
    .from(timeEntries)
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .where(
      and(
        inClientScope(scope, tickets.tenantId, tickets.clientId),
        eq(tickets.vendorId, filter.vendorId),
        isNull(timeEntries.deletedAt),
        gte(timeEntries.startedAt, filter.from),
        clientOf(tickets.clientId),
      ),
    )
    .groupBy(tickets.clientId, sql`2`);

  const buckets = new Map<string, ScorecardCounts>();
  for (const row of [...changes, ...requests, ...incidents, ...time] as Bucket[]) {
    const key = `${row.clientId}/${row.month}`;
    const bucket = buckets.get(key) ?? {
      clientId: row.clientId,
      month: row.month,
      changesOutsideWindows: 0,
      authorizedChanges: 0,
      changeRequests: 0,
      incidents: 0,
      minutes: 0,
      costCents: 0,
    };
    for (const field of [
      'changesOutsideWindows',
      'authorizedChanges',
      'changeRequests',
      'incidents',
      'minutes',
      'costCents',
    ] as const) {
      if (row[field] !== undefined) bucket[field] += Number(row[field]);
    }
    buckets.set(key, bucket);
  }
  return [...buckets.values()];
}
