// What the assets a ticket names make of its SLA: guaranteed targets hold only for managed, standard
// assets that no coverage hold has taken off managed service. Recorded on the ticket's event when the
// assets are named, so a statement reads the basis as it was then.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { basisOf } from '../../../shared/sla/sla-statement.ts';
import type { Executor } from '../../db/client.ts';
import { assets } from '../assets/assets.table.ts';
import { coverageHolds } from '../vendors/terms.table.ts';

export async function slaBasisOfAssets(db: Executor, tenantId: string, assetIds: readonly string[]) {
  if (assetIds.length === 0) return basisOf([]);
  const rows = await db
    .select({
      isManaged: assets.isManaged,
      isStandard: assets.isStandard,
      isOnHold: sql<boolean>`${coverageHolds.id} is not null`,
    })
    .from(assets)
    .leftJoin(
      coverageHolds,
      and(
        eq(coverageHolds.tenantId, assets.tenantId),
        eq(coverageHolds.assetId, assets.id),
        isNull(coverageHolds.liftedAt),
      ),
    )
    .where(and(eq(assets.tenantId, tenantId), inArray(assets.id, [...assetIds])));
  return basisOf(rows);
}
