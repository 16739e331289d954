// Every query on agreements, their recurring lines and work roles. Agreements are read within the
// request's client scope: an agreement of a client outside it is missing.
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type AgreementStatus, defaultWorkRoles } from '../../../shared/api/agreements.ts';
import { groupBy } from '../../../shared/group-by.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { calendars } from '../calendars/calendars.table.ts';
import { catalogItems } from '../catalog/catalog.table.ts';
import { clients } from '../clients/clients.table.ts';
import { slaPolicies } from '../sla-policies/sla-policies.table.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { timeEntries, type workTypes } from '../time/time.table.ts';
import { agreementLines, agreements, memberWorkRoles, workRoles } from './agreements.table.ts';

export type AgreementRow = typeof agreements.$inferSelect;
export type AgreementLineRow = typeof agreementLines.$inferSelect;
export type WorkRoleRow = typeof workRoles.$inferSelect;

const fallback = alias(agreements, 'fallback');

/** Agreements in force on `day` (a local date), by their start and end. */
export function inForceOn(day: string): SQL {
  return and(lte(agreements.startsOn, day), or(isNull(agreements.endsOn), gte(agreements.endsOn, day)))!;
}

function statusCondition(status: AgreementStatus, today: string): SQL {
  if (status === 'upcoming') return sql`${agreements.startsOn} > ${today}`;
  if (status === 'ended') return sql`${agreements.endsOn} < ${today}`;
  return inForceOn(today);
}

const withNames = {
  agreement: agreements,
  clientName: clients.name,
  fallbackAgreementName: fallback.name,
  calendarName: calendars.name,
  slaPolicyName: slaPolicies.name,
};
export type AgreementWithNames = {
  agreement: AgreementRow;
  clientName: string;
  fallbackAgreementName: string | null;
  calendarName: string | null;
  slaPolicyName: string | null;
};

function selectWithNames(db: Executor) {
  return db
    .select(withNames)
    .from(agreements)
    .innerJoin(clients, and(eq(clients.tenantId, agreements.tenantId), eq(clients.id, agreements.clientId)))
    .leftJoin(
      fallback,
      and(eq(fallback.tenantId, agreements.tenantId), eq(fallback.id, agreements.fallbackAgreementId)),
    )
    .leftJoin(
      calendars,
      and(eq(calendars.tenantId, agreements.tenantId), eq(calendars.id, agreements.calendarId)),
    )
    .leftJoin(
      slaPolicies,
      and(eq(slaPolicies.tenantId, agreements.tenantId), eq(slaPolicies.id, agreements.slaPolicyId)),
    );
}

export async function listAgreements(
  db: Executor,
  scope: Scope,
  filter: { clientId?: string; status: AgreementStatus | 'any'; today: string },
): Promise<AgreementWithNames[]> {
  return selectWithNames(db)
    .where(
      and(
        inClientScope(scope, agreements.tenantId, agreements.clientId),
        filter.clientId ? eq(agreements.clientId, filter.clientId) : undefined,
        filter.status === 'any' ? undefined : statusCondition(filter.status, filter.today),
      ),
    )
    .orderBy(asc(clients.name), asc(agreements.startsOn), asc(agreements.name));
}

