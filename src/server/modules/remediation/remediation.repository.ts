// Every query on remediation plans, their items and notices; and the evidence and events they count.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { assets } from '../assets/assets.table.ts';
import { changeRequests } from '../change-requests/change-requests.table.ts';
import { clients } from '../clients/clients.table.ts';
import { memberNameSql } from '../identity/index.ts';
import { assetChanges } from '../inventory/inventory.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { vendors } from '../vendors/vendors.table.ts';
import { remediationItems, remediationNotices, remediationPlans } from './remediation.table.ts';

export type PlanRow = typeof remediationPlans.$inferSelect;
export type ItemRow = typeof remediationItems.$inferSelect;
export type NoticeRow = typeof remediationNotices.$inferSelect;

function plansQuery(db: Executor) {
  return db
    .select({
      plan: remediationPlans,
      clientName: clients.name,
      vendorName: vendors.name,
      filedByName: memberNameSql(remediationPlans.tenantId, remediationPlans.filedById),
      respondedByName: memberNameSql(remediationPlans.tenantId, remediationPlans.respondedById),
    })
    .from(remediationPlans)
    .innerJoin(
      clients,
      and(eq(clients.tenantId, remediationPlans.tenantId), eq(clients.id, remediationPlans.clientId)),
    )
    .leftJoin(
      vendors,
      and(eq(vendors.tenantId, remediationPlans.tenantId), eq(vendors.id, remediationPlans.vendorId)),
    );
}
export type PlanWithNames = Awaited<ReturnType<ReturnType<typeof plansQuery>['execute']>>[number];

/** Open plans first (soonest end first), then decided ones, newest first. */
export function listPlans(
  db: Executor,
  scope: Scope,
  filter: { clientId?: string; state?: 'open' | 'decided' | 'all'; id?: string },
) {
  return plansQuery(db)
    .where(
      and(
        // A vendor's person sees the plans about its vendor; everyone else, the plans of the clients they see.
        scope.vendorId
          ? and(
              eq(remediationPlans.tenantId, scope.tenantId),
              eq(remediationPlans.direction, 'msp_to_vendor'),
              eq(remediationPlans.vendorId, scope.vendorId),
            )
          : inClientScope(scope, remediationPlans.tenantId, remediationPlans.clientId),
        filter.id ? eq(remediationPlans.id, filter.id) : undefined,
        filter.clientId ? eq(remediationPlans.clientId, filter.clientId) : undefined,
        filter.state === 'open' ? isNull(remediationPlans.decidedAt) : undefined,
        filter.state === 'decided' ? isNotNull(remediationPlans.decidedAt) : undefined,
      ),
    )
    .orderBy(
      sql`${remediationPlans.decidedAt} is not null`,
      asc(remediationPlans.endsOn),
      desc(remediationPlans.filedAt),
    );
}

/** The plan, locked for the transaction with forUpdate. */
export async function findPlan(db: Executor, scope: Scope, id: string, options = { forUpdate: false }) {
  if (options.forUpdate) {
    await db
      .select({ id: remediationPlans.id })
      .from(remediationPlans)
      .where(and(eq(remediationPlans.tenantId, scope.tenantId), eq(remediationPlans.id, id)))
      .for('update');
  }
  const [row] = await listPlans(db, scope, { id, state: 'all' });
  return row;
}

export async function insertPlan(db: Executor, values: typeof remediationPlans.$inferInsert) {
  const [row] = await db.insert(remediationPlans).values(values).returning({ id: remediationPlans.id });
  return row!.id;
}

export async function updatePlan(db: Executor, tenantId: string, id: string, values: Partial<PlanRow>) {
  await db
    .update(remediationPlans)
    .set(values)
    .where(and(eq(remediationPlans.tenantId, tenantId), eq(remediationPlans.id, id)));
}

export function itemsOf(db: Executor, tenantId: string, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(remediationItems)
    .where(and(eq(remediationItems.tenantId, tenantId), inArray(remediationItems.planId, [...planIds])))
    .orderBy(asc(remediationItems.position));
}

export async function insertItems(db: Executor, values: (typeof remediationItems.$inferInsert)[]) {
  await db.insert(remediationItems).values(values);
}

