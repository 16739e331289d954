// Queries of SLA statements: the agreement a statement is about, closed statements and explanations.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { SlaClockName } from '../../../shared/api/sla-statements.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { agreementLines, agreements } from '../agreements/agreements.table.ts';
import { findCurrentCalendar } from '../calendars/index.ts';
import { clients } from '../clients/clients.table.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { invoices } from '../invoices/invoices.table.ts';
import { findCurrentSlaPolicy } from '../sla-policies/index.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { serviceCredits, slaBreachExplanations, slaStatements } from './sla-statements.table.ts';

/** The agreement in the caller's scope with its client's name, locked until the transaction ends with forUpdate. */
export async function findAgreement(db: Executor, scope: Scope, id: string, options = { forUpdate: false }) {
  const query = db
    .select({
      id: agreements.id,
      name: agreements.name,
      clientId: agreements.clientId,
      clientName: clients.name,
      startsOn: agreements.startsOn,
      currency: agreements.currency,
      penaltySchedule: agreements.penaltySchedule,
      slaPolicyId: sql<string | null>`coalesce(${agreements.slaPolicyId}, ${clients.defaultSlaPolicyId})`,
    })
    .from(agreements)
    .innerJoin(clients, and(eq(clients.tenantId, agreements.tenantId), eq(clients.id, agreements.clientId)))
    .where(and(inClientScope(scope, agreements.tenantId, agreements.clientId), eq(agreements.id, id)));
  const [row] = await (options.forUpdate ? query.for('update', { of: agreements }) : query);
  return row;
}
export type StatementAgreement = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;

/**
 * The SLA policy the agreement's tickets are measured under (its own, else the client's default) and the
 * zone months are read in: that of the calendar the policy runs on, UTC without one.
 */
export async function measureOf(db: Executor, tenantId: string, slaPolicyId: string | null) {
  const policy = slaPolicyId ? await findCurrentSlaPolicy(db, tenantId, slaPolicyId) : undefined;
  const calendar = policy ? await findCurrentCalendar(db, tenantId, policy.version.calendarId) : undefined;
  return { policyName: policy?.policy.name ?? null, timeZone: calendar?.version.timeZone ?? 'UTC' };
}

/** The agreement's closed statements, oldest first, with who closed each. */
export async function listClosed(db: Executor, tenantId: string, agreementId: string) {
  return db
    .select({ statement: slaStatements, closedByName: identities.name })
    .from(slaStatements)
    .leftJoin(
      memberships,
      and(eq(memberships.tenantId, slaStatements.tenantId), eq(memberships.id, slaStatements.closedById)),
    )
    .leftJoin(identities, eq(identities.id, memberships.identityId))
    .where(and(eq(slaStatements.tenantId, tenantId), eq(slaStatements.agreementId, agreementId)))
    .orderBy(asc(slaStatements.month));
}
export type ClosedStatement = Awaited<ReturnType<typeof listClosed>>[number];

export async function insertStatement(db: Executor, values: typeof slaStatements.$inferInsert) {
  await db.insert(slaStatements).values(values);
}

/** The explanations of the tickets' breaches, by "ticketId/clock". */
export async function explanationsOf(db: Executor, tenantId: string, ticketIds: readonly string[]) {
  if (ticketIds.length === 0) return {};
  const rows = await db
    .select({
      ticketId: slaBreachExplanations.ticketId,
      clock: slaBreachExplanations.clock,
      text: slaBreachExplanations.text,
      at: slaBreachExplanations.updatedAt,
      byName: identities.name,
    })
    .from(slaBreachExplanations)
    .innerJoin(
      memberships,
      and(
        eq(memberships.tenantId, slaBreachExplanations.tenantId),
        eq(memberships.id, slaBreachExplanations.authorId),
      ),
    )
    .innerJoin(identities, eq(identities.id, memberships.identityId))
    .where(
      and(
        eq(slaBreachExplanations.tenantId, tenantId),
        inArray(slaBreachExplanations.ticketId, [...ticketIds]),
      ),
    );
  return Object.fromEntries(
    rows.map((row) => [
      `${row.ticketId}/${row.clock}`,
      { text: row.text, byName: row.byName, at: row.at.toISOString() },
    ]),
  );
}

