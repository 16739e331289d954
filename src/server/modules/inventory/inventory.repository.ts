// Every query on reports, detected changes and receipts; staff reads take the request's scope first.
import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { InventoryState } from '../../../shared/api/inventory.ts';
import { instantArray, textArray, uuidArray } from '../../db/array-params.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { assets } from '../assets/assets.table.ts';
import { vendors } from '../vendors/vendors.table.ts';
import { agentReceipts, assetChanges, assetInventories } from './inventory.table.ts';

export type InventoryRow = typeof assetInventories.$inferSelect;
export type AssetChangeRow = typeof assetChanges.$inferSelect;
type ReceiptKey = { tenantId: string; agentId: string; idempotencyKey: string };

export async function findReceipt(db: Executor, key: ReceiptKey) {
  const [row] = await db
    .select({ changes: agentReceipts.changes })
    .from(agentReceipts)
    .where(
      and(
        eq(agentReceipts.tenantId, key.tenantId),
        eq(agentReceipts.agentId, key.agentId),
        eq(agentReceipts.idempotencyKey, key.idempotencyKey),
      ),
    );
  return row;
}

/** False when a report with the same key was taken before (a resend, or a concurrent twin that won). */
export async function insertReceipt(
  db: Executor,
  values: typeof agentReceipts.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(agentReceipts)
    .values(values)
    .onConflictDoNothing()
    .returning({ key: agentReceipts.idempotencyKey });
  return rows.length === 1;
}

export async function deleteReceiptsBefore(db: Executor, before: Date): Promise<number> {
  const rows = await db
    .delete(agentReceipts)
    .where(lt(agentReceipts.receivedAt, before))
    .returning({ key: agentReceipts.idempotencyKey });
  return rows.length;
}

/**
 * What taking a report needs of the record, in one read that locks it (reports of one asset are taken one
 * at a time): the state hash and time of the last report, its state only when it differs from the report's
 * `stateHash` (to diff against), and the asset's client, hostname and OS. Undefined before the first report.
 */
export async function findReportHead(db: Executor, tenantId: string, assetId: string, stateHash: string) {
  const [row] = await db
    .select({
      stateHash: assetInventories.stateHash,
      collectedAt: assetInventories.collectedAt,
      state: sql<InventoryState | null>`case when ${assetInventories.stateHash} <> ${stateHash}
        then ${assetInventories.state} end`.mapWith(assetInventories.state),
      clientId: assets.clientId,
      hostname: assets.hostname,
      os: assets.os,
      osVersion: assets.osVersion,
    })
    .from(assetInventories)
    .innerJoin(
      assets,
      and(eq(assets.tenantId, assetInventories.tenantId), eq(assets.id, assetInventories.assetId)),
    )
    .where(and(eq(assetInventories.tenantId, tenantId), eq(assetInventories.assetId, assetId)))
    .for('update', { of: assetInventories });
  return row;
}

/** The report as the record; its values are sent once (the update takes them from `excluded`). */
export async function upsertInventory(db: Executor, values: InventoryRow): Promise<void> {
  await db
    .insert(assetInventories)
    .values(values)
    .onConflictDoUpdate({
      target: [assetInventories.tenantId, assetInventories.assetId],
      set: {
        agentId: sql`excluded.agent_id`,
        state: sql`excluded.state`,
        stateHash: sql`excluded.state_hash`,
        health: sql`excluded.health`,
        notAvailable: sql`excluded.not_available`,
        agentVersion: sql`excluded.agent_version`,
        collectedAt: sql`excluded.collected_at`,
        receivedAt: sql`excluded.received_at`,
      },
    });
}

/** An unchanged report: only what moves on its own is written, and never over a later report's. */
export async function updateInventoryHealth(
  db: Executor,
  values: Pick<
    InventoryRow,
    | 'tenantId'
    | 'assetId'
    | 'agentId'
    | 'health'
    | 'notAvailable'
    | 'agentVersion'
    | 'collectedAt'
    | 'receivedAt'
  >,
): Promise<void> {
  const { tenantId, assetId, ...rest } = values;
  await db
    .update(assetInventories)
    .set(rest)
    .where(
      and(
        eq(assetInventories.tenantId, tenantId),
        eq(assetInventories.assetId, assetId),
        lt(assetInventories.collectedAt, rest.collectedAt),
      ),
    );
}

/**
 * The health of unchanged reports taken from memory (inventory-memory.ts), many assets of one tenant in one
 * statement as array parameters; never over a later report's.
 */
