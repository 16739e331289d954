// Every query on the help desk's settings, saved queue views and the staff tickets can be assigned to.
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { StaffRole } from '../../http/permissions.ts';
import type { Scope } from '../../http/scope.ts';
import { membershipClients } from '../clients/clients.table.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { ticketSettings, ticketViews } from './tickets.table.ts';

export type TicketSettingsRow = typeof ticketSettings.$inferSelect;
export type TicketViewRow = typeof ticketViews.$inferSelect;

export const defaultReopenWindowDays = 7;

/** The tenant's settings; a tenant that never changed them has no row and gets the defaults. */
export async function findSettings(db: Executor, tenantId: string): Promise<{ reopenWindowDays: number }> {
  const [row] = await db
    .select({ reopenWindowDays: ticketSettings.reopenWindowDays })
    .from(ticketSettings)
    .where(eq(ticketSettings.tenantId, tenantId));
  return row ?? { reopenWindowDays: defaultReopenWindowDays };
}

export async function findReopenWindowDays(db: Executor, tenantId: string): Promise<number> {
  return (await findSettings(db, tenantId)).reopenWindowDays;
}

export async function saveSettings(
  db: Executor,
  tenantId: string,
  values: { reopenWindowDays: number },
  now: Date,
): Promise<void> {
  await db
    .insert(ticketSettings)
    .values({ tenantId, ...values, updatedAt: now })
    .onConflictDoUpdate({ target: ticketSettings.tenantId, set: { ...values, updatedAt: now } });
}

const viewColumns = { view: ticketViews, ownerName: identities.name };

function viewsWithOwner(db: Executor) {
  return db
    .select(viewColumns)
    .from(ticketViews)
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, ticketViews.tenantId), eq(memberships.id, ticketViews.ownerId)),
    )
    .innerJoin(identities, eq(identities.id, memberships.identityId));
}

export type TicketViewWithOwner = Awaited<ReturnType<ReturnType<typeof viewsWithOwner>['execute']>>[number];

/** The caller's own views and every shared one. */
const visibleTo = (scope: Scope) =>
  and(
    eq(ticketViews.tenantId, scope.tenantId),
    or(eq(ticketViews.ownerId, scope.membershipId), eq(ticketViews.shared, true)),
  );

export async function listViews(db: Executor, scope: Scope): Promise<TicketViewWithOwner[]> {
  return viewsWithOwner(db).where(visibleTo(scope)).orderBy(asc(ticketViews.name), asc(ticketViews.id));
}

export async function findView(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<TicketViewWithOwner | undefined> {
  const [row] = await viewsWithOwner(db).where(and(visibleTo(scope), eq(ticketViews.id, id)));
  return row;
}

export async function insertView(db: Executor, values: typeof ticketViews.$inferInsert): Promise<string> {
  const [row] = await db.insert(ticketViews).values(values).returning({ id: ticketViews.id });
  return row!.id;
}

export async function deleteView(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.delete(ticketViews).where(and(eq(ticketViews.tenantId, tenantId), eq(ticketViews.id, id)));
}

/** Active members in the given roles, by name, with their client scope ('all' or client ids). */
export async function listActiveStaff(db: Executor, tenantId: string, roles: readonly StaffRole[]) {
  if (roles.length === 0) return [];
  const members = await db
    .select({
      id: memberships.id,
      name: identities.name,
      role: memberships.role,
      allClients: memberships.allClients,
    })
    .from(memberships)
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        isNull(memberships.deactivatedAt),
        inArray(memberships.role, [...roles]),
      ),
    )
    .orderBy(asc(identities.name), asc(memberships.id));
  const scoped = members.filter((m) => !m.allClients).map((m) => m.id);
  const links =
    scoped.length === 0
      ? []
      : await db
          .select({ membershipId: membershipClients.membershipId, clientId: membershipClients.clientId })
          .from(membershipClients)
          .where(
            and(eq(membershipClients.tenantId, tenantId), inArray(membershipClients.membershipId, scoped)),
          )
          .orderBy(asc(membershipClients.clientId));
  return members.map((m) => ({
    id: m.id,
    name: m.name,
    role: m.role,
    clientIds: m.allClients
      ? ('all' as const)
      : links.filter((l) => l.membershipId === m.id).map((l) => l.clientId),
  }));
}
