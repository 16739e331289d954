// Names unique per tenant regardless of case (work types, tax codes, catalog items): the check that lets
// a service answer 409 with the field before the unique index would refuse the write.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

type NamedTable = PgTable & { tenantId: PgColumn; id: PgColumn; name: PgColumn };

/** Whether another row of the tenant (archived ones included) has this name, in any case. */
export async function isNameTaken(
  db: Executor,
  table: NamedTable,
  tenantId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: table.id })
    .from(table as PgTable)
    .where(
      and(
        eq(table.tenantId, tenantId),
        sql`lower(${table.name}) = ${name.toLowerCase()}`,
        exceptId ? ne(table.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}
