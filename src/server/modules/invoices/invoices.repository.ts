// Every query on invoices, their lines and locked time, and the billing settings. Invoices are read within
// the request's client scope: an invoice of a client outside it is missing.
import {
  and,
  asc,
  desc,
  eq,
  exists,
  gt,
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
import { intArray, uuidArray } from '../../db/array-params.ts';
import type { Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { agreementLines, agreements } from '../agreements/agreements.table.ts';
import { catalogItems, taxCodes } from '../catalog/catalog.table.ts';
import { clients, sites } from '../clients/clients.table.ts';
import { identities, memberships, tenants } from '../identity/identity.table.ts';
import { serviceCredits } from '../sla-statements/sla-statements.table.ts';
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

export async function listClients(db: Executor, tenantId: string, clientIds: readonly string[]) {
  return db
    .select()
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), inArray(clients.id, [...clientIds])));
}

const live = (tenantId: string, clientIds: readonly string[]) =>
  and(
    eq(invoices.tenantId, tenantId),
    inArray(invoices.clientId, [...clientIds]),
    ne(invoices.status, 'void'),
  );

/** The clients' invoices for the month that are not void (what a run needs to know of them). */
export async function listLiveInvoices(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
  period: string,
) {
  return db
    .select({ clientId: invoices.clientId, status: invoices.status })
    .from(invoices)
    .where(and(live(tenantId, clientIds), eq(invoices.period, period)));
}

/**
 * Holds the client's row for the transaction, so runs over a client take turns, and reads its live
 * invoice for the month; undefined when there is no such client.
 */
export async function lockClientMonth(db: Executor, tenantId: string, clientId: string, period: string) {
  const [row] = await db
    .select({
      invoice: {
        id: invoices.id,
        status: invoices.status,
        totalCents: invoices.totalCents,
        createdAt: invoices.createdAt,
      },
    })
    .from(clients)
    .leftJoin(
      invoices,
      and(
        eq(invoices.tenantId, clients.tenantId),
        eq(invoices.clientId, clients.id),
        eq(invoices.period, period),
        ne(invoices.status, 'void'),
      ),
    )
    .where(and(eq(clients.tenantId, tenantId), eq(clients.id, clientId)))
    .for('update', { of: clients });
  return row;
}

/**
 * Each client's latest invoice before the month that is not void: its pools feed this month's labour and
 * the credit it carried is taken off this month's invoice.
 */
export async function listPreviousInvoices(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
  period: string,
) {
  return db
    .selectDistinctOn([invoices.clientId], {
      clientId: invoices.clientId,
      period: invoices.period,
      number: invoices.number,
      poolBalances: invoices.poolBalances,
      creditCarriedCents: invoices.creditCarriedCents,
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

/** The invoices' lines, each invoice's in order. */
export async function listLines(db: Executor, tenantId: string, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return [];
  return db
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.tenantId, tenantId), inArray(invoiceLines.invoiceId, [...invoiceIds])))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
}

/** Writes a draft (a rebuilt one keeps its id and creation time: the caller deleted the old row). */
export async function insertDraft(db: Executor, values: InvoiceInsert) {
  const [row] = await db
    .insert(invoices)
    .values(values)
    .returning({ id: invoices.id, totalCents: invoices.totalCents });
  return row!;
}

/** Deletes invoices with their lines and the time they took. */
export async function deleteInvoices(db: Executor, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db.delete(invoices).where(and(eq(invoices.tenantId, tenantId), inArray(invoices.id, [...ids])));
}

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Writes a new draft's lines as one JSON parameter: a run writes thousands of lines, and one value per
 * line is far cheaper to send than one parameter per column.
 */
export async function insertLines(
  db: Executor,
  tenantId: string,
  lines: Omit<typeof invoiceLines.$inferInsert, 'tenantId' | 'id'>[],
) {
  if (lines.length === 0) return;
  const rows = lines.map((line) =>
    Object.fromEntries(
      Object.entries({ ...line, tenantId, id: newId() }).map(([key, value]) => [snakeCase(key), value]),
    ),
  );
  await db.execute(sql`
    insert into ${invoiceLines}
    select * from jsonb_populate_recordset(null::invoice_lines, ${JSON.stringify(rows)}::jsonb)`);
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
export async function countChangedEntries(db: Executor, invoice: InvoiceRow): Promise<number> {
  const taken = sql`unnest(${uuidArray(invoice.timeEntryIds)}, ${intArray(invoice.timeEntryRevisions)}) as taken(id, revision)`;
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(taken)
    .leftJoin(timeEntries, and(eq(timeEntries.tenantId, invoice.tenantId), sql`${timeEntries.id} = taken.id`))
    .where(
      or(
        isNull(timeEntries.id),
        sql`${timeEntries.revision} <> taken.revision`,
        sql`${timeEntries.deletedAt} is not null`,
        exists(lockedEntry(db)),
      ),
    );
  return row!.count;
}

/** Unbilled entries of the client before the draft's month that it did not take (logged since it was built). */
export async function countUntakenEntries(db: Executor, invoice: InvoiceRow): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(timeEntries)
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .where(
      and(
        unbilled(
          db,
          invoice.tenantId,
          eq(tickets.clientId, invoice.clientId),
          new Date(`${invoice.labourThrough}T00:00:00Z`),
        ),
        sql`not (${timeEntries.id} = any(${uuidArray(invoice.timeEntryIds)}))`,
      ),
    );
  return row!.count;
}

