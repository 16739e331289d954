// An emergency change approved afterwards authorizes what the agents already found in its window: the
// changes on its assets that were judged outside an approved window or unattributed (and not re-judged
// by staff) become authorized, tied to the request, unless the evidence points to another vendor.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assetChanges } from '../inventory/inventory.table.ts';

export async function authorizeChangesInWindow(
  tx: Executor,
  tenantId: string,
  request: { id: string; number: number; vendorId: string | null; windowStart: Date; windowEnd: Date },
  assetIds: readonly string[],
): Promise<number> {
  if (assetIds.length === 0) return 0;
  // A change between two reports may have happened any time after the first: it counts if that span
  // meets the window, as when it was first judged.
  const earliest = sql`case when ${assetChanges.timeFromLog} then ${assetChanges.occurredAt}
    else coalesce(${assetChanges.since}, ${assetChanges.occurredAt}) end`;
  const rows = await tx
    .update(assetChanges)
    .set({
      outcome: 'authorized',
      vendorId: request.vendorId,
      changeRequestId: request.id,
      outcomeReason: `Inside the window of CR-${request.number}, an emergency change approved afterwards`,
    })
    .where(
      and(
        eq(assetChanges.tenantId, tenantId),
        inArray(assetChanges.assetId, [...assetIds]),
        isNull(assetChanges.judgedAt),
        inArray(assetChanges.outcome, ['vendor', 'unattributed']),
        sql`${earliest} <= ${request.windowEnd.toISOString()}::timestamptz`,
        sql`${assetChanges.occurredAt} >= ${request.windowStart.toISOString()}::timestamptz`,
        request.vendorId
          ? or(isNull(assetChanges.vendorId), eq(assetChanges.vendorId, request.vendorId))
          : isNull(assetChanges.vendorId),
      ),
    )
    .returning({ id: assetChanges.id });
  return rows.length;
}
