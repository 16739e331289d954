// What the vendor portal reads beyond the other modules' services: the vendor's live engagements, the
// changes attributed to it, the assets it may name in a request, and its incidents. Every query names
// the vendor: a vendor's person never reads another vendor's rows.
import { and, asc, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assets } from '../assets/assets.table.ts';
import { changeRequests } from '../change-requests/change-requests.table.ts';
import { clients } from '../clients/clients.table.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { assetChanges } from '../inventory/inventory.table.ts';
import { ticketEvents, tickets } from '../tickets/tickets.table.ts';
import { vendorEngagements, vendorUsers } from '../vendors/vendors.table.ts';

/** The vendor's live engagements, by client name. */
export function liveEngagements(db: Executor, tenantId: string, vendorId: string) {
  return db
    .select({
      id: vendorEngagements.id,
      clientId: vendorEngagements.clientId,
      clientName: clients.name,
      product: vendorEngagements.product,
    })
    .from(vendorEngagements)
    .innerJoin(
      clients,
      and(eq(clients.tenantId, vendorEngagements.tenantId), eq(clients.id, vendorEngagements.clientId)),
    )
    .where(
      and(
        eq(vendorEngagements.tenantId, tenantId),
        eq(vendorEngagements.vendorId, vendorId),
        isNull(vendorEngagements.archivedAt),
      ),
    )
    .orderBy(asc(clients.name), asc(vendorEngagements.product));
}

export async function countOpenRequests(db: Executor, tenantId: string, vendorId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(changeRequests)
    .where(
      and(
        eq(changeRequests.tenantId, tenantId),
        eq(changeRequests.vendorId, vendorId),
        inArray(changeRequests.status, ['requested', 'approved', 'in_progress']),
      ),
    );
  return row?.n ?? 0;
}

/** The changes outside an approved window attributed to the vendor, newest first, with their incidents. */
export function attributedChanges(db: Executor, tenantId: string, vendorId: string, limit: number) {
  const lastReply = db
    .select({ ticketId: ticketEvents.ticketId, at: max(ticketEvents.occurredAt).as('at') })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.tenantId, tenantId),
        eq(ticketEvents.type, 'vendor_reply'),
        sql`${ticketEvents.data}->>'vendorId' = ${vendorId}`,
      ),
    )
    .groupBy(ticketEvents.ticketId)
    .as('last_reply');
  return db
    .select({
      id: assetChanges.id,
      clientName: clients.name,
      assetName: assets.name,
      kind: assetChanges.kind,
      subject: assetChanges.subject,
      before: assetChanges.before,
      after: assetChanges.after,
      occurredAt: assetChanges.occurredAt,
      outcomeReason: assetChanges.outcomeReason,
      ticketId: assetChanges.ticketId,
      ticketNumber: tickets.number,
      repliedAt: lastReply.at,
    })
    .from(assetChanges)
    .innerJoin(assets, and(eq(assets.tenantId, assetChanges.tenantId), eq(assets.id, assetChanges.assetId)))
    .innerJoin(clients, and(eq(clients.tenantId, assets.tenantId), eq(clients.id, assets.clientId)))
    .leftJoin(
      tickets,
      and(eq(tickets.tenantId, assetChanges.tenantId), eq(tickets.id, assetChanges.ticketId)),
    )
    .leftJoin(lastReply, eq(lastReply.ticketId, assetChanges.ticketId))
    .where(
      and(
        eq(assetChanges.tenantId, tenantId),
        eq(assetChanges.vendorId, vendorId),
        eq(assetChanges.outcome, 'vendor'),
      ),
    )
    .orderBy(desc(assetChanges.occurredAt), desc(assetChanges.id))
    .limit(limit);
}

export async function countAttributedSince(db: Executor, tenantId: string, vendorId: string, since: Date) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assetChanges)
    .where(
      and(
        eq(assetChanges.tenantId, tenantId),
        eq(assetChanges.vendorId, vendorId),
        eq(assetChanges.outcome, 'vendor'),
        sql`${assetChanges.occurredAt} >= ${since.toISOString()}`,
      ),
    );
  return row?.n ?? 0;
}

/** The client's current assets, for naming in a request. */
export function currentAssets(db: Executor, tenantId: string, clientId: string) {
  return db
    .select({ id: assets.id, name: assets.name, type: assets.type })
    .from(assets)
    .where(and(eq(assets.tenantId, tenantId), eq(assets.clientId, clientId), isNull(assets.archivedAt)))
    .orderBy(asc(assets.name), asc(assets.id));
}

/** The vendor's incident: a ticket its changes outside an approved window opened. */
export async function findIncident(db: Executor, tenantId: string, vendorId: string, ticketId: string) {
  const [row] = await db
    .select({ id: tickets.id, clientId: tickets.clientId })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId), eq(tickets.vendorId, vendorId)));
  return row;
}

/** The active vendor's person of the tenant who signs in with this email, with their vendor. */
export async function vendorPersonByEmail(db: Executor, tenantId: string, email: string) {
  const [row] = await db
    .select({
      identityId: identities.id,
      name: identities.name,
      membershipId: memberships.id,
      vendorId: vendorUsers.vendorId,
    })
    .from(identities)
    .innerJoin(memberships, eq(memberships.identityId, identities.id))
    .innerJoin(
      vendorUsers,
      and(eq(vendorUsers.tenantId, memberships.tenantId), eq(vendorUsers.membershipId, memberships.id)),
    )
    .where(
      and(
        sql`lower(${identities.email}) = ${email.toLowerCase()}`,
        eq(memberships.tenantId, tenantId),
        eq(memberships.role, 'vendor'),
        isNull(memberships.deactivatedAt),
      ),
    );
  return row;
}