export async function findAgreement(
  db: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AgreementWithNames | undefined> {
  const query = selectWithNames(db).where(
    and(inClientScope(scope, agreements.tenantId, agreements.clientId), eq(agreements.id, id)),
  );
  const [row] = await (options.forUpdate ? query.for('update', { of: agreements }) : query);
  return row;
}

/** Agreements by id within the tenant, whatever the scope (an agreement chain is followed for billing). */
export async function findAgreementsByIds(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<AgreementRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(agreements)
    .where(and(eq(agreements.tenantId, tenantId), inArray(agreements.id, [...ids])));
}

export async function insertAgreement(db: Executor, values: typeof agreements.$inferInsert): Promise<string> {
  const [row] = await db.insert(agreements).values(values).returning({ id: agreements.id });
  return row!.id;
}

export async function updateAgreement(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<typeof agreements.$inferInsert>,
): Promise<void> {
  await db
    .update(agreements)
    .set(values)
    .where(and(eq(agreements.tenantId, tenantId), eq(agreements.id, id)));
}

export async function deleteAgreement(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.delete(agreements).where(and(eq(agreements.tenantId, tenantId), eq(agreements.id, id)));
}

export type LineWithItem = { line: AgreementLineRow; catalogItemName: string; unit: string };

export async function listLines(
  db: Executor,
  tenantId: string,
  agreementIds: readonly string[],
): Promise<LineWithItem[]> {
  if (agreementIds.length === 0) return [];
  return db
    .select({ line: agreementLines, catalogItemName: catalogItems.name, unit: catalogItems.unit })
    .from(agreementLines)
    .innerJoin(
      catalogItems,
      and(
        eq(catalogItems.tenantId, agreementLines.tenantId),
        eq(catalogItems.id, agreementLines.catalogItemId),
      ),
    )
    .where(and(eq(agreementLines.tenantId, tenantId), inArray(agreementLines.agreementId, [...agreementIds])))
    .orderBy(asc(agreementLines.agreementId), asc(agreementLines.position));
}

/**
 * Replaces an agreement's recurring lines. Billing's approved counts stay with the catalog item they were
 * approved for (the n-th line of an item keeps the n-th approval), so editing an agreement asks for
 * approval only of counts that really changed.
 */
export async function replaceLines(
  db: Executor,
  tenantId: string,
  agreementId: string,
  lines: Omit<typeof agreementLines.$inferInsert, 'tenantId' | 'agreementId' | 'position'>[],
): Promise<void> {
  const ofAgreement = and(eq(agreementLines.tenantId, tenantId), eq(agreementLines.agreementId, agreementId));
  // Approvals belong to the line's item: editing an agreement keeps what billing approved of it.
  const approvals = groupBy(
    await db
      .select({
        catalogItemId: agreementLines.catalogItemId,
        approvedQuantity: agreementLines.approvedQuantity,
        countChangedOn: agreementLines.countChangedOn,
        previousApprovedQuantity: agreementLines.previousApprovedQuantity,
      })
      .from(agreementLines)
      .where(ofAgreement)
      .orderBy(asc(agreementLines.position)),
    (row) => row.catalogItemId,
  );
  await db.delete(agreementLines).where(ofAgreement);
  if (lines.length === 0) return;
  await db.insert(agreementLines).values(
    lines.map((line, position) => ({
      ...line,
      ...(approvals.get(line.catalogItemId)?.shift() ?? { approvedQuantity: null }),
      tenantId,
      agreementId,
      position,
    })),
  );
}

/** Another default agreement of the client whose period meets [startsOn, endsOn]. */
export async function findOverlappingDefault(
  db: Executor,
  tenantId: string,
  period: { clientId: string; startsOn: string; endsOn: string | null; exceptId?: string },
): Promise<AgreementRow | undefined> {
  const [row] = await db
    .select()
    .from(agreements)
    .where(
      and(
        eq(agreements.tenantId, tenantId),
        eq(agreements.clientId, period.clientId),
        eq(agreements.isClientDefault, true),
        period.exceptId ? ne(agreements.id, period.exceptId) : undefined,
        period.endsOn === null ? undefined : lte(agreements.startsOn, period.endsOn),
        or(isNull(agreements.endsOn), gte(agreements.endsOn, period.startsOn)),
      ),
    )
    .limit(1);
  return row;
}

/** The client's agreements in force on `day`, the default first. */
export async function agreementsInForce(
  db: Executor,
  tenantId: string,
  clientId: string,
  day: string,
): Promise<AgreementRow[]> {
  return db
    .select()
    .from(agreements)
    .where(and(eq(agreements.tenantId, tenantId), eq(agreements.clientId, clientId), inForceOn(day)))
    .orderBy(sql`${agreements.isClientDefault} desc`, asc(agreements.startsOn));
}

export async function clientHasAgreements(db: Executor, tenantId: string, clientId: string) {
  const [row] = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(eq(agreements.tenantId, tenantId), eq(agreements.clientId, clientId)))
    .limit(1);
  return row !== undefined;
}

/** What still points at an agreement: other agreements' fallbacks, tickets, time entries. */
export async function isReferenced(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({
      used: sql<boolean>`exists (select 1 from ${agreements} where ${agreements.tenantId} = ${tenantId} and ${agreements.fallbackAgreementId} = ${id})
        or exists (select 1 from ${tickets} where ${tickets.tenantId} = ${tenantId} and ${tickets.agreementId} = ${id})
        or exists (select 1 from ${timeEntries} where ${timeEntries.tenantId} = ${tenantId} and ${timeEntries.agreementId} = ${id})`,
    })
    .from(sql`(select 1) as one`);
  return row?.used === true;
}

// --- Work roles -------------------------------------------------------------------------------------

export async function seedWorkRoles(db: Executor, tenantId: string): Promise<void> {
  await db
    .insert(workRoles)
    .values(defaultWorkRoles.map((name, position) => ({ tenantId, name, position })))
    .onConflictDoNothing();
}

export async function listWorkRoles(db: Executor, tenantId: string): Promise<WorkRoleRow[]> {
  return db
    .select()
    .from(workRoles)
    .where(eq(workRoles.tenantId, tenantId))
    .orderBy(asc(workRoles.position), asc(workRoles.name));
}

