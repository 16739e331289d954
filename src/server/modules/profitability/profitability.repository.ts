// Every query of profitability: cost rates, and the invoice lines and time entries of a range of invoice
// months in three statements, read within the request's client scope (another client's invoices are not
// there). Void invoices never count; drafts do.
import { and, asc, between, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { InvoiceLineKind } from '../../../shared/api/invoices.ts';
import type { EntryFact, LineFact } from '../../../shared/billing/profitability.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { clients } from '../clients/clients.table.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { invoiceLines, invoices } from '../invoices/invoices.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { timeEntries } from '../time/time.table.ts';
import { staffCostRates } from './profitability.table.ts';

export type CostRateRow = typeof staffCostRates.$inferSelect;
export type CostRateInsert = typeof staffCostRates.$inferInsert;

const costRateColumns = {
  id: staffCostRates.id,
  membershipId: staffCostRates.membershipId,
  memberName: identities.name,
  effectiveFrom: staffCostRates.effectiveFrom,
  hourlyCostCents: staffCostRates.hourlyCostCents,
  createdAt: staffCostRates.createdAt,
};

/** Every cost rate with its member's name, by member then newest date first. */
export async function listCostRates(db: Executor, tenantId: string) {
  return db
    .select(costRateColumns)
    .from(staffCostRates)
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, staffCostRates.tenantId), eq(memberships.id, staffCostRates.membershipId)),
    )
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(eq(staffCostRates.tenantId, tenantId))
    .orderBy(asc(identities.name), sql`${staffCostRates.effectiveFrom} desc`);
}

export async function findCostRate(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(staffCostRates)
    .where(and(eq(staffCostRates.tenantId, tenantId), eq(staffCostRates.id, id)));
  return row;
}

/** The new rate, or undefined when the member already has one from that date. */
export async function insertCostRate(db: Executor, values: CostRateInsert) {
  const [row] = await db.insert(staffCostRates).values(values).onConflictDoNothing().returning();
  return row;
}

export async function deleteCostRate(db: Executor, tenantId: string, id: string) {
  await db
    .delete(staffCostRates)
    .where(and(eq(staffCostRates.tenantId, tenantId), eq(staffCostRates.id, id)));
}

/** The client, if the scope sees it. */
export async function findClient(db: Executor, scope: Scope, clientId: string) {
  const [row] = await db
    .select({ id: clients.id, name: clients.name, currency: clients.currency })
    .from(clients)
    .where(and(inClientScope(scope, clients.tenantId, clients.id), eq(clients.id, clientId)));
  return row;
}

export interface InvoiceRange {
  from: string;
  to: string;
  clientId?: string;
}

/** Live invoices (drafts and finalized) of the clients the scope sees, invoice months from..to. */
function liveInvoices(scope: Scope, range: InvoiceRange): SQL {
  return and(
    inClientScope(scope, invoices.tenantId, invoices.clientId),
    ne(invoices.status, 'void'),
    between(invoices.period, range.from, range.to),
    range.clientId === undefined ? undefined : eq(invoices.clientId, range.clientId),
  )!;
}

/** The invoices' lines summed per client, currency, month, status and agreement. */
export async function listLineFacts(db: Executor, scope: Scope, range: InvoiceRange): Promise<LineFact[]> {
  return db
    .select({
      clientId: invoices.clientId,
      clientName: clients.name,
      currency: invoices.currency,
      period: invoices.period,
      status: invoices.status,
      agreementId: invoiceLines.agreementId,
      amountCents: sql<number>`coalesce(sum(${invoiceLines.amountCents}), 0)`.mapWith(Number),
      costCents: sql<number>`coalesce(sum(${invoiceLines.costCents}), 0)`.mapWith(Number),
    })
    .from(invoices)
    .innerJoin(clients, and(eq(clients.tenantId, invoices.tenantId), eq(clients.id, invoices.clientId)))
    .innerJoin(
      invoiceLines,
      and(eq(invoiceLines.tenantId, invoices.tenantId), eq(invoiceLines.invoiceId, invoices.id)),
    )
    .where(liveInvoices(scope, range))
    .groupBy(
      invoices.clientId,
      clients.name,
      invoices.currency,
      invoices.period,
      invoices.status,
      invoiceLines.agreementId,
    );
}

