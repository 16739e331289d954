// Every query on vendors, engagements, vendor accounts and routine actors. Vendors and routine actors
// belong to the tenant; an engagement (and its accounts) belongs to a client, so reads of those take
// the request's scope and never show another client's.
import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  defaultRoutineActors,
  type EngagementListQuery,
  type VendorListQuery,
} from '../../../shared/api/vendors.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { clients } from '../clients/clients.table.ts';
import { routineActors, vendorAccounts, vendorEngagements, vendors } from './vendors.table.ts';

export type VendorRow = typeof vendors.$inferSelect;
export type EngagementRow = typeof vendorEngagements.$inferSelect;
export type VendorAccountRow = typeof vendorAccounts.$inferSelect;
export type RoutineActorRow = typeof routineActors.$inferSelect;
export type VendorWithCount = VendorRow & { engagementCount: number };
export type EngagementWithNames = EngagementRow & { vendorName: string; clientName: string };

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function archivedCondition(column: PgColumn, archived: 'true' | 'false' | 'any') {
  if (archived === 'true') return isNotNull(column);
  if (archived === 'false') return isNull(column);
  return undefined;
}

/** Live engagements at clients the scope can see, per vendor. */
async function engagementCounts(
  db: Executor,
  scope: Scope,
  vendorIds: string[],
): Promise<Map<string, number>> {
  if (vendorIds.length === 0) return new Map();
  const rows = await db
    .select({ vendorId: vendorEngagements.vendorId, n: count() })
    .from(vendorEngagements)
    .where(
      and(
        inClientScope(scope, vendorEngagements.tenantId, vendorEngagements.clientId),
        inArray(vendorEngagements.vendorId, vendorIds),
        isNull(vendorEngagements.archivedAt),
      ),
    )
    .groupBy(vendorEngagements.vendorId);
  return new Map(rows.map((row) => [row.vendorId, row.n]));
}

async function withCounts(db: Executor, scope: Scope, rows: VendorRow[]): Promise<VendorWithCount[]> {
  const counts = await engagementCounts(
    db,
    scope,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, engagementCount: counts.get(row.id) ?? 0 }));
}