export async function findWorkRole(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<WorkRoleRow | undefined> {
  const [row] = await db
    .select()
    .from(workRoles)
    .where(and(eq(workRoles.tenantId, tenantId), eq(workRoles.id, id)));
  return row;
}

export async function insertWorkRole(
  db: Executor,
  values: typeof workRoles.$inferInsert,
): Promise<WorkRoleRow> {
  const [row] = await db.insert(workRoles).values(values).returning();
  return row!;
}

export async function updateWorkRole(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<typeof workRoles.$inferInsert>,
): Promise<WorkRoleRow | undefined> {
  const [row] = await db
    .update(workRoles)
    .set(values)
    .where(and(eq(workRoles.tenantId, tenantId), eq(workRoles.id, id)))
    .returning();
  return row;
}

export async function listMemberWorkRoles(db: Executor, tenantId: string) {
  return db
    .select({ membershipId: memberWorkRoles.membershipId, workRoleId: memberWorkRoles.workRoleId })
    .from(memberWorkRoles)
    .where(eq(memberWorkRoles.tenantId, tenantId));
}

/** The staff member's work role id, or null. */
export async function findMemberWorkRole(db: Executor, tenantId: string, membershipId: string) {
  const [row] = await db
    .select({ workRoleId: memberWorkRoles.workRoleId })
    .from(memberWorkRoles)
    .where(and(eq(memberWorkRoles.tenantId, tenantId), eq(memberWorkRoles.membershipId, membershipId)));
  return row?.workRoleId ?? null;
}

export async function setMemberWorkRole(
  db: Executor,
  tenantId: string,
  membershipId: string,
  workRoleId: string | null,
): Promise<void> {
  if (workRoleId === null) {
    await db
      .delete(memberWorkRoles)
      .where(and(eq(memberWorkRoles.tenantId, tenantId), eq(memberWorkRoles.membershipId, membershipId)));
    return;
  }
  await db
    .insert(memberWorkRoles)
    .values({ tenantId, membershipId, workRoleId })
    .onConflictDoUpdate({
      target: [memberWorkRoles.tenantId, memberWorkRoles.membershipId],
      set: { workRoleId },
    });
}

export type TenantTable = typeof workRoles | typeof workTypes | typeof catalogItems;

/** The ids of `ids` that are not rows of the tenant in `table`. */
export async function missingIds(
  db: Executor,
  table: TenantTable,
  tenantId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.tenantId, tenantId), inArray(table.id, [...ids])));
  const present = new Set(found.map((row) => row.id));
  return ids.filter((id) => !present.has(id));
}

export async function findCatalogItems(db: Executor, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(catalogItems)
    .where(and(eq(catalogItems.tenantId, tenantId), inArray(catalogItems.id, [...ids])));
}

/**
 * The agreement a new ticket of the client gets on `day`: its default agreement in force, else its only
 * agreement in force, else none (several and no default: a person chooses).
 */
export async function defaultAgreementFor(db: Executor, tenantId: string, clientId: string, day: string) {
  const inForce = await agreementsInForce(db, tenantId, clientId, day);
  const preferred = inForce.find((a) => a.isClientDefault);
  if (preferred) return preferred;
  return inForce.length === 1 ? inForce[0] : undefined;
}

/** An agreement of this client, for a ticket naming it; undefined when it is not the client's. */
export async function findClientAgreement(db: Executor, tenantId: string, clientId: string, id: string) {
  const [row] = await db
    .select()
    .from(agreements)
    .where(and(eq(agreements.tenantId, tenantId), eq(agreements.clientId, clientId), eq(agreements.id, id)));
  return row;
}

/** Every work role's name by id, archived ones included (old entries keep theirs). */
export async function listWorkRoleNames(db: Executor, tenantId: string): Promise<Map<string, string>> {
  return new Map((await listWorkRoles(db, tenantId)).map((role) => [role.id, role.name]));
}

/**
 * Whether an agreement of the client in force on `day` asks this of vendors: a signed Letter of Agency
 * before they work, or the client's approval of their change requests.
 */
export async function clientAgreementRequires(
  db: Executor,
  tenantId: string,
  clientId: string,
  day: string,
  requirement: 'requiresLoa' | 'requiresClientApprovalOfVendorChanges',
) {
  const [row] = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(
      and(
        eq(agreements.tenantId, tenantId),
        eq(agreements.clientId, clientId),
        eq(agreements[requirement], true),
        lte(agreements.startsOn, day),
        or(isNull(agreements.endsOn), gte(agreements.endsOn, day)),
      ),
    )
    .limit(1);
  return row !== undefined;
}
