// The one-time links a vendor replies to an attribution through, and the incident and changes one shows.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { oneTimeLinks } from '../../db/one-time-links.ts';
import { assets } from '../assets/assets.table.ts';
import { clients } from '../clients/clients.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { vendors } from '../vendors/vendors.table.ts';
import { assetChanges, vendorReplyLinks } from './inventory.table.ts';

export const replyLinks = oneTimeLinks(vendorReplyLinks);
export type VendorReplyLinkRow = typeof vendorReplyLinks.$inferSelect;

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