export async function listVendors(
  db: Executor,
  scope: Scope,
  filter: VendorListQuery,
): Promise<{ items: VendorWithCount[]; total: number }> {
  const pattern = filter.q ? likePattern(filter.q) : undefined;
  const where = and(
    eq(vendors.tenantId, scope.tenantId),
    archivedCondition(vendors.archivedAt, filter.archived),
    pattern
      ? or(
          ilike(vendors.name, pattern),
          sql`exists (select 1 from unnest(${vendors.products}) as product where product ilike ${pattern})`,
        )
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(vendors)
      .where(where)
      .orderBy(asc(sql`lower(${vendors.name})`), asc(vendors.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(vendors).where(where),
  ]);
  return { items: await withCounts(db, scope, items), total: total?.n ?? 0 };
}

export async function findVendor(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<VendorWithCount | undefined> {
  const rows = await db
    .select()
    .from(vendors)
    .where(and(eq(vendors.tenantId, scope.tenantId), eq(vendors.id, id)));
  const [row] = await withCounts(db, scope, rows);
  return row;
}

/** Whether another vendor of the tenant (archived ones included) has this name, in any case. */
export async function isVendorNameTaken(db: Executor, tenantId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: vendors.id })
    .from(vendors)
    .where(
      and(
        eq(vendors.tenantId, tenantId),
        sql`lower(${vendors.name}) = lower(${name})`,
        exceptId ? ne(vendors.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertVendor(db: Executor, values: typeof vendors.$inferInsert): Promise<VendorRow> {
  const [row] = await db.insert(vendors).values(values).returning();
  return row!;
}

export async function updateVendor(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<typeof vendors.$inferInsert>,
): Promise<void> {
  await db
    .update(vendors)
    .set(values)
    .where(and(eq(vendors.tenantId, tenantId), eq(vendors.id, id)));
}

/** Engagements with their vendor's and client's names, to be narrowed by a where clause. */
function engagementsQuery(db: Executor) {
  return db
    .select({ engagement: vendorEngagements, vendorName: vendors.name, clientName: clients.name })
    .from(vendorEngagements)
    .innerJoin(
      vendors,
      and(eq(vendors.tenantId, vendorEngagements.tenantId), eq(vendors.id, vendorEngagements.vendorId)),
    )
    .innerJoin(
      clients,
      and(eq(clients.tenantId, vendorEngagements.tenantId), eq(clients.id, vendorEngagements.clientId)),
    )
    .$dynamic();
}

const flatten = (row: {
  engagement: EngagementRow;
  vendorName: string;
  clientName: string;
}): EngagementWithNames => ({ ...row.engagement, vendorName: row.vendorName, clientName: row.clientName });

const engagementsInScope = (scope: Scope) =>
  inClientScope(scope, vendorEngagements.tenantId, vendorEngagements.clientId);

/** A vendor's engagements (vendorId) or a client's (filter.clientId), only at clients the scope sees. */
export async function listEngagements(
  db: Executor,
  scope: Scope,
  filter: EngagementListQuery & { vendorId?: string },
): Promise<EngagementWithNames[]> {
  const rows = await engagementsQuery(db)
    .where(
      and(
        engagementsInScope(scope),
        filter.vendorId ? eq(vendorEngagements.vendorId, filter.vendorId) : undefined,
        filter.clientId ? eq(vendorEngagements.clientId, filter.clientId) : undefined,
        archivedCondition(vendorEngagements.archivedAt, filter.archived),
      ),
    )
    .orderBy(
      asc(sql`lower(${clients.name})`),
      asc(sql`lower(${vendors.name})`),
      asc(sql`lower(${vendorEngagements.product})`),
      asc(vendorEngagements.id),
    );
  return rows.map(flatten);
}

export async function findEngagement(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<EngagementWithNames | undefined> {
  const [row] = await engagementsQuery(db).where(
    and(engagementsInScope(scope), eq(vendorEngagements.id, id)),
  );
  return row && flatten(row);
}

/** Whether the vendor already has an engagement at the client for this product, in any case. */
export async function isProductEngaged(
  db: Executor,
  tenantId: string,
  key: { vendorId: string; clientId: string; product: string },
  exceptId?: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: vendorEngagements.id })
    .from(vendorEngagements)
    .where(
      and(
        eq(vendorEngagements.tenantId, tenantId),
        eq(vendorEngagements.vendorId, key.vendorId),
        eq(vendorEngagements.clientId, key.clientId),
        sql`lower(${vendorEngagements.product}) = lower(${key.product})`,
        exceptId ? ne(vendorEngagements.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertEngagement(
  db: Executor,
  values: typeof vendorEngagements.$inferInsert,
): Promise<EngagementRow> {
  const [row] = await db.insert(vendorEngagements).values(values).returning();
  return row!;
}

export async function updateEngagement(
  db: Executor,
  scope: Scope,
  id: string,
  values: Partial<typeof vendorEngagements.$inferInsert>,
): Promise<void> {
  await db
    .update(vendorEngagements)
    .set(values)
    .where(and(engagementsInScope(scope), eq(vendorEngagements.id, id)));
}

/** The accounts of the given engagements, oldest first. */
export async function listAccounts(
  db: Executor,
  tenantId: string,
  engagementIds: readonly string[],
): Promise<VendorAccountRow[]> {
  if (engagementIds.length === 0) return [];
  return db
    .select()
    .from(vendorAccounts)
    .where(
      and(eq(vendorAccounts.tenantId, tenantId), inArray(vendorAccounts.engagementId, [...engagementIds])),
    )
    .orderBy(asc(vendorAccounts.kind), asc(sql`lower(${vendorAccounts.identifier})`), asc(vendorAccounts.id));
}

/** An account, only when its engagement's client is in the scope. */
export async function findAccount(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<VendorAccountRow | undefined> {
  const [row] = await db
    .select({ account: vendorAccounts })
    .from(vendorAccounts)
    .innerJoin(
      vendorEngagements,
      and(
        eq(vendorEngagements.tenantId, vendorAccounts.tenantId),
        eq(vendorEngagements.id, vendorAccounts.engagementId),
      ),
    )
    .where(and(engagementsInScope(scope), eq(vendorAccounts.id, id)));
  return row?.account;
}

export async function isAccountTaken(
  db: Executor,
  tenantId: string,
  key: { engagementId: string; kind: VendorAccountRow['kind']; identifier: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: vendorAccounts.id })
    .from(vendorAccounts)
    .where(
      and(
        eq(vendorAccounts.tenantId, tenantId),
        eq(vendorAccounts.engagementId, key.engagementId),
        eq(vendorAccounts.kind, key.kind),
        sql`lower(${vendorAccounts.identifier}) = lower(${key.identifier})`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertAccount(
  db: Executor,
  values: typeof vendorAccounts.$inferInsert,
): Promise<VendorAccountRow> {
  const [row] = await db.insert(vendorAccounts).values(values).returning();
  return row!;
}

export async function deleteAccount(db: Executor, tenantId: string, id: string): Promise<void> {
  await db
    .delete(vendorAccounts)
    .where(and(eq(vendorAccounts.tenantId, tenantId), eq(vendorAccounts.id, id)));
}

export async function listRoutineActors(db: Executor, tenantId: string): Promise<RoutineActorRow[]> {
  return db
    .select()
    .from(routineActors)
    .where(eq(routineActors.tenantId, tenantId))
    .orderBy(asc(sql`lower(${routineActors.actor})`), asc(routineActors.id));
}

export async function findRoutineActor(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<RoutineActorRow | undefined> {
  const [row] = await db
    .select()
    .from(routineActors)
    .where(and(eq(routineActors.tenantId, tenantId), eq(routineActors.id, id)));
  return row;
}

export async function isRoutineActorListed(db: Executor, tenantId: string, actor: string): Promise<boolean> {
  const [row] = await db
    .select({ id: routineActors.id })
    .from(routineActors)
    .where(and(eq(routineActors.tenantId, tenantId), sql`lower(${routineActors.actor}) = lower(${actor})`))
    .limit(1);
  return row !== undefined;
}

export async function insertRoutineActor(
  db: Executor,
  values: typeof routineActors.$inferInsert,
): Promise<RoutineActorRow> {
  const [row] = await db.insert(routineActors).values(values).returning();
  return row!;
}

export async function deleteRoutineActor(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.delete(routineActors).where(and(eq(routineActors.tenantId, tenantId), eq(routineActors.id, id)));
}

/** What a new tenant starts with (the migration gives existing tenants the same). */
export async function seedRoutineActors(db: Executor, tenantId: string): Promise<void> {
  await db
    .insert(routineActors)
    .values(defaultRoutineActors.map((actor) => ({ tenantId, actor: actor.actor, note: actor.note })))
    .onConflictDoNothing();
}

/** The live vendor's live engagements at the client (none when either is archived). */
export async function listLiveEngagementIds(
  db: Executor,
  tenantId: string,
  vendorId: string,
  clientId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: vendorEngagements.id })
    .from(vendorEngagements)
    .innerJoin(
      vendors,
      and(eq(vendors.tenantId, vendorEngagements.tenantId), eq(vendors.id, vendorEngagements.vendorId)),
    )
    .where(
      and(
        eq(vendorEngagements.tenantId, tenantId),
        eq(vendorEngagements.vendorId, vendorId),
        eq(vendorEngagements.clientId, clientId),
        isNull(vendorEngagements.archivedAt),
        isNull(vendors.archivedAt),
      ),
    );
  return rows.map((row) => row.id);
}