export async function saveExplanation(
  db: Executor,
  values: {
    tenantId: string;
    ticketId: string;
    clock: SlaClockName;
    text: string;
    authorId: string;
    at: Date;
  },
) {
  const { at, ...rest } = values;
  const [before] = await db
    .select({ text: slaBreachExplanations.text })
    .from(slaBreachExplanations)
    .where(
      and(
        eq(slaBreachExplanations.tenantId, values.tenantId),
        eq(slaBreachExplanations.ticketId, values.ticketId),
        eq(slaBreachExplanations.clock, values.clock),
      ),
    );
  await db
    .insert(slaBreachExplanations)
    .values({ ...rest, updatedAt: at })
    .onConflictDoUpdate({
      target: [slaBreachExplanations.tenantId, slaBreachExplanations.ticketId, slaBreachExplanations.clock],
      set: { text: values.text, authorId: values.authorId, updatedAt: at },
    });
  return before?.text ?? null;
}

/** Whether a closed statement reported the clock as missed: its explanation was frozen with it. */
export async function isBreachClosed(db: Executor, tenantId: string, ticketId: string, clock: SlaClockName) {
  const probe = JSON.stringify([{ ticketId, clock, outcome: 'missed' }]);
  const [row] = await db
    .select({ id: slaStatements.id })
    .from(slaStatements)
    .where(
      and(eq(slaStatements.tenantId, tenantId), sql`${slaStatements.figures}->'clocks' @> ${probe}::jsonb`),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The agreement's fees for a month at their nominal quantities — recurring lines and a retainer: what
 * compliance tiers take a share of.
 */
export async function monthlyFeesCents(db: Executor, tenantId: string, agreementId: string) {
  const [row] = await db
    .select({
      cents: sql<number>`coalesce(${agreements.retainerCents}, 0) + coalesce((
        select sum(greatest(${agreementLines.quantity}, ${agreementLines.minimumQuantity}) * ${agreementLines.unitPriceCents})
        from ${agreementLines}
        where ${agreementLines.tenantId} = ${agreements.tenantId} and ${agreementLines.agreementId} = ${agreements.id}
      ), 0)`.mapWith(Number),
    })
    .from(agreements)
    .where(and(eq(agreements.tenantId, tenantId), eq(agreements.id, agreementId)));
  return row?.cents ?? 0;
}

export type CreditRow = typeof serviceCredits.$inferSelect;

export async function insertCredits(db: Executor, values: (typeof serviceCredits.$inferInsert)[]) {
  if (values.length > 0) await db.insert(serviceCredits).values(values);
}

/** The credits of the agreement's closed months, with their tickets' numbers and who disputed them. */
export async function listCredits(db: Executor, tenantId: string, agreementId: string, month?: string) {
  return db
    .select({
      credit: serviceCredits,
      ticketNumber: tickets.number,
      disputedByName: identities.name,
      invoiceNumber: invoices.number,
      liveInvoiceId: invoices.id,
    })
    .from(serviceCredits)
    .leftJoin(
      invoices,
      and(
        eq(invoices.tenantId, serviceCredits.tenantId),
        eq(invoices.id, serviceCredits.invoiceId),
        ne(invoices.status, 'void'),
      ),
    )
    .leftJoin(
      tickets,
      and(eq(tickets.tenantId, serviceCredits.tenantId), eq(tickets.id, serviceCredits.ticketId)),
    )
    .leftJoin(
      memberships,
      and(eq(memberships.tenantId, serviceCredits.tenantId), eq(memberships.id, serviceCredits.disputedById)),
    )
    .leftJoin(identities, eq(identities.id, memberships.identityId))
    .where(
      and(
        eq(serviceCredits.tenantId, tenantId),
        eq(serviceCredits.agreementId, agreementId),
        month === undefined ? undefined : eq(serviceCredits.month, month),
      ),
    )
    .orderBy(asc(serviceCredits.month), asc(serviceCredits.createdAt), asc(serviceCredits.id));
}
export type ListedCredit = Awaited<ReturnType<typeof listCredits>>[number];

/** A credit of a client in the caller's scope, locked until the transaction ends. */
export async function lockCredit(db: Executor, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(serviceCredits)
    .where(
      and(inClientScope(scope, serviceCredits.tenantId, serviceCredits.clientId), eq(serviceCredits.id, id)),
    )
    .for('update');
  return row;
}

export async function updateCredit(db: Executor, tenantId: string, id: string, values: Partial<CreditRow>) {
  await db
    .update(serviceCredits)
    .set(values)
    .where(and(eq(serviceCredits.tenantId, tenantId), eq(serviceCredits.id, id)));
}
