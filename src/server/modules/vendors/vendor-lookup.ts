// What judging a detected change needs to know about vendors: whose accounts reach a client's machines,
// and which actors are routine. Read inside the caller's transaction.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { VendorAccountKind } from '../../../shared/api/vendors.ts';
import type { Executor } from '../../db/client.ts';
import { routineActors, vendorAccounts, vendorEngagements, vendors } from './vendors.table.ts';

export interface ClientVendorAccount {
  vendorId: string;
  vendorName: string;
  engagementId: string;
  kind: VendorAccountKind;
  identifier: string;
}

/** The accounts of every live engagement at the client. */
export async function vendorAccountsAtClient(
  db: Executor,
  tenantId: string,
  clientId: string,
): Promise<ClientVendorAccount[]> {
  return db
    .select({
      vendorId: vendors.id,
      vendorName: vendors.name,
      engagementId: vendorEngagements.id,
      kind: vendorAccounts.kind,
      identifier: vendorAccounts.identifier,
    })
    .from(vendorAccounts)
    .innerJoin(
      vendorEngagements,
      and(
        eq(vendorEngagements.tenantId, vendorAccounts.tenantId),
        eq(vendorEngagements.id, vendorAccounts.engagementId),
      ),
    )
    .innerJoin(
      vendors,
      and(eq(vendors.tenantId, vendorEngagements.tenantId), eq(vendors.id, vendorEngagements.vendorId)),
    )
    .where(
      and(
        eq(vendorAccounts.tenantId, tenantId),
        eq(vendorEngagements.clientId, clientId),
        isNull(vendorEngagements.archivedAt),
      ),
    );
}

/** The tenant's routine actors, lower-cased. */
export async function routineActorNames(db: Executor, tenantId: string): Promise<Set<string>> {
  const rows = await db
    .select({ actor: routineActors.actor })
    .from(routineActors)
    .where(eq(routineActors.tenantId, tenantId));
  return new Set(rows.map((row) => row.actor.toLowerCase()));
}

/** Vendor names by id, for showing whom a change was attributed to. */
export async function vendorNames(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.tenantId, tenantId), inArray(vendors.id, [...ids])));
  return new Map(rows.map((row) => [row.id, row.name]));
}