export async function findItem(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(remediationItems)
    .where(and(eq(remediationItems.tenantId, tenantId), eq(remediationItems.id, id)));
  return row;
}

export async function updateItem(db: Executor, tenantId: string, id: string, values: Partial<ItemRow>) {
  await db
    .update(remediationItems)
    .set(values)
    .where(and(eq(remediationItems.tenantId, tenantId), eq(remediationItems.id, id)));
}

/** Records that a notice was announced; answers whether it was new. */
export async function recordNotice(db: Executor, values: typeof remediationNotices.$inferInsert) {
  const rows = await db
    .insert(remediationNotices)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: remediationNotices.id });
  return rows.length > 0;
}

/** Every plan not yet decided, across tenants (the sweep's work), with its client's name. */
export function openPlans(db: Executor) {
  return db
    .select({ plan: remediationPlans, clientName: clients.name })
    .from(remediationPlans)
    .innerJoin(
      clients,
      and(eq(clients.tenantId, remediationPlans.tenantId), eq(clients.id, remediationPlans.clientId)),
    )
    .where(isNull(remediationPlans.decidedAt));
}

/** The evidence a concern cites, labelled, when it is the client's; what is not the client's is missing. */
export async function evidenceLabels(
  db: Executor,
  tenantId: string,
  clientId: string,
  ids: { ticket: string[]; change_request: string[]; asset_change: string[] },
) {
  const none = Promise.resolve([]);
  const [ticketRows, requestRows, changeRows] = await Promise.all([
    ids.ticket.length
      ? db
          .select({
            id: tickets.id,
            label: sql<string>`'Ticket #' || ${tickets.number} || ': ' || ${tickets.title}`,
          })
          .from(tickets)
          .where(
            and(
              eq(tickets.tenantId, tenantId),
              eq(tickets.clientId, clientId),
              inArray(tickets.id, ids.ticket),
            ),
          )
      : none,
    ids.change_request.length
      ? db
          .select({
            id: changeRequests.id,
            label: sql<string>`'Change request #' || ${changeRequests.number} || ': ' || ${changeRequests.title}`,
          })
          .from(changeRequests)
          .where(
            and(
              eq(changeRequests.tenantId, tenantId),
              eq(changeRequests.clientId, clientId),
              inArray(changeRequests.id, ids.change_request),
            ),
          )
      : none,
    ids.asset_change.length
      ? db
          .select({
            id: assetChanges.id,
            label: sql<string>`'Change on ' || ${assets.name} || ': ' || ${assetChanges.subject}`,
          })
          .from(assetChanges)
          .innerJoin(
            assets,
            and(eq(assets.tenantId, assetChanges.tenantId), eq(assets.id, assetChanges.assetId)),
          )
          .where(
            and(
              eq(assetChanges.tenantId, tenantId),
              eq(assets.clientId, clientId),
              inArray(assetChanges.id, ids.asset_change),
            ),
          )
      : none,
  ]);
  return new Map([...ticketRows, ...requestRows, ...changeRows].map((row) => [row.id, row.label]));
}

/** The client's P1 tickets whose first response or resolution breached at or after `since`. */
export function p1BreachesSince(db: Executor, tenantId: string, clientId: string, since: Date) {
  const breachedSince = (clock: string) =>
    sql`(${tickets.sla}->${clock}->>'breachedAt')::timestamptz >= ${since.toISOString()}::timestamptz`;
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      firstResponse: sql<string | null>`${tickets.sla}->'firstResponse'->>'breachedAt'`,
      resolution: sql<string | null>`${tickets.sla}->'resolution'->>'breachedAt'`,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenantId),
        eq(tickets.clientId, clientId),
        eq(tickets.priority, 'P1'),
        or(breachedSince('firstResponse'), breachedSince('resolution')),
      ),
    );
}

/** Incidents opened for a vendor's changes at the client since `since`. */
export function vendorIncidentsSince(
  db: Executor,
  tenantId: string,
  clientId: string,
  vendorId: string,
  since: Date,
) {
  return db
    .select({ id: tickets.id, number: tickets.number, title: tickets.title, openedAt: tickets.openedAt })
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenantId),
        eq(tickets.clientId, clientId),
        eq(tickets.vendorId, vendorId),
        gte(tickets.openedAt, since),
      ),
    );
}