/** Finalizing: the invoice's time is its own, billed once and frozen until the invoice is void. */
export async function lockEntries(db: Executor, invoice: InvoiceRow) {
  if (invoice.timeEntryIds.length === 0) return;
  await db.execute(sql`
    insert into ${invoiceTimeEntries} (tenant_id, invoice_id, time_entry_id)
    select ${invoice.tenantId}, ${invoice.id}, unnest(${uuidArray(invoice.timeEntryIds)})`);
}

/** Voiding: the invoice's time is free for the next run. */
export async function unlockEntries(db: Executor, tenantId: string, invoiceId: string) {
  await db
    .delete(invoiceTimeEntries)
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

/** Every agreement of the clients, oldest first. */
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

/** Sets an approved count where the line still has the count the reviewer saw; whether it did. */
export async function approveCount(
  db: Executor,
  tenantId: string,
  change: { agreementLineId: string; quantity: number; effectiveOn: string | null },
): Promise<boolean> {
  const rows = await db
    .update(agreementLines)
    .set({
      previousApprovedQuantity: sql`${agreementLines.approvedQuantity}`,
      approvedQuantity: change.quantity,
      countChangedOn: change.effectiveOn,
    })
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

/**
 * The service credits that stand for the clients' invoice of the month: from an invoicing schedule, not
 * disputed, their dispute window over by `today`, earned in an earlier month, and on no live invoice but
 * the one being rebuilt (a voided invoice frees its credits).
 */
export async function listStandingCredits(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
  period: string,
  today: string,
) {
  if (clientIds.length === 0) return [];
  return db
    .select({ credit: serviceCredits, agreementName: agreements.name, ticketNumber: tickets.number })
    .from(serviceCredits)
    .leftJoin(
      tickets,
      and(eq(tickets.tenantId, serviceCredits.tenantId), eq(tickets.id, serviceCredits.ticketId)),
    )
    .innerJoin(
      agreements,
      and(eq(agreements.tenantId, serviceCredits.tenantId), eq(agreements.id, serviceCredits.agreementId)),
    )
    .leftJoin(
      invoices,
      and(eq(invoices.tenantId, serviceCredits.tenantId), eq(invoices.id, serviceCredits.invoiceId)),
    )
    .where(
      and(
        eq(serviceCredits.tenantId, tenantId),
        inArray(serviceCredits.clientId, [...clientIds]),
        eq(serviceCredits.mode, 'invoice'),
        isNull(serviceCredits.disputeExclusion),
        gt(serviceCredits.amountCents, 0),
        lt(serviceCredits.disputeBy, today),
        lt(serviceCredits.month, period),
        or(isNull(invoices.id), eq(invoices.status, 'void'), eq(invoices.period, period)),
      ),
    )
    .orderBy(asc(serviceCredits.month), asc(serviceCredits.createdAt), asc(serviceCredits.id));
}
export type StandingCredit = Awaited<ReturnType<typeof listStandingCredits>>[number];

/** Ties the credits to the draft they are credited on, after freeing those of the draft it replaces. */
export async function assignCredits(
  db: Executor,
  tenantId: string,
  replacedId: string | null,
  invoiceId: string | null,
  creditIds: readonly string[],
) {
  if (replacedId) {
    await db
      .update(serviceCredits)
      .set({ invoiceId: null })
      .where(and(eq(serviceCredits.tenantId, tenantId), eq(serviceCredits.invoiceId, replacedId)));
  }
  if (invoiceId && creditIds.length > 0) {
    await db
      .update(serviceCredits)
      .set({ invoiceId })
      .where(and(eq(serviceCredits.tenantId, tenantId), inArray(serviceCredits.id, [...creditIds])));
  }
}
