// Every query on invoices, their lines and locked time, and the billing settings. Invoices are read within
// the request's client scope: an invoice of a client outside it is missing.
import {
  and,
  asc,
  desc,
  eq,
  exists,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { InvoiceListQuery } from '../../../shared/api/invoices.ts';
import { monthBounds } from '../../../shared/billing/invoice-math.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { agreementLines, agreements } from '../agreements/agreements.table.ts';
import { catalogItems, taxCodes } from '../catalog/catalog.table.ts';
import { clients, sites } from '../clients/clients.table.ts';
import { identities, memberships, tenants } from '../identity/identity.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { timeEntries } from '../time/time.table.ts';
import { billingSettings, invoiceLines, invoices, invoiceTimeEntries } from './invoices.table.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type SettingsRow = typeof billingSettings.$inferSelect;

/** The organization's billing settings, made with their defaults on first use; `lock` holds the row. */
export async function getSettings(db: Executor, tenantId: string, lock = false): Promise<SettingsRow> {
  await db.insert(billingSettings).values({ tenantId }).onConflictDoNothing();
  const query = db.select().from(billingSettings).where(eq(billingSettings.tenantId, tenantId));
  const [row] = lock ? await query.for('update') : await query;
  return row!;
}

export async function updateSettings(
  db: Executor,
  tenantId: string,
  values: Partial<Omit<SettingsRow, 'tenantId'>>,
): Promise<SettingsRow> {
  const [row] = await db
    .update(billingSettings)
    .set(values)
    .where(eq(billingSettings.tenantId, tenantId))
    .returning();
  return row!;
}

/** Holds the client's row for the transaction: runs for one client take turns. */
export async function lockClient(db: Executor, tenantId: string, clientId: string) {
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), eq(clients.id, clientId)))
    .for('update');
  return row;
}

const liveOfClient = (tenantId: string, clientId: string) =>
  and(eq(invoices.tenantId, tenantId), eq(invoices.clientId, clientId), ne(invoices.status, 'void'));

/** The client's invoice for the month that is not void. */
export async function findLiveInvoice(db: Executor, tenantId: string, clientId: string, period: string) {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(liveOfClient(tenantId, clientId), eq(invoices.period, period)));
  return row;
}

/** The client's latest invoice before the month that is not void: its pools feed this month's labour. */
export async function findPreviousInvoice(db: Executor, tenantId: string, clientId: string, period: string) {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(liveOfClient(tenantId, clientId), lt(invoices.period, period)))
    .orderBy(desc(invoices.period))
    .limit(1);
  return row;
}

const lockedEntry = (db: Executor) =>
  db
    .select({ one: sql`1` })
    .from(invoiceTimeEntries)
    .where(
      and(
        eq(invoiceTimeEntries.tenantId, timeEntries.tenantId),
        eq(invoiceTimeEntries.timeEntryId, timeEntries.id),
        eq(invoiceTimeEntries.locked, true),
      ),
    );

const unbilledOfClient = (
  db: Executor,
  tenantId: string,
  clientId: string | typeof clients.id,
  before: Date,
) =>
  and(
    eq(timeEntries.tenantId, tenantId),
    isNull(timeEntries.deletedAt),
    eq(tickets.clientId, clientId),
    lt(timeEntries.startedAt, before),
    sql`not ${exists(lockedEntry(db))}`,
  );

/** The client's time before `before` that no finalized invoice took, in start order. */
export async function listUnbilledEntries(db: Executor, tenantId: string, clientId: string, before: Date) {
  return db
    .select({ entry: timeEntries, ticket: tickets })
    .from(timeEntries)
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .where(unbilledOfClient(db, tenantId, clientId, before))
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id));
}

/**
 * The clients a run covers: those named (in scope), or every active client in scope with something to
 * bill for the month — an agreement in force in it, time before it that no finalized invoice took, or a
 * live invoice for it already.
 */
