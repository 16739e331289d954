// Every query on tax codes and catalog items; all of them are tenant-level (no client scope).
import { and, asc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { type CatalogCategory, defaultCatalogItems, defaultTaxCodes } from '../../../shared/api/catalog.ts';
import type { Executor } from '../../db/client.ts';
import { isNameTaken } from '../../db/unique-name.ts';
import { catalogItems, taxCodes } from './catalog.table.ts';

export type TaxCodeRow = typeof taxCodes.$inferSelect;
export type CatalogItemRow = typeof catalogItems.$inferSelect;
export type ArchivedFilter = 'true' | 'false' | 'any';

/**
 * Adds the shipped tax codes and catalog items the tenant lacks (by name, case-insensitive, archived
 * ones included), inside the caller's transaction. Idempotent: the name indexes make a repeat, or two at
 * once, add nothing. New items take the tenant's default tax code.
 */
export async function seedDefaults(
  db: Executor,
  tenantId: string,
): Promise<{ addedItems: number; addedTaxCodes: number }> {
  const hasDefault = (await findDefaultTaxCode(db, tenantId)) !== undefined;
  const addedCodes = await db
    .insert(taxCodes)
    .values(
      defaultTaxCodes.map((code) => ({
        tenantId,
        name: code.name,
        rateBasisPoints: code.rateBasisPoints,
        description: code.description,
        isDefault: code.isDefault && !hasDefault,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: taxCodes.id });
  const taxCode = await taxCodeForNewItems(db, tenantId);
  const addedItems = await db
    .insert(catalogItems)
    .values(
      defaultCatalogItems.map((item) => ({
        tenantId,
        category: item.category,
        name: item.name,
        description: item.description,
        unit: item.unit,
        deviceClass: item.deviceClass,
        priceCents: 0,
        currency: 'USD',
        isResale: item.isResale,
        unitCostCents: item.isResale ? 0 : null,
        taxCodeId: taxCode.id,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: catalogItems.id });
  return { addedItems: addedItems.length, addedTaxCodes: addedCodes.length };
}

/** The default code; else the first active one by name; else any (the shipped ones always exist here). */
async function taxCodeForNewItems(db: Executor, tenantId: string): Promise<TaxCodeRow> {
  const [row] = await db
    .select()
    .from(taxCodes)
    .where(eq(taxCodes.tenantId, tenantId))
    .orderBy(sql`${taxCodes.isDefault} desc`, sql`${taxCodes.archivedAt} is not null`, asc(taxCodes.name))
    .limit(1);
  return row!;
}

/** Whether the tenant has ever had tax codes: none means it predates the catalog and was never seeded. */
export async function hasTaxCodes(db: Executor, tenantId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: taxCodes.id })
    .from(taxCodes)
    .where(eq(taxCodes.tenantId, tenantId))
    .limit(1);
  return row !== undefined;
}

function archivedCondition(
  column: typeof taxCodes.archivedAt | typeof catalogItems.archivedAt,
  filter: ArchivedFilter,
) {
  if (filter === 'any') return undefined;
  return filter === 'true' ? isNotNull(column) : isNull(column);
}

export async function listTaxCodes(
  db: Executor,
  tenantId: string,
  archived: ArchivedFilter,
): Promise<TaxCodeRow[]> {
  return db
    .select()
    .from(taxCodes)
    .where(and(eq(taxCodes.tenantId, tenantId), archivedCondition(taxCodes.archivedAt, archived)))
    .orderBy(asc(taxCodes.name));
}

export async function findTaxCode(
  db: Executor,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TaxCodeRow | undefined> {
  const query = db
    .select()
    .from(taxCodes)
    .where(and(eq(taxCodes.tenantId, tenantId), eq(taxCodes.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findDefaultTaxCode(db: Executor, tenantId: string): Promise<TaxCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(taxCodes)
    .where(and(eq(taxCodes.tenantId, tenantId), eq(taxCodes.isDefault, true)));
  return row;
}

/** Names are unique per tenant regardless of case, archived ones included. */
export const isTaxCodeNameTaken = (db: Executor, tenantId: string, name: string, exceptId?: string) =>
  isNameTaken(db, taxCodes, tenantId, name, exceptId);

/** Undefined when the name is taken (a concurrent insert won the race to the unique index). */
export async function insertTaxCode(
  db: Executor,
  values: typeof taxCodes.$inferInsert,
): Promise<TaxCodeRow | undefined> {
  const [row] = await db.insert(taxCodes).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateTaxCode(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<
    Pick<TaxCodeRow, 'name' | 'rateBasisPoints' | 'description' | 'isDefault' | 'archivedAt' | 'updatedAt'>
  >,
): Promise<TaxCodeRow> {
  const [row] = await db
    .update(taxCodes)
    .set(values)
    .where(and(eq(taxCodes.tenantId, tenantId), eq(taxCodes.id, id)))
    .returning();
  return row!;
}

/** Takes the default flag off whichever code has it (before another one gets it). */
export async function clearDefaultTaxCode(db: Executor, tenantId: string, now: Date): Promise<void> {
  await db
    .update(taxCodes)
    .set({ isDefault: false, updatedAt: now })
    .where(and(eq(taxCodes.tenantId, tenantId), eq(taxCodes.isDefault, true)));
}

const itemColumns = { item: catalogItems, taxCodeName: taxCodes.name };

function items(db: Executor) {
  return db
    .select(itemColumns)
    .from(catalogItems)
    .innerJoin(
      taxCodes,
      and(eq(taxCodes.tenantId, catalogItems.tenantId), eq(taxCodes.id, catalogItems.taxCodeId)),
    );
}

export type CatalogItemWithTaxCode = Awaited<ReturnType<ReturnType<typeof items>['execute']>>[number];

/** By category in the catalog's order, then name. */
export async function listCatalogItems(
  db: Executor,
  tenantId: string,
  filter: { category?: CatalogCategory; archived: ArchivedFilter },
): Promise<CatalogItemWithTaxCode[]> {
  const conditions: (SQL | undefined)[] = [
    eq(catalogItems.tenantId, tenantId),
    filter.category ? eq(catalogItems.category, filter.category) : undefined,
    archivedCondition(catalogItems.archivedAt, filter.archived),
  ];
  return items(db)
    .where(and(...conditions))
    .orderBy(
      sql`array_position(array['on_premises','off_premises','less_common','advisory'], ${catalogItems.category})`,
      asc(catalogItems.name),
    );
}

export async function findCatalogItem(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<CatalogItemWithTaxCode | undefined> {
  const [row] = await items(db).where(and(eq(catalogItems.tenantId, tenantId), eq(catalogItems.id, id)));
  return row;
}

/** Names are unique per tenant regardless of case, archived ones included. */
export const isCatalogItemNameTaken = (db: Executor, tenantId: string, name: string, exceptId?: string) =>
  isNameTaken(db, catalogItems, tenantId, name, exceptId);

export async function insertCatalogItem(
  db: Executor,
  values: typeof catalogItems.$inferInsert,
): Promise<CatalogItemRow | undefined> {
  const [row] = await db.insert(catalogItems).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateCatalogItem(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<Omit<CatalogItemRow, 'tenantId' | 'id' | 'createdAt'>>,
): Promise<CatalogItemRow> {
  const [row] = await db
    .update(catalogItems)
    .set(values)
    .where(and(eq(catalogItems.tenantId, tenantId), eq(catalogItems.id, id)))
    .returning();
  return row!;
}

/** Locks the item's row until the transaction ends, so two edits merge one after the other. */
export async function lockCatalogItem(db: Executor, tenantId: string, id: string): Promise<void> {
  await db
    .select({ id: catalogItems.id })
    .from(catalogItems)
    .where(and(eq(catalogItems.tenantId, tenantId), eq(catalogItems.id, id)))
    .for('update');
}
