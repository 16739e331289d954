// Tax codes and service catalog items, per tenant. Amounts are bigint in minor units, read as JavaScript
// numbers (mode 'number'): the API refuses anything beyond Number.MAX_SAFE_INTEGER, so they stay exact.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { catalogCategories, catalogUnits, deviceClasses } from '../../../shared/api/catalog.ts';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { tenants } from '../identity/identity.table.ts';

export const taxCodes = pgTable(
  'tax_codes',
  {
    ...tenantKey(),
    name: text().notNull(),
    /** 0–10000: 2000 is 20.00 %. */
    rateBasisPoints: integer().notNull(),
    description: text(),
    /** The code new items get when they name none; at most one per tenant (the partial index). */
    isDefault: boolean().notNull().default(false),
    /** Archived codes stay on what uses them but cannot be chosen for new items. */
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    // Archived names count too, so unarchiving can never collide.
    uniqueIndex('tax_codes_name_key').on(t.tenantId, sql`lower(${t.name})`),
    uniqueIndex('tax_codes_default_key').on(t.tenantId).where(sql`${t.isDefault}`),
    check('tax_codes_rate_check', sql`${t.rateBasisPoints} between 0 and 10000`),
  ],
);

export const catalogItems = pgTable(
  'catalog_items',
  {
    ...tenantKey(),
    category: text({ enum: catalogCategories }).notNull(),
    name: text().notNull(),
    description: text(),
    unit: text({ enum: catalogUnits }).notNull(),
    /** Only on per-device items. */
    deviceClass: text({ enum: deviceClasses }),
    priceCents: bigint({ mode: 'number' }).notNull(),
    /** ISO 4217. */
    currency: text().notNull(),
    isResale: boolean().notNull().default(false),
    /** Only on resale items: what one unit costs the MSP, in the item's currency. */
    unitCostCents: bigint({ mode: 'number' }),
    taxCodeId: uuid().notNull(),
    /** Archived items stay readable and on what uses them but leave the chooser. */
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.taxCodeId], foreignColumns: [taxCodes.tenantId, taxCodes.id] }),
    uniqueIndex('catalog_items_name_key').on(t.tenantId, sql`lower(${t.name})`),
    index('catalog_items_category_idx').on(t.tenantId, t.category),
    check('catalog_items_price_check', sql`${t.priceCents} >= 0`),
    check(
      'catalog_items_cost_check',
      sql`(${t.isResale} and ${t.unitCostCents} >= 0) or (not ${t.isResale} and ${t.unitCostCents} is null)`,
    ),
    check(
      'catalog_items_device_class_check',
      sql`(${t.unit} = 'per_device') = (${t.deviceClass} is not null)`,
    ),
  ],
);