export async function listClientsToRun(db: Executor, scope: Scope, period: string, only?: readonly string[]) {
  const { first, last } = monthBounds(period);
  const before = new Date(`${first}T00:00:00Z`);
  const hasAgreement = db
    .select({ one: sql`1` })
    .from(agreements)
    .where(
      and(
        eq(agreements.tenantId, clients.tenantId),
        eq(agreements.clientId, clients.id),
        lte(agreements.startsOn, last),
        or(isNull(agreements.endsOn), gte(agreements.endsOn, first)),
      ),
    );
  const hasTime = db
    .select({ one: sql`1` })
    .from(timeEntries)
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .where(and(unbilledOfClient(db, scope.tenantId, clients.id, before)));
  const hasInvoice = db
    .select({ one: sql`1` })
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, clients.tenantId),
        eq(invoices.clientId, clients.id),
        eq(invoices.period, period),
        ne(invoices.status, 'void'),
      ),
    );
  const conditions: SQL[] = [inClientScope(scope, clients.tenantId, clients.id)];
  if (only) conditions.push(inArray(clients.id, [...only]));
  else
    conditions.push(
      isNull(clients.archivedAt),
      or(exists(hasAgreement), exists(hasTime), exists(hasInvoice))!,
    );
  return db
    .select({ id: clients.id, name: clients.name })
    .from(clients)
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${clients.name})`), asc(clients.id));
}

const finalizer = {
  invoice: invoices,
  clientName: clients.name,
  finalizedByName: identities.name,
};

function selectInvoices(db: Executor) {
  return db
    .select(finalizer)
    .from(invoices)
    .innerJoin(clients, and(eq(clients.tenantId, invoices.tenantId), eq(clients.id, invoices.clientId)))
    .leftJoin(
      memberships,
      and(eq(memberships.tenantId, invoices.tenantId), eq(memberships.id, invoices.finalizedById)),
    )
    .leftJoin(identities, eq(identities.id, memberships.identityId));
}

export async function listInvoices(db: Executor, scope: Scope, query: InvoiceListQuery) {
  const conditions: SQL[] = [inClientScope(scope, invoices.tenantId, invoices.clientId)];
  if (query.period) conditions.push(eq(invoices.period, query.period));
  if (query.clientId) conditions.push(eq(invoices.clientId, query.clientId));
  if (query.status) conditions.push(eq(invoices.status, query.status));
  return selectInvoices(db)
    .where(and(...conditions))
    .orderBy(desc(invoices.period), asc(sql`lower(${clients.name})`), desc(invoices.createdAt))
    .limit(2000);
}

export async function findInvoice(db: Executor, scope: Scope, id: string) {
  const [row] = await selectInvoices(db).where(
    and(inClientScope(scope, invoices.tenantId, invoices.clientId), eq(invoices.id, id)),
  );
  return row;
}

/** The invoice's row, held for the transaction. */
export async function lockInvoice(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)))
    .for('update');
  return row;
}

export async function listLines(db: Executor, tenantId: string, invoiceId: string) {
  return db
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.tenantId, tenantId), eq(invoiceLines.invoiceId, invoiceId)))
    .orderBy(asc(invoiceLines.position));
}

export async function insertInvoice(db: Executor, values: typeof invoices.$inferInsert) {
  const [row] = await db.insert(invoices).values(values).returning();
  return row!;
}

export async function updateInvoice(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<typeof invoices.$inferInsert>,
) {
  const [row] = await db
    .update(invoices)
    .set(values)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)))
    .returning();
  return row!;
}

/** Replaces a draft's lines and the time it took. */
export async function replaceContents(
  db: Executor,
  tenantId: string,
  invoiceId: string,
  lines: Omit<typeof invoiceLines.$inferInsert, 'tenantId' | 'invoiceId'>[],
  entries: { timeEntryId: string; revision: number }[],
) {
  const ofInvoice = (table: typeof invoiceLines | typeof invoiceTimeEntries) =>
    and(eq(table.tenantId, tenantId), eq(table.invoiceId, invoiceId));
  await db.delete(invoiceLines).where(ofInvoice(invoiceLines));
  await db.delete(invoiceTimeEntries).where(ofInvoice(invoiceTimeEntries));
  // Batches keep each statement's parameters well under PostgreSQL's limit.
  for (let i = 0; i < lines.length; i += 500) {
    await db
      .insert(invoiceLines)
      .values(lines.slice(i, i + 500).map((line) => ({ ...line, tenantId, invoiceId })));
  }
  for (let i = 0; i < entries.length; i += 2000) {
    await db
      .insert(invoiceTimeEntries)
      .values(entries.slice(i, i + 2000).map((entry) => ({ ...entry, tenantId, invoiceId })));
  }
}

/** Entries the draft took whose time changed, was deleted or was invoiced elsewhere since. */
export async function countChangedEntries(
  db: Executor,
  tenantId: string,
  invoiceId: string,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(invoiceTimeEntries)
    .innerJoin(
      timeEntries,
      and(
        eq(timeEntries.tenantId, invoiceTimeEntries.tenantId),
        eq(timeEntries.id, invoiceTimeEntries.timeEntryId),
      ),
    )
    .where(
      and(
        eq(invoiceTimeEntries.tenantId, tenantId),
        eq(invoiceTimeEntries.invoiceId, invoiceId),
        or(
          ne(timeEntries.revision, invoiceTimeEntries.revision),
          sql`${timeEntries.deletedAt} is not null`,
          exists(lockedEntry(db)),
        ),
      ),
    );
  return row!.count;
}

/** Unbilled entries of the client before `before` that the draft did not take (logged since it was built). */
export async function countUntakenEntries(
  db: Executor,
  tenantId: string,
  clientId: string,
  invoiceId: string,
  before: Date,
): Promise<number> {
  const taken = db
    .select({ one: sql`1` })
    .from(invoiceTimeEntries)
    .where(
      and(
        eq(invoiceTimeEntries.tenantId, timeEntries.tenantId),
        eq(invoiceTimeEntries.invoiceId, invoiceId),
        eq(invoiceTimeEntries.timeEntryId, timeEntries.id),
      ),
    );
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(timeEntries)
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .where(and(unbilledOfClient(db, tenantId, clientId, before), sql`not ${exists(taken)}`));
  return row!.count;
}

export async function setEntriesLocked(db: Executor, tenantId: string, invoiceId: string, locked: boolean) {
  await db
    .update(invoiceTimeEntries)
    .set({ locked })
    .where(and(eq(invoiceTimeEntries.tenantId, tenantId), eq(invoiceTimeEntries.invoiceId, invoiceId)));
}

/** An earlier draft of the client: invoices are finalized in month order, since each feeds the next. */
export async function findEarlierDraft(db: Executor, tenantId: string, clientId: string, period: string) {
  const [row] = await db
    .select({ period: invoices.period })
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, tenantId),
        eq(invoices.clientId, clientId),
        lt(invoices.period, period),
        eq(invoices.status, 'draft'),
      ),
    )
    .limit(1);
  return row;
}

export async function deleteInvoice(db: Executor, tenantId: string, id: string) {
  await db.delete(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)));
}

/** Every agreement of the client, oldest first. */
export async function listClientAgreements(db: Executor, tenantId: string, clientId: string) {
  return db
    .select()
    .from(agreements)
    .where(and(eq(agreements.tenantId, tenantId), eq(agreements.clientId, clientId)))
    .orderBy(asc(agreements.startsOn), asc(agreements.id));
}

export async function listAgreementLines(db: Executor, tenantId: string, agreementIds: readonly string[]) {
  if (agreementIds.length === 0) return [];
  return db
    .select()
    .from(agreementLines)
    .where(and(eq(agreementLines.tenantId, tenantId), inArray(agreementLines.agreementId, [...agreementIds])))
    .orderBy(asc(agreementLines.agreementId), asc(agreementLines.position));
}

/** Catalog items by id with their tax code's name and rate. */
export async function listItemsWithTax(db: Executor, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ item: catalogItems, taxCodeName: taxCodes.name, taxRateBasisPoints: taxCodes.rateBasisPoints })
    .from(catalogItems)
    .innerJoin(
      taxCodes,
      and(eq(taxCodes.tenantId, catalogItems.tenantId), eq(taxCodes.id, catalogItems.taxCodeId)),
    )
    .where(and(eq(catalogItems.tenantId, tenantId), inArray(catalogItems.id, [...new Set(ids)])));
}

/** Sets approved counts where the line still has the count the reviewer saw; returns the lines it set. */
export async function approveCount(
  db: Executor,
  tenantId: string,
  change: { agreementLineId: string; quantity: number },
): Promise<boolean> {
  const rows = await db
    .update(agreementLines)
    .set({ approvedQuantity: change.quantity })
    .where(
      and(
        eq(agreementLines.tenantId, tenantId),
        eq(agreementLines.id, change.agreementLineId),
        eq(agreementLines.quantity, change.quantity),
      ),
    )
    .returning({ id: agreementLines.id });
  return rows.length > 0;
}

/** The number of an invoice whose sequence is at or above `sequence`, if any. */
export async function findUsedSequence(db: Executor, tenantId: string, sequence: number) {
  const [row] = await db
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), gte(invoices.sequence, sequence)))
    .limit(1);
  return row?.number;
}

/** Who the invoice is from and to: the organization's name, the client's first site's address. */
export async function findParties(db: Executor, tenantId: string, clientId: string) {
  const [organization] = await db
    .select({ name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  const [site] = await db
    .select({ address: sites.address })
    .from(sites)
    .where(and(eq(sites.tenantId, tenantId), eq(sites.clientId, clientId)))
    .orderBy(asc(sites.createdAt))
    .limit(1);
  return { organizationName: organization?.name ?? '', clientAddress: site?.address ?? '' };
}
