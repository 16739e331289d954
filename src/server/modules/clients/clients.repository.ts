// Every query on clients, sites and contacts; reads take the request's scope first.
import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import { AppError } from '../../http/app-error.ts';
import type { Scope } from '../../http/scope.ts';
import { clients, contacts, sites } from './clients.table.ts';

export type ClientRow = typeof clients.$inferSelect;
export type SiteRow = typeof sites.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type ClientWithCounts = ClientRow & { siteCount: number; contactCount: number };

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Correlated on the outer "clients" row; written out because inside a subquery Drizzle leaves columns unqualified.
const siteCount = sql<number>`(select count(*)::int from sites s where s.tenant_id = "clients"."tenant_id" and s.client_id = "clients"."id")`;
const contactCount = sql<number>`(select count(*)::int from contacts c where c.tenant_id = "clients"."tenant_id" and c.client_id = "clients"."id")`;

export async function listClients(
  db: Executor,
  scope: Scope,
  filter: { q?: string; archived: 'true' | 'false' | 'any'; limit: number; offset: number },
): Promise<{ items: ClientWithCounts[]; total: number }> {
  const where = and(
    inClientScope(scope, clients.tenantId, clients.id),
    filter.q ? ilike(clients.name, likePattern(filter.q)) : undefined,
    filter.archived === 'true' ? isNotNull(clients.archivedAt) : undefined,
    filter.archived === 'false' ? isNull(clients.archivedAt) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({ client: clients, siteCount, contactCount })
      .from(clients)
      .where(where)
      .orderBy(asc(sql`lower(${clients.name})`), asc(clients.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(clients).where(where),
  ]);
  return {
    items: items.map((row) => ({ ...row.client, siteCount: row.siteCount, contactCount: row.contactCount })),
    total: total?.n ?? 0,
  };
}

export async function findClient(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<ClientWithCounts | undefined> {
  const [row] = await db
    .select({ client: clients, siteCount, contactCount })
    .from(clients)
    .where(and(inClientScope(scope, clients.tenantId, clients.id), eq(clients.id, id)));
  return row && { ...row.client, siteCount: row.siteCount, contactCount: row.contactCount };
}

/** The ids among `ids` that are clients of the tenant (for validating references). */
export async function existingClientIds(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), inArray(clients.id, [...ids])));
  return rows.map((row) => row.id);
}

export async function insertClient(db: Executor, values: typeof clients.$inferInsert): Promise<string> {
  const [row] = await db.insert(clients).values(values).returning({ id: clients.id });
  return row!.id;
}

export async function updateClient(
  db: Executor,
  scope: Scope,
  id: string,
  values: Partial<typeof clients.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(clients)
    .set(values)
    .where(and(inClientScope(scope, clients.tenantId, clients.id), eq(clients.id, id)))
    .returning({ id: clients.id });
  return rows.length > 0;
}

export async function listSites(db: Executor, scope: Scope, clientId: string): Promise<SiteRow[]> {
  return db
    .select()
    .from(sites)
    .where(and(inClientScope(scope, sites.tenantId, sites.clientId), eq(sites.clientId, clientId)))
    .orderBy(asc(sites.name));
}

export async function findSite(db: Executor, scope: Scope, id: string): Promise<SiteRow | undefined> {
  const [row] = await db
    .select()
    .from(sites)
    .where(and(inClientScope(scope, sites.tenantId, sites.clientId), eq(sites.id, id)));
  return row;
}

export async function insertSite(db: Executor, values: typeof sites.$inferInsert): Promise<SiteRow> {
  const [row] = await db.insert(sites).values(values).returning();
  return row!;
}

export async function updateSite(
  db: Executor,
  scope: Scope,
  id: string,
  values: Partial<typeof sites.$inferInsert>,
) {
  const [row] = await db
    .update(sites)
    .set(values)
    .where(and(inClientScope(scope, sites.tenantId, sites.clientId), eq(sites.id, id)))
    .returning();
  return row;
}

export async function deleteSite(db: Executor, scope: Scope, id: string): Promise<boolean> {
  try {
    const rows = await db
      .delete(sites)
      .where(and(inClientScope(scope, sites.tenantId, sites.clientId), eq(sites.id, id)))
      .returning({ id: sites.id });
    return rows.length > 0;
  } catch (error) {
    // Assets and enrollment tokens keep their site.
    if (isForeignKeyViolation(error)) {
      throw new AppError(
        'conflict',
        'Assets or enrollment tokens are at this site: move the assets to another site first.',
      );
    }
    throw error;
  }
}