export async function updateInventoriesHealth(
  db: Executor,
  tenantId: string,
  rows: readonly Parameters<typeof updateInventoryHealth>[1][],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update ${assetInventories} set health = h.health, not_available = h.not_available, agent_id = h.agent_id,
      agent_version = h.agent_version, collected_at = h.collected_at, received_at = h.received_at
    from unnest(
      ${uuidArray(rows.map((r) => r.assetId))},
      ${uuidArray(rows.map((r) => r.agentId))},
      (${textArray(rows.map((r) => JSON.stringify(r.health)))})::jsonb[],
      (${textArray(rows.map((r) => JSON.stringify(r.notAvailable)))})::jsonb[],
      ${textArray(rows.map((r) => r.agentVersion))},
      ${instantArray(rows.map((r) => r.collectedAt))},
      ${instantArray(rows.map((r) => r.receivedAt))}
    ) as h(asset_id, agent_id, health, not_available, agent_version, collected_at, received_at)
    where ${assetInventories.tenantId} = ${tenantId} and ${assetInventories.assetId} = h.asset_id
      and ${assetInventories.collectedAt} < h.collected_at`);
}

export async function insertChanges(db: Executor, rows: (typeof assetChanges.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(assetChanges).values(rows);
}

/** The asset's latest report, if its client is in scope. */
export async function findInventory(db: Executor, scope: Scope, assetId: string) {
  const [row] = await db
    .select({ inventory: assetInventories })
    .from(assetInventories)
    .innerJoin(
      assets,
      and(eq(assets.tenantId, assetInventories.tenantId), eq(assets.id, assetInventories.assetId)),
    )
    .where(
      and(inClientScope(scope, assets.tenantId, assets.clientId), eq(assetInventories.assetId, assetId)),
    );
  return row?.inventory;
}

export interface ChangeQuery {
  /** One change. */
  id?: string;
  /** One asset's changes; all the scope's assets when left out. */
  assetId?: string;
  clientId?: string;
  kinds?: readonly string[];
  outcomes?: readonly string[];
  vendorId?: string;
  since?: Date;
  limit: number;
  offset: number;
}

export type ListedChange = AssetChangeRow & {
  vendorName: string | null;
  assetName: string;
  clientId: string;
};

/** Changes on assets of clients in scope, newest first, with the names of their asset and vendor. */
export async function listChanges(db: Executor, scope: Scope, query: ChangeQuery) {
  const where = and(
    inClientScope(scope, assets.tenantId, assets.clientId),
    query.id ? eq(assetChanges.id, query.id) : undefined,
    query.assetId ? eq(assetChanges.assetId, query.assetId) : undefined,
    query.clientId ? eq(assets.clientId, query.clientId) : undefined,
    query.kinds?.length
      ? inArray(assetChanges.kind, [...(query.kinds as AssetChangeRow['kind'][])])
      : undefined,
    query.outcomes?.length
      ? inArray(assetChanges.outcome, [...(query.outcomes as NonNullable<AssetChangeRow['outcome']>[])])
      : undefined,
    query.vendorId ? eq(assetChanges.vendorId, query.vendorId) : undefined,
    query.since ? sql`${assetChanges.occurredAt} >= ${query.since.toISOString()}::timestamptz` : undefined,
  );
  const from = () =>
    db
      .select({
        change: assetChanges,
        vendorName: vendors.name,
        assetName: assets.name,
        clientId: assets.clientId,
      })
      .from(assetChanges)
      .innerJoin(assets, and(eq(assets.tenantId, assetChanges.tenantId), eq(assets.id, assetChanges.assetId)))
      .leftJoin(
        vendors,
        and(eq(vendors.tenantId, assetChanges.tenantId), eq(vendors.id, assetChanges.vendorId)),
      )
      .$dynamic();
  const rows = await from()
    .where(where)
    .orderBy(desc(assetChanges.occurredAt), desc(assetChanges.id))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await db
    .select({ n: count() })
    .from(assetChanges)
    .innerJoin(assets, and(eq(assets.tenantId, assetChanges.tenantId), eq(assets.id, assetChanges.assetId)))
    .where(where);
  const items: ListedChange[] = rows.map((row) => ({
    ...row.change,
    vendorName: row.vendorName,
    assetName: row.assetName,
    clientId: row.clientId,
  }));
  return { items, total: total?.n ?? 0 };
}

/** One change, if its asset's client is in scope; locked when asked (re-judging). */
export async function findChange(db: Executor, scope: Scope, id: string) {
  const rows = await db
    .select({ change: assetChanges })
    .from(assetChanges)
    .innerJoin(assets, and(eq(assets.tenantId, assetChanges.tenantId), eq(assets.id, assetChanges.assetId)))
    .where(and(inClientScope(scope, assets.tenantId, assets.clientId), eq(assetChanges.id, id)));
  return rows[0]?.change;
}

export async function updateChange(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<AssetChangeRow>,
) {
  await db
    .update(assetChanges)
    .set(values)
    .where(and(eq(assetChanges.tenantId, tenantId), eq(assetChanges.id, id)));
}
