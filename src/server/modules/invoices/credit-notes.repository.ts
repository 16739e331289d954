// Every query on credit notes and their lines. Credit notes are read within the request's client scope: one
// of a client outside it is missing.
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { CreditNoteListQuery } from '../../../shared/api/credit-notes.ts';
import { monthBounds } from '../../../shared/billing/invoice-math.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { clients } from '../clients/clients.table.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { creditNoteLines, creditNotes, invoices } from './invoices.table.ts';

export type CreditNoteRow = typeof creditNotes.$inferSelect;

function selectCreditNotes(db: Executor) {
  return db
    .select({
      creditNote: creditNotes,
      clientName: clients.name,
      invoiceNumber: invoices.number,
      issuedByName: identities.name,
    })
    .from(creditNotes)
    .innerJoin(clients, and(eq(clients.tenantId, creditNotes.tenantId), eq(clients.id, creditNotes.clientId)))
    .innerJoin(
      invoices,
      and(eq(invoices.tenantId, creditNotes.tenantId), eq(invoices.id, creditNotes.invoiceId)),
    )
    .leftJoin(
      memberships,
      and(eq(memberships.tenantId, creditNotes.tenantId), eq(memberships.id, creditNotes.issuedById)),
    )
    .leftJoin(identities, eq(identities.id, memberships.identityId));
}
export type FoundCreditNote = NonNullable<Awaited<ReturnType<typeof findCreditNote>>>;

export async function listCreditNotes(db: Executor, scope: Scope, query: CreditNoteListQuery) {
  const conditions: SQL[] = [inClientScope(scope, creditNotes.tenantId, creditNotes.clientId)];
  if (query.period) {
    const { first, last } = monthBounds(query.period);
    conditions.push(gte(creditNotes.issuedOn, first), lte(creditNotes.issuedOn, last));
  }
  if (query.invoiceId) conditions.push(eq(creditNotes.invoiceId, query.invoiceId));
  if (query.clientId) conditions.push(eq(creditNotes.clientId, query.clientId));
  return selectCreditNotes(db)
    .where(and(...conditions))
    .orderBy(desc(creditNotes.sequence))
    .limit(2000);
}

export async function findCreditNote(db: Executor, scope: Scope, id: string) {
  const [row] = await selectCreditNotes(db).where(
    and(inClientScope(scope, creditNotes.tenantId, creditNotes.clientId), eq(creditNotes.id, id)),
  );
  return row;
}

export async function listCreditNoteLines(db: Executor, tenantId: string, creditNoteIds: readonly string[]) {
  if (creditNoteIds.length === 0) return [];
  return db
    .select()
    .from(creditNoteLines)
    .where(
      and(eq(creditNoteLines.tenantId, tenantId), inArray(creditNoteLines.creditNoteId, [...creditNoteIds])),
    )
    .orderBy(asc(creditNoteLines.creditNoteId), asc(creditNoteLines.position));
}

/** The invoices' credit notes, oldest first. */
export async function listInvoiceCreditNotes(db: Executor, tenantId: string, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return [];
  return db
    .select({
      invoiceId: creditNotes.invoiceId,
      id: creditNotes.id,
      number: creditNotes.number,
      issuedOn: creditNotes.issuedOn,
      totalCents: creditNotes.totalCents,
    })
    .from(creditNotes)
    .where(and(eq(creditNotes.tenantId, tenantId), inArray(creditNotes.invoiceId, [...invoiceIds])))
    .orderBy(asc(creditNotes.sequence));
}

/** What credit notes have credited of each of the invoices' lines, by line id. */
export async function creditedByLine(db: Executor, tenantId: string, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({
      invoiceLineId: creditNoteLines.invoiceLineId,
      cents: sql<number>`sum(${creditNoteLines.amountCents})::bigint`.mapWith(Number),
    })
    .from(creditNoteLines)
    .innerJoin(
      creditNotes,
      and(
        eq(creditNotes.tenantId, creditNoteLines.tenantId),
        eq(creditNotes.id, creditNoteLines.creditNoteId),
      ),
    )
    .where(and(eq(creditNotes.tenantId, tenantId), inArray(creditNotes.invoiceId, [...invoiceIds])))
    .groupBy(creditNoteLines.invoiceLineId);
  return new Map(rows.map((row) => [row.invoiceLineId, row.cents]));
}

export async function insertCreditNote(
  db: Executor,
  values: typeof creditNotes.$inferInsert,
  lines: Omit<typeof creditNoteLines.$inferInsert, 'tenantId' | 'creditNoteId'>[],
) {
  const [row] = await db.insert(creditNotes).values(values).returning();
  await db
    .insert(creditNoteLines)
    .values(lines.map((line) => ({ ...line, tenantId: values.tenantId, creditNoteId: row!.id })));
  return row!;
}
