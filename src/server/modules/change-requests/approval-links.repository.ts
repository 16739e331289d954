// The one-time links a client decides a vendor's change request through, looked up by their token's hash.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { changeApprovalLinks } from './change-requests.table.ts';

export type ApprovalLinkRow = typeof changeApprovalLinks.$inferSelect;

export async function insertApprovalLink(db: Executor, values: typeof changeApprovalLinks.$inferInsert) {
  await db.insert(changeApprovalLinks).values(values);
}

/** A link by its token's hash, while it is unused and unexpired. */
export async function findLiveApprovalLink(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<ApprovalLinkRow | undefined> {
  const [row] = await db
    .select()
    .from(changeApprovalLinks)
    .where(
      and(
        eq(changeApprovalLinks.tokenHash, tokenHash),
        isNull(changeApprovalLinks.usedAt),
        gt(changeApprovalLinks.expiresAt, now),
      ),
    );
  return row;
}

/** Spends the link; false when another request spent it first. */
export async function useApprovalLink(db: Executor, link: ApprovalLinkRow, now: Date): Promise<boolean> {
  const rows = await db
    .update(changeApprovalLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(changeApprovalLinks.tenantId, link.tenantId),
        eq(changeApprovalLinks.id, link.id),
        isNull(changeApprovalLinks.usedAt),
      ),
    )
    .returning({ id: changeApprovalLinks.id });
  return rows.length === 1;
}
