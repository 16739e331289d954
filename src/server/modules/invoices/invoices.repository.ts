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
export type InvoiceInsert = typeof invoices.$inferInsert;
export type ClientRow = typeof clients.$inferSelect;
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

/** An array parameter as one text value, so thousands of ids are one parameter on either engine. */
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The clients in id order; `lock` holds their rows for the transaction, so runs over a client take turns. */
export async function listClients(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
  lock = false,
) {
  const query = db
    .select()
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), inArray(clients.id, [...clientIds])))
    .orderBy(asc(clients.id));
  return lock ? query.for('update') : query;
}

const live = (tenantId: string, clientIds: readonly string[]) =>
  and(
    eq(invoices.tenantId, tenantId),
    inArray(invoices.clientId, [...clientIds]),
    ne(invoices.status, 'void'),
  );

/** The clients' invoices for the month that are not void. */
export async function listLiveInvoices(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
  period: string,
) {
  return db
    .select()
    .from(invoices)
    .where(and(live(tenantId, clientIds), eq(invoices.period, period)));
}

/** Each client's latest invoice before the month that is not void: its pools feed this month's labour. */
export async function listPreviousPools(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
  period: string,
) {
  return db
    .selectDistinctOn([invoices.clientId], {
      clientId: invoices.clientId,
      poolBalances: invoices.poolBalances,
    })
    .from(invoices)
    .where(and(live(tenantId, clientIds), lt(invoices.period, period)))
    .orderBy(asc(invoices.clientId), desc(invoices.period));
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

/** Time of the clients `ofClients` picks, before `before`, that no finalized invoice took. */
const unbilled = (db: Executor, tenantId: string, ofClients: SQL, before: Date) =>
  and(
    eq(timeEntries.tenantId, tenantId),
    isNull(timeEntries.deletedAt),
    ofClients,
    lt(timeEntries.startedAt, before),
    sql`not ${exists(lockedEntry(db))}`,
  );

/**
 * The clients' unbilled time before `before` in start order, each entry with its ticket (read once per
 * ticket, not once per entry).
 */
export async function listUnbilledEntries(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
  before: Date,
) {
  const entries = await db
    .select({ entry: timeEntries, clientId: tickets.clientId })
    .from(timeEntries)
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .where(unbilled(db, tenantId, inArray(tickets.clientId, [...clientIds]), before))
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id));
  const ticketIds = [...new Set(entries.map(({ entry }) => entry.ticketId))];
  const found =
    ticketIds.length === 0
      ? []
      : await db
          .select()
          .from(tickets)
          .where(and(eq(tickets.tenantId, tenantId), sql`${tickets.id} = any(${uuidArray(ticketIds)})`));
  const byId = new Map(found.map((ticket) => [ticket.id, ticket]));
  return entries.map(({ entry, clientId }) => ({ entry, ticket: byId.get(entry.ticketId)!, clientId }));
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
    .where(unbilled(db, scope.tenantId, eq(tickets.clientId, clients.id), before));
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

/** Writes drafts (a rebuilt one keeps its id and creation time: the caller deleted the old row). */
export async function insertDrafts(db: Executor, rows: InvoiceInsert[]) {
  return rows.length === 0 ? [] : db.insert(invoices).values(rows).returning();
}

/** Deletes invoices with their lines and the time they took. */
export async function deleteInvoices(db: Executor, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db.delete(invoices).where(and(eq(invoices.tenantId, tenantId), inArray(invoices.id, [...ids])));
}

/** Writes new drafts' lines and the time they took (at the revision it was classified at). */
export async function insertContents(
  db: Executor,
  tenantId: string,
  lines: Omit<typeof invoiceLines.$inferInsert, 'tenantId'>[],
  entries: { invoiceId: string; timeEntryId: string; revision: number }[],
) {
  // Batches keep each statement's parameters well under PostgreSQL's limit.
  for (let i = 0; i < lines.length; i += 500) {
    await db.insert(invoiceLines).values(lines.slice(i, i + 500).map((line) => ({ ...line, tenantId })));
  }
  if (entries.length === 0) return;
  // Tens of thousands of rows go as three array parameters.
  await db.execute(sql`
    insert into ${invoiceTimeEntries} (tenant_id, invoice_id, time_entry_id, revision)
    select ${tenantId}, e.invoice_id, e.time_entry_id, e.revision
    from unnest(${uuidArray(entries.map((e) => e.invoiceId))}, ${uuidArray(entries.map((e) => e.timeEntryId))},
      ${`{${entries.map((e) => e.revision).join(',')}}`}::int[]) as e(invoice_id, time_entry_id, revision)`);
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
    .where(and(unbilled(db, tenantId, eq(tickets.clientId, clientId), before), sql`not ${exists(taken)}`));
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

/** Every agreement of the client, oldest first. */
export async function listClientsAgreements(db: Executor, tenantId: string, clientIds: readonly string[]) {
  return db
    .select()
    .from(agreements)
    .where(and(eq(agreements.tenantId, tenantId), inArray(agreements.clientId, [...clientIds])))
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
