// A client's people who sign in to the client portal: their membership, identity and contact.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { clientUsers } from './clients.table.ts';

const columns = {
  membership: memberships,
  identity: identities,
  clientId: clientUsers.clientId,
  contactId: clientUsers.contactId,
};

function clientUserRows(db: Executor) {
  return db
    .select(columns)
    .from(clientUsers)
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, clientUsers.tenantId), eq(memberships.id, clientUsers.membershipId)),
    )
    .innerJoin(identities, eq(identities.id, memberships.identityId));
}
export type ClientUserRow = Awaited<ReturnType<ReturnType<typeof clientUserRows>['execute']>>[number];

export function listClientUsers(db: Executor, tenantId: string, clientId: string) {
  return clientUserRows(db)
    .where(and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.clientId, clientId)))
    .orderBy(asc(identities.name), asc(memberships.id));
}

export async function findClientUser(db: Executor, tenantId: string, membershipId: string) {
  const [row] = await clientUserRows(db).where(
    and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.membershipId, membershipId)),
  );
  return row;
}

export async function findClientUserOfContact(db: Executor, tenantId: string, contactId: string) {
  const [row] = await db
    .select({ membershipId: clientUsers.membershipId })
    .from(clientUsers)
    .where(and(eq(clientUsers.tenantId, tenantId), eq(clientUsers.contactId, contactId)));
  return row;
}

/** The client's active company admins in the portal, who hear of its remediation plans by mail. */
export function activeClientAdmins(db: Executor, tenantId: string, clientId: string) {
  return db
    .select({ name: identities.name, email: identities.email })
    .from(clientUsers)
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, clientUsers.tenantId), eq(memberships.id, clientUsers.membershipId)),
    )
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(
      and(
        eq(clientUsers.tenantId, tenantId),
        eq(clientUsers.clientId, clientId),
        eq(memberships.role, 'client_admin'),
        isNull(memberships.deactivatedAt),
      ),
    )
    .orderBy(asc(identities.name));
}

export async function insertClientUser(
  db: Executor,
  values: { tenantId: string; membershipId: string; clientId: string; contactId: string },
): Promise<void> {
  await db.insert(clientUsers).values(values);
}
