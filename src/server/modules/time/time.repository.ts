// Every query on work types, time entries and their revisions; entry reads take the request's scope first.
import { and, asc, eq, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { defaultWorkTypes } from '../../../shared/api/time.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import { isNameTaken } from '../../db/unique-name.ts';
import type { Scope } from '../../http/scope.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { invoices, invoiceTimeEntries } from '../invoices/invoices.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { timeEntries, timeEntryRevisions, workTypes } from './time.table.ts';

export type WorkTypeRow = typeof workTypes.$inferSelect;
export type TimeEntryRow = typeof timeEntries.$inferSelect;
export type TimeEntryRevisionRow = typeof timeEntryRevisions.$inferSelect;

/** Gives a new tenant the default work types, inside the tenant-creating transaction. */
export async function seedTenant(db: Executor, tenantId: string): Promise<void> {
  await db
    .insert(workTypes)
    .values(
      defaultWorkTypes.map((name, position) => ({ tenantId, name, position, isOnSite: name === 'On-site' })),
    )
    .onConflictDoNothing();
}

export async function listWorkTypes(
  db: Executor,
  tenantId: string,
  options: { includeArchived: boolean },
): Promise<WorkTypeRow[]> {
  return db
    .select()
    .from(workTypes)
    .where(
      and(
        eq(workTypes.tenantId, tenantId),
        options.includeArchived ? undefined : isNull(workTypes.archivedAt),
      ),
    )
    .orderBy(asc(workTypes.position), asc(workTypes.name));
}

export async function findWorkType(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<WorkTypeRow | undefined> {
  const [row] = await db
    .select()
    .from(workTypes)
    .where(and(eq(workTypes.tenantId, tenantId), eq(workTypes.id, id)));
  return row;
}

/** Names are unique per tenant regardless of case, archived ones included. */
export const isWorkTypeNameTaken = (db: Executor, tenantId: string, name: string, exceptId?: string) =>
  isNameTaken(db, workTypes, tenantId, name, exceptId);

export async function nextWorkTypePosition(db: Executor, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${workTypes.position})` })
    .from(workTypes)
    .where(eq(workTypes.tenantId, tenantId));
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Undefined when the name is taken (a concurrent insert lost the race to the unique index). */
export async function insertWorkType(
  db: Executor,
  values: typeof workTypes.$inferInsert,
): Promise<WorkTypeRow | undefined> {
  const [row] = await db.insert(workTypes).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateWorkType(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<Pick<WorkTypeRow, 'name' | 'isOnSite' | 'position' | 'archivedAt' | 'updatedAt'>>,
): Promise<WorkTypeRow> {
  const [row] = await db
    .update(workTypes)
    .set(values)
    .where(and(eq(workTypes.tenantId, tenantId), eq(workTypes.id, id)))
    .returning();
  return row!;
}

const entryColumns = {
  entry: timeEntries,
  ticket: { clientId: tickets.clientId },
  staffName: identities.name,
  workTypeName: workTypes.name,
};

/** Entries joined to their ticket (for client scope), staff name and work type name. */
function entries(db: Executor) {
  return db
    .select(entryColumns)
    .from(timeEntries)
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, timeEntries.tenantId), eq(memberships.id, timeEntries.staffId)),
    )
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .innerJoin(
      workTypes,
      and(eq(workTypes.tenantId, timeEntries.tenantId), eq(workTypes.id, timeEntries.workTypeId)),
    );
}

export type TimeEntryWithNames = Awaited<ReturnType<ReturnType<typeof entries>['execute']>>[number];

const inScope = (scope: Scope): SQL => inClientScope(scope, tickets.tenantId, tickets.clientId);

/** The ticket's live entries, oldest first. */
export async function listEntries(
  db: Executor,
  scope: Scope,
  ticketId: string,
): Promise<TimeEntryWithNames[]> {
  return entries(db)
    .where(and(inScope(scope), eq(timeEntries.ticketId, ticketId), isNull(timeEntries.deletedAt)))
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id));
}

/**
 * An entry on a ticket the scope can see; deleted ones only with includeDeleted (for history). With
 * forUpdate the entry row stays locked until the transaction ends, serializing edits to one entry.
 */
export async function findEntry(
  db: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean; includeDeleted?: boolean } = {},
): Promise<TimeEntryWithNames | undefined> {
  const where = and(
    inScope(scope),
    eq(timeEntries.id, id),
    options.includeDeleted ? undefined : isNull(timeEntries.deletedAt),
  );
  if (options.forUpdate) {
    await db
      .select({ id: timeEntries.id })
      .from(timeEntries)
      .innerJoin(
        tickets,
        and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)),
      )
      .where(where)
      .for('update', { of: timeEntries });
  }
  const [row] = await entries(db).where(where);
  return row;
}

export async function insertEntry(
  db: Executor,
  values: typeof timeEntries.$inferInsert,
): Promise<TimeEntryRow> {
  const [row] = await db.insert(timeEntries).values(values).returning();
  return row!;
}

export async function updateEntry(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<Omit<TimeEntryRow, 'tenantId' | 'id' | 'ticketId' | 'staffId' | 'createdAt'>>,
): Promise<TimeEntryRow> {
  const [row] = await db
    .update(timeEntries)
    .set(values)
    .where(and(eq(timeEntries.tenantId, tenantId), eq(timeEntries.id, id)))
    .returning();
  return row!;
}

export async function insertRevision(
  db: Executor,
  values: typeof timeEntryRevisions.$inferInsert,
): Promise<void> {
  await db.insert(timeEntryRevisions).values(values);
}

export async function listRevisions(db: Executor, tenantId: string, timeEntryId: string) {
  return db
    .select({ revision: timeEntryRevisions, actorName: identities.name })
    .from(timeEntryRevisions)
    .leftJoin(
      memberships,
      and(
        eq(memberships.tenantId, timeEntryRevisions.tenantId),
        eq(memberships.id, timeEntryRevisions.actorId),
      ),
    )
    .leftJoin(identities, eq(identities.id, memberships.identityId))
    .where(and(eq(timeEntryRevisions.tenantId, tenantId), eq(timeEntryRevisions.timeEntryId, timeEntryId)))
    .orderBy(asc(timeEntryRevisions.revision));
}

/** A client's live entries since a day with their tickets, for classification (block and retainer draws). */
export async function listClientEntriesSince(db: Executor, tenantId: string, clientId: string, since: Date) {
  return db
    .select({ entry: timeEntries, ticket: tickets })
    .from(timeEntries)
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .where(
      and(
        eq(timeEntries.tenantId, tenantId),
        isNull(timeEntries.deletedAt),
        eq(tickets.clientId, clientId),
        gte(timeEntries.startedAt, since),
      ),
    )
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id));
}

/** Whether a finalized invoice holds the entry: it cannot change until that invoice is void. */
export async function isInvoiced(db: Executor, tenantId: string, timeEntryId: string): Promise<boolean> {
  const [row] = await db
    .select({ invoiceId: invoiceTimeEntries.invoiceId })
    .from(invoiceTimeEntries)
    .where(and(eq(invoiceTimeEntries.tenantId, tenantId), eq(invoiceTimeEntries.timeEntryId, timeEntryId)));
  return row !== undefined;
}

/** The finalized invoice that billed each of the entries, by entry id (entries on none are left out). */
export async function findInvoicesOf(db: Executor, tenantId: string, timeEntryIds: readonly string[]) {
  if (timeEntryIds.length === 0) return new Map<string, { id: string; number: string }>();
  const rows = await db
    .select({ timeEntryId: invoiceTimeEntries.timeEntryId, id: invoices.id, number: invoices.number })
    .from(invoiceTimeEntries)
    .innerJoin(
      invoices,
      and(eq(invoices.tenantId, invoiceTimeEntries.tenantId), eq(invoices.id, invoiceTimeEntries.invoiceId)),
    )
    .where(
      and(
        eq(invoiceTimeEntries.tenantId, tenantId),
        inArray(invoiceTimeEntries.timeEntryId, [...timeEntryIds]),
      ),
    );
  return new Map(rows.map((row) => [row.timeEntryId, { id: row.id, number: row.number ?? '' }]));
}