export type EntryRow = EntryFact & {
  id: string;
  invoiceId: string;
  startedAt: Date;
  ticketId: string;
  ticketNumber: number;
  ticketTitle: string;
  staffId: string;
  staffName: string;
};

/**
 * The time entries the invoices took (`invoices.time_entry_ids`: billed, covered, absorbed and hidden
 * alike), each with the kinds and first agreement of the invoice's lines that list it, and its member's
 * cost rate in force: the latest with effective_from on or before the entry's start date. That date is
 * the UTC date of `started_at` — cost rates change rarely and at month or pay-period starts, so the few
 * hours around midnight where a local date would differ are not worth a time zone per member.
 * Deleted entries are left out: they left every total when deleted.
 */
export async function listEntryFacts(db: Executor, scope: Scope, range: InvoiceRange): Promise<EntryRow[]> {
  const onLines = sql`from ${invoiceLines} l where l.tenant_id = ${invoices.tenantId} and l.invoice_id = ${invoices.id} and ${timeEntries.id} = any(l.time_entry_ids)`;
  const rows = await db
    .select({
      id: timeEntries.id,
      invoiceId: invoices.id,
      clientId: invoices.clientId,
      clientName: clients.name,
      currency: invoices.currency,
      period: invoices.period,
      status: invoices.status,
      startedAt: timeEntries.startedAt,
      minutes: timeEntries.minutes,
      cause: timeEntries.cause,
      staffId: timeEntries.staffId,
      staffName: identities.name,
      ticketId: tickets.id,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
      entryAgreementId: timeEntries.agreementId,
      ticketAgreementId: tickets.agreementId,
      lineKinds: sql<InvoiceLineKind[] | null>`(select array_agg(distinct l.kind) ${onLines})`,
      lineAgreementId: sql<
        string | null
      >`(select l.agreement_id ${onLines} and l.agreement_id is not null order by l.position limit 1)`,
      hourlyCostCents: sql<number | null>`(
        select r.hourly_cost_cents::int from ${staffCostRates} r
        where r.tenant_id = ${timeEntries.tenantId} and r.membership_id = ${timeEntries.staffId}
          and r.effective_from <= (${timeEntries.startedAt} at time zone 'UTC')::date
        order by r.effective_from desc limit 1)`,
    })
    .from(invoices)
    .innerJoin(clients, and(eq(clients.tenantId, invoices.tenantId), eq(clients.id, invoices.clientId)))
    .innerJoin(
      timeEntries,
      and(
        eq(timeEntries.tenantId, invoices.tenantId),
        sql`${timeEntries.id} = any(${invoices.timeEntryIds})`,
        sql`${timeEntries.deletedAt} is null`,
      ),
    )
    .innerJoin(tickets, and(eq(tickets.tenantId, timeEntries.tenantId), eq(tickets.id, timeEntries.ticketId)))
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, timeEntries.tenantId), eq(memberships.id, timeEntries.staffId)),
    )
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(liveInvoices(scope, range))
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id));
  return rows.map((row) => ({
    ...row,
    lineKinds: row.lineKinds ?? [],
    hourlyCostCents: row.hourlyCostCents === null ? null : Number(row.hourlyCostCents),
  }));
}

/** Names of the organization's agreements by id. */
export async function agreementNames(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: agreements.id, name: agreements.name })
    .from(agreements)
    .where(and(eq(agreements.tenantId, tenantId), inArray(agreements.id, [...ids])));
  return new Map(rows.map((row) => [row.id, row.name]));
}
