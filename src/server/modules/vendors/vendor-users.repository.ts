// The vendor's people who sign in to the vendor portal: their membership, identity and vendor.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { vendorUsers } from './vendors.table.ts';

const columns = { membership: memberships, identity: identities, vendorId: vendorUsers.vendorId };

function vendorUserRows(db: Executor) {
  return db
    .select(columns)
    .from(vendorUsers)
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, vendorUsers.tenantId), eq(memberships.id, vendorUsers.membershipId)),
    )
    .innerJoin(identities, eq(identities.id, memberships.identityId));
}
export type VendorUserRow = Awaited<ReturnType<ReturnType<typeof vendorUserRows>['execute']>>[number];

export function listVendorUsers(db: Executor, tenantId: string, vendorId: string) {
  return vendorUserRows(db)
    .where(and(eq(vendorUsers.tenantId, tenantId), eq(vendorUsers.vendorId, vendorId)))
    .orderBy(asc(identities.name), asc(memberships.id));
}

export async function findVendorUser(db: Executor, tenantId: string, membershipId: string) {
  const [row] = await vendorUserRows(db).where(
    and(eq(vendorUsers.tenantId, tenantId), eq(vendorUsers.membershipId, membershipId)),
  );
  return row;
}

export async function insertVendorUser(
  db: Executor,
  values: { tenantId: string; membershipId: string; vendorId: string },
): Promise<void> {
  await db.insert(vendorUsers).values(values);
}
