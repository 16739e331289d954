// Every query on assets; reads take the request's scope first.
import { and, asc, count, eq, gte, ilike, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { AssetListQuery } from '../../../shared/api/assets.ts';
import { instantArray, uuidArray } from '../../db/array-params.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { clients, sites } from '../clients/clients.table.ts';
import { assets } from './assets.table.ts';

export type AssetRow = typeof assets.$inferSelect;
export type AssetWithNames = AssetRow & { clientName: string; siteName: string | null };

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Assets with their client's and site's names, to be narrowed by a where clause. */
function withNamesQuery(db: Executor) {
  return db
    .select({ asset: assets, clientName: clients.name, siteName: sites.name })
    .from(assets)
    .innerJoin(clients, and(eq(clients.tenantId, assets.tenantId), eq(clients.id, assets.clientId)))
    .leftJoin(sites, and(eq(sites.tenantId, assets.tenantId), eq(sites.id, assets.siteId)))
    .$dynamic();
}

const flatten = (row: { asset: AssetRow; clientName: string; siteName: string | null }): AssetWithNames => ({
  ...row.asset,
  clientName: row.clientName,
  siteName: row.siteName,
});

/** The state filter: online means a check-in at or after `onlineSince` (now minus the online window). */
function stateCondition(state: AssetListQuery['state'], onlineSince: Date): SQL | undefined {
  if (state === 'online') return gte(assets.lastSeenAt, onlineSince);
  if (state === 'offline') return lt(assets.lastSeenAt, onlineSince);
  if (state === 'never') return isNull(assets.lastSeenAt);
  return undefined;
}

export async function listAssets(
  db: Executor,
  scope: Scope,
  filter: AssetListQuery,
  onlineSince: Date,
): Promise<{ items: AssetWithNames[]; total: number }> {
  const pattern = filter.q ? likePattern(filter.q) : undefined;
  const where = and(
    inClientScope(scope, assets.tenantId, assets.clientId),
    filter.clientId ? eq(assets.clientId, filter.clientId) : undefined,
    filter.siteId ? eq(assets.siteId, filter.siteId) : undefined,
    filter.type ? eq(assets.type, filter.type) : undefined,
    filter.managed ? eq(assets.isManaged, filter.managed === 'yes') : undefined,
    stateCondition(filter.state, onlineSince),
    pattern
      ? or(ilike(assets.name, pattern), ilike(assets.hostname, pattern), ilike(assets.serial, pattern))
      : undefined,
    filter.archived === 'true' ? isNotNull(assets.archivedAt) : undefined,
    filter.archived === 'false' ? isNull(assets.archivedAt) : undefined,
  );
  const [items, [total]] = await Promise.all([
    withNamesQuery(db)
      .where(where)
      .orderBy(
        asc(sql`lower(${clients.name})`),
        asc(clients.id),
        asc(sql`lower(${assets.name})`),
        asc(assets.id),
      )
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(assets).where(where),
  ]);
  return { items: items.map(flatten), total: total?.n ?? 0 };
}

export async function findAsset(db: Executor, scope: Scope, id: string): Promise<AssetWithNames | undefined> {
  const [row] = await withNamesQuery(db).where(
    and(inClientScope(scope, assets.tenantId, assets.clientId), eq(assets.id, id)),
  );
  return row && flatten(row);
}

export async function updateAsset(
  db: Executor,
  scope: Scope,
  id: string,
  values: Partial<typeof assets.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(assets)
    .set(values)
    .where(and(inClientScope(scope, assets.tenantId, assets.clientId), eq(assets.id, id)))
    .returning({ id: assets.id });
  return rows.length > 0;
}

export async function insertAsset(db: Executor, values: typeof assets.$inferInsert): Promise<AssetRow> {
  const [row] = await db.insert(assets).values(values).returning();
  return row!;
}

/**
 * Records agent check-ins for many assets of one tenant in one statement. Not an edit by a person, so
 * updatedAt is left alone; a check-in older than the stored one never moves lastSeenAt back.
 */
export async function touchAssetsLastSeen(
  db: Executor,
  tenantId: string,
  seen: readonly { assetId: string; at: Date }[],
): Promise<void> {
  // One row per asset (the latest check-in): an UPDATE ... FROM with duplicates would pick one at random.
  const latest = new Map<string, Date>();
  for (const { assetId, at } of seen) {
    const known = latest.get(assetId);
    if (!known || known < at) latest.set(assetId, at);
  }
  if (latest.size === 0) return;
  await db.execute(sql`
    update ${assets} set last_seen_at = seen.at
    from unnest(${uuidArray([...latest.keys()])}, ${instantArray([...latest.values()])}) as seen(asset_id, at)
    where ${assets.tenantId} = ${tenantId} and ${assets.id} = seen.asset_id
      and (${assets.lastSeenAt} is null or ${assets.lastSeenAt} < seen.at)`);
}

/** Whether the client exists and the scope sees it (a client outside the scope is treated as missing). */
export async function clientVisible(db: Executor, scope: Scope, clientId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(inClientScope(scope, clients.tenantId, clients.id), eq(clients.id, clientId)));
  return row !== undefined;
}

export async function siteBelongsToClient(
  db: Executor,
  tenantId: string,
  siteId: string,
  clientId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.tenantId, tenantId), eq(sites.id, siteId), eq(sites.clientId, clientId)));
  return row !== undefined;
}
