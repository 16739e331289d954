// Every query on coverage holds. A hold belongs to a client's asset: reads take the request's scope.
import { and, desc, eq, gte, inArray, isNotNull, isNull, max } from 'drizzle-orm';
import type { CoverageHoldListQuery } from '../../../shared/api/vendor-terms.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { assets } from '../assets/assets.table.ts';
import { clients } from '../clients/clients.table.ts';
import { memberNameSql } from '../identity/index.ts';
import { assetChanges, ticketAssets } from '../inventory/inventory.table.ts';
import { coverageHolds } from './terms.table.ts';
import { vendors } from './vendors.table.ts';

export type HoldRow = typeof coverageHolds.$inferSelect;
export type HoldWithNames = HoldRow & {
  assetName: string;
  clientName: string;
  vendorName: string;
  placedByName: string | null;
  liftedByName: string | null;
};

export async function listHolds(
  db: Executor,
  scope: Scope,
  filter: Partial<CoverageHoldListQuery> & { id?: string },
): Promise<HoldWithNames[]> {
  const rows = await db
    .select({
      hold: coverageHolds,
      assetName: assets.name,
      clientName: clients.name,
      vendorName: vendors.name,
      placedByName: memberNameSql(coverageHolds.tenantId, coverageHolds.placedById),
      liftedByName: memberNameSql(coverageHolds.tenantId, coverageHolds.liftedById),
    })
    .from(coverageHolds)
    .innerJoin(assets, and(eq(assets.tenantId, coverageHolds.tenantId), eq(assets.id, coverageHolds.assetId)))
    .innerJoin(
      clients,
      and(eq(clients.tenantId, coverageHolds.tenantId), eq(clients.id, coverageHolds.clientId)),
    )
    .innerJoin(
      vendors,
      and(eq(vendors.tenantId, coverageHolds.tenantId), eq(vendors.id, coverageHolds.vendorId)),
    )
    .where(
      and(
        inClientScope(scope, coverageHolds.tenantId, coverageHolds.clientId),
        filter.id ? eq(coverageHolds.id, filter.id) : undefined,
        filter.clientId ? eq(coverageHolds.clientId, filter.clientId) : undefined,
        filter.assetId ? eq(coverageHolds.assetId, filter.assetId) : undefined,
        filter.vendorId ? eq(coverageHolds.vendorId, filter.vendorId) : undefined,
        filter.active === 'true'
          ? isNull(coverageHolds.liftedAt)
          : filter.active === 'false'
            ? isNotNull(coverageHolds.liftedAt)
            : undefined,
      ),
    )
    .orderBy(desc(coverageHolds.placedAt), desc(coverageHolds.id));
  return rows.map(({ hold, ...names }) => ({ ...hold, ...names }));
}

/** Holds in force in every organization, for the job that lifts those whose conditions are met. */
export async function listActiveHoldsEverywhere(db: Executor): Promise<HoldRow[]> {
  return db.select().from(coverageHolds).where(isNull(coverageHolds.liftedAt));
}

export async function hasActiveHold(db: Executor, tenantId: string, assetId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: coverageHolds.id })
    .from(coverageHolds)
    .where(
      and(
        eq(coverageHolds.tenantId, tenantId),
        eq(coverageHolds.assetId, assetId),
        isNull(coverageHolds.liftedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertHold(db: Executor, values: typeof coverageHolds.$inferInsert): Promise<string> {
  const [row] = await db.insert(coverageHolds).values(values).returning({ id: coverageHolds.id });
  return row!.id;
}

/** Lifts a hold still in force; false when it was lifted already (by hand or by its conditions). */
export async function liftHold(
  db: Executor,
  tenantId: string,
  id: string,
  lift: { at: Date; byId: string | null; reason: string },
): Promise<boolean> {
  const rows = await db
    .update(coverageHolds)
    .set({ liftedAt: lift.at, liftedById: lift.byId, liftedReason: lift.reason })
    .where(
      and(eq(coverageHolds.tenantId, tenantId), eq(coverageHolds.id, id), isNull(coverageHolds.liftedAt)),
    )
    .returning({ id: coverageHolds.id });
  return rows.length === 1;
}

/** When the asset last had a change outside an approved window at or after `since`; null for none. */
export async function lastVendorChangeAt(
  db: Executor,
  tenantId: string,
  assetId: string,
  since: Date,
): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(assetChanges.occurredAt) })
    .from(assetChanges)
    .where(
      and(
        eq(assetChanges.tenantId, tenantId),
        eq(assetChanges.assetId, assetId),
        eq(assetChanges.outcome, 'vendor'),
        gte(assetChanges.occurredAt, since),
      ),
    );
  return row?.at ? new Date(row.at) : null;
}

export interface TicketHold {
  ticketId: string;
  assetName: string;
  placedAt: Date;
  liftedAt: Date | null;
}

/** The holds, in force or lifted, on the assets these tickets name. */
export async function holdsOnTickets(
  db: Executor,
  tenantId: string,
  ticketIds: readonly string[],
): Promise<TicketHold[]> {
  if (ticketIds.length === 0) return [];
  return db
    .select({
      ticketId: ticketAssets.ticketId,
      assetName: assets.name,
      placedAt: coverageHolds.placedAt,
      liftedAt: coverageHolds.liftedAt,
    })
    .from(ticketAssets)
    .innerJoin(
      coverageHolds,
      and(eq(coverageHolds.tenantId, ticketAssets.tenantId), eq(coverageHolds.assetId, ticketAssets.assetId)),
    )
    .innerJoin(assets, and(eq(assets.tenantId, ticketAssets.tenantId), eq(assets.id, ticketAssets.assetId)))
    .where(and(eq(ticketAssets.tenantId, tenantId), inArray(ticketAssets.ticketId, [...ticketIds])));
}
