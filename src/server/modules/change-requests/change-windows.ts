// What judging changes and raising alerts need to know about change requests: the approved windows an
// asset was in at a moment. Read inside the caller's transaction.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { authorizingStatuses } from '../../../shared/api/change-requests.ts';
import type { Executor } from '../../db/client.ts';
import { changeRequestAssets, changeRequests } from './change-requests.table.ts';

export interface ApprovedWindow {
  changeRequestId: string;
  number: number;
  vendorId: string | null;
  assetId: string;
  windowStart: Date;
  windowEnd: Date;
}

/** Approved (or started, or completed) windows on these assets that overlap [from, to]. */
export async function approvedWindows(
  db: Executor,
  tenantId: string,
  assetIds: readonly string[],
  from: Date,
  to: Date,
): Promise<ApprovedWindow[]> {
  if (assetIds.length === 0) return [];
  return db
    .select({
      changeRequestId: changeRequests.id,
      number: changeRequests.number,
      vendorId: changeRequests.vendorId,
      assetId: changeRequestAssets.assetId,
      windowStart: changeRequests.windowStart,
      windowEnd: changeRequests.windowEnd,
    })
    .from(changeRequestAssets)
    .innerJoin(
      changeRequests,
      and(
        eq(changeRequests.tenantId, changeRequestAssets.tenantId),
        eq(changeRequests.id, changeRequestAssets.changeRequestId),
      ),
    )
    .where(
      and(
        eq(changeRequestAssets.tenantId, tenantId),
        inArray(changeRequestAssets.assetId, [...assetIds]),
        inArray(changeRequests.status, [...authorizingStatuses]),
        sql`${changeRequests.windowStart} <= ${to.toISOString()}::timestamptz`,
        sql`${changeRequests.windowEnd} >= ${from.toISOString()}::timestamptz`,
      ),
    );
}

/** Whether the asset is in an approved window at `at` (in maintenance: its alerts open no tickets). */
export async function inMaintenance(
  db: Executor,
  tenantId: string,
  assetId: string,
  at: Date,
): Promise<boolean> {
  return (await approvedWindows(db, tenantId, [assetId], at, at)).length > 0;
}
