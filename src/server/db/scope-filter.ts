// SQL conditions that confine a query to what the request's scope may see.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from '../http/scope.ts';

/** Tenant plus client scope: an explicit empty scope matches nothing (deny by default). */
export function inClientScope(scope: Scope, tenantColumn: PgColumn, clientColumn: PgColumn): SQL {
  const tenant = eq(tenantColumn, scope.tenantId);
  if (scope.clientIds === 'all') return tenant;
  if (scope.clientIds.length === 0) return sql`false`;
  return and(tenant, inArray(clientColumn, [...scope.clientIds]))!;
}