export async function countContactsAtSite(db: Executor, tenantId: string, siteId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.siteId, siteId)));
  return row?.n ?? 0;
}

export async function listContacts(
  db: Executor,
  scope: Scope,
  clientId: string,
  q: string | undefined,
): Promise<ContactRow[]> {
  const pattern = q ? likePattern(q) : undefined;
  return db
    .select()
    .from(contacts)
    .where(
      and(
        inClientScope(scope, contacts.tenantId, contacts.clientId),
        eq(contacts.clientId, clientId),
        pattern ? or(ilike(contacts.name, pattern), ilike(contacts.email, pattern)) : undefined,
      ),
    )
    .orderBy(asc(contacts.name));
}

export async function findContact(db: Executor, scope: Scope, id: string): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(inClientScope(scope, contacts.tenantId, contacts.clientId), eq(contacts.id, id)));
  return row;
}

export async function insertContact(db: Executor, values: typeof contacts.$inferInsert): Promise<ContactRow> {
  const [row] = await db.insert(contacts).values(values).returning();
  return row!;
}

export async function updateContact(
  db: Executor,
  scope: Scope,
  id: string,
  values: Partial<typeof contacts.$inferInsert>,
) {
  const [row] = await db
    .update(contacts)
    .set(values)
    .where(and(inClientScope(scope, contacts.tenantId, contacts.clientId), eq(contacts.id, id)))
    .returning();
  return row;
}

export async function deleteContact(db: Executor, scope: Scope, id: string): Promise<boolean> {
  try {
    const rows = await db
      .delete(contacts)
      .where(and(inClientScope(scope, contacts.tenantId, contacts.clientId), eq(contacts.id, id)))
      .returning({ id: contacts.id });
    return rows.length > 0;
  } catch (error) {
    // Tickets keep their contact for the record, so a contact named on one stays; so does a portal user's.
    if (isForeignKeyViolation(error)) {
      throw new AppError(
        'conflict',
        'The contact is named on tickets or signs in to the client portal, so it cannot be deleted.',
      );
    }
    throw error;
  }
}

/** The client a new ticket is for, checked against the scope, and its contact checked against the client. */
export async function findClientForTicket(
  db: Executor,
  scope: Scope,
  clientId: string,
  contactId: string | null,
) {
  const [client] = await db
    .select()
    .from(clients)
    .where(and(inClientScope(scope, clients.tenantId, clients.id), eq(clients.id, clientId)));
  if (!client) throw new AppError('client.not_found', 'Client not found.');
  if (contactId) {
    const [contact] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, scope.tenantId),
          eq(contacts.clientId, clientId),
          eq(contacts.id, contactId),
        ),
      );
    if (!contact) {
      throw new AppError('request.invalid', 'The contact does not belong to this client.', [
        { path: ['contactId'], message: 'No such contact at this client' },
      ]);
    }
  }
  return client;
}

/** Who a mail's sender is, for inbound mail: contacts with that address, and clients owning its domain. */
export async function findSenderMatches(db: Executor, tenantId: string, address: string) {
  const lower = address.toLowerCase();
  const domain = lower.slice(lower.lastIndexOf('@') + 1);
  const matchingContacts = await db
    .select({ id: contacts.id, clientId: contacts.clientId, name: contacts.name })
    .from(contacts)
    .innerJoin(clients, and(eq(clients.tenantId, contacts.tenantId), eq(clients.id, contacts.clientId)))
    .where(
      and(
        eq(contacts.tenantId, tenantId),
        sql`lower(${contacts.email}) = ${lower}`,
        isNull(clients.archivedAt),
      ),
    )
    .orderBy(asc(contacts.createdAt));
  const domainClients = await db
    .select({ id: clients.id })
    .from(clients)
    .where(
      and(
        eq(clients.tenantId, tenantId),
        sql`${domain} = any(${clients.emailDomains})`,
        isNull(clients.archivedAt),
      ),
    );
  return { contacts: matchingContacts, domainClientIds: domainClients.map((c) => c.id) };
}

/** A client by id within the tenant (inbound mail acts for the organization, not for a member's scope). */
export async function findClientInTenant(db: Executor, tenantId: string, clientId: string) {
  const [client] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), eq(clients.id, clientId)));
  return client;
}
