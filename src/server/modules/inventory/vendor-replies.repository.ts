// The one-time links a vendor replies to an attribution through, and the changes such a link shows.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assets } from '../assets/assets.table.ts';
import { clients } from '../clients/clients.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { vendors } from '../vendors/vendors.table.ts';
import { assetChanges, vendorReplyLinks } from './inventory.table.ts';

export type VendorReplyLinkRow = typeof vendorReplyLinks.$inferSelect;

export async function insertReplyLink(db: Executor, values: typeof vendorReplyLinks.$inferInsert) {
  await db.insert(vendorReplyLinks).values(values);
}

/** A link by its token's hash, while it is unused and unexpired. */
export async function findLiveReplyLink(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<VendorReplyLinkRow | undefined> {
  const [row] = await db
    .select()
    .from(vendorReplyLinks)
    .where(
      and(
        eq(vendorReplyLinks.tokenHash, tokenHash),
        isNull(vendorReplyLinks.usedAt),
        gt(vendorReplyLinks.expiresAt, now),
      ),
    );
  return row;
}

/** Spends the link; false when another request spent it first. */
export async function useReplyLink(db: Executor, link: VendorReplyLinkRow, now: Date): Promise<boolean> {
  const rows = await db
    .update(vendorReplyLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(vendorReplyLinks.tenantId, link.tenantId),
        eq(vendorReplyLinks.id, link.id),
        isNull(vendorReplyLinks.usedAt),
      ),
    )
    .returning({ id: vendorReplyLinks.id });
  return rows.length === 1;
}

/** The vendor's changes outside a window that the incident holds, oldest first, with their assets. */
export async function attributedChanges(db: Executor, tenantId: string, ticketId: string, vendorId: string) {
  return db
    .select({
      assetName: assets.name,
      kind: assetChanges.kind,
      subject: assetChanges.subject,
      before: assetChanges.before,
      after: assetChanges.after,
      occurredAt: assetChanges.occurredAt,
      outcomeReason: assetChanges.outcomeReason,
    })
    .from(assetChanges)
    .innerJoin(assets, and(eq(assets.tenantId, assetChanges.tenantId), eq(assets.id, assetChanges.assetId)))
    .where(
      and(
        eq(assetChanges.tenantId, tenantId),
        eq(assetChanges.ticketId, ticketId),
        eq(assetChanges.vendorId, vendorId),
        eq(assetChanges.outcome, 'vendor'),
      ),
    )
    .orderBy(asc(assetChanges.occurredAt));
}

/** The incident a link is about: its number and title, its client's and its vendor's names. */
export async function incidentOfLink(db: Executor, link: VendorReplyLinkRow) {
  const [row] = await db
    .select({
      number: tickets.number,
      title: tickets.title,
      clientName: clients.name,
      vendorName: vendors.name,
    })
    .from(tickets)
    .innerJoin(clients, and(eq(clients.tenantId, tickets.tenantId), eq(clients.id, tickets.clientId)))
    .innerJoin(vendors, and(eq(vendors.tenantId, tickets.tenantId), eq(vendors.id, link.vendorId)))
    .where(and(eq(tickets.tenantId, link.tenantId), eq(tickets.id, link.ticketId)));
  return row;
}
