// Every query on audit events, their per-tenant chain heads and the install-wide security log.
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { type LogPosition, olderThan } from '../../db/log-page.ts';
import type { Scope } from '../../http/scope.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { auditEvents, auditHeads, securityEvents } from './audit.table.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = Omit<
  typeof auditEvents.$inferInsert,
  'sealSeq' | 'prevHash' | 'hash' | 'sealedAt'
>;
export type NewSecurityEvent = typeof securityEvents.$inferInsert;
export type SecurityEventRow = typeof securityEvents.$inferSelect;
export type AuditHeadRow = typeof auditHeads.$inferSelect;

/** Writers only append unsealed events; they never read or lock the chain. */
export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

export async function insertSecurityEvent(db: Executor, event: NewSecurityEvent): Promise<void> {
  await db.insert(securityEvents).values(event);
}

/** The filters every log listing shares. */
export interface LogWindow {
  actionPrefix?: string;
  from?: Date;
  to?: Date;
  /** Events strictly older than this (occurredAt, id) position. */
  before?: LogPosition;
}

export interface AuditEventFilter extends LogWindow {
  actorMembershipId?: string;
  targetType?: string;
  targetId?: string;
}

export interface SecurityEventFilter extends LogWindow {
  identityId?: string;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The conditions a LogWindow puts on a log table; pair with `newestFirst` ordering. */
function windowConditions(
  log: { action: PgColumn; occurredAt: PgColumn; id: PgColumn },
  window: LogWindow,
): (SQL | undefined)[] {
  const { before } = window;
  return [
    window.actionPrefix ? like(log.action, `${escapeLike(window.actionPrefix)}%`) : undefined,
    window.from ? gte(log.occurredAt, window.from) : undefined,
    window.to ? lte(log.occurredAt, window.to) : undefined,
    before ? olderThan(log.occurredAt, log.id, before) : undefined,
  ];
}

const newestFirst = (log: { occurredAt: PgColumn; id: PgColumn }) => [desc(log.occurredAt), desc(log.id)];

/** Newest first. */
export async function listAuditEvents(
  db: Executor,
  scope: Scope,
  filter: AuditEventFilter,
  limit: number,
): Promise<AuditEventRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(auditEvents.tenantId, scope.tenantId),
    filter.actorMembershipId ? eq(auditEvents.actorMembershipId, filter.actorMembershipId) : undefined,
    filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    ...windowConditions(auditEvents, filter),
  ];
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(...newestFirst(auditEvents))
    .limit(limit);
}

/**
 * Security events about the scope's tenant's people, newest first: events of an identity with a
 * membership in the tenant (active or not), and failed logins with no identity whose address is such an
 * identity's. Nothing about anyone else on the install.
 */
export async function listSecurityEvents(
  db: Executor,
  scope: Scope,
  filter: SecurityEventFilter,
  limit: number,
): Promise<SecurityEventRow[]> {
  const people = db
    .select({ id: memberships.identityId })
    .from(memberships)
    .where(eq(memberships.tenantId, scope.tenantId));
  /** Events of these identities, and failed logins with no identity at one of their addresses. */
  const about = (identityIds: typeof people | string[]) =>
    or(
      inArray(securityEvents.identityId, identityIds),
      and(
        isNull(securityEvents.identityId),
        // Failed logins store the address lower-cased; identities' addresses are unique by lower(email).
        inArray(
          securityEvents.email,
          db
            .select({ email: sql<string>`lower(${identities.email})` })
            .from(identities)
            .where(inArray(identities.id, identityIds)),
        ),
      ),
    );
  return db
    .select()
    .from(securityEvents)
    .where(
      and(
        about(people),
        filter.identityId ? about([filter.identityId]) : undefined,
        ...windowConditions(securityEvents, filter),
      ),
    )
    .orderBy(...newestFirst(securityEvents))
    .limit(limit);
}

/** Deletes up to `limit` security events from before `cutoff`, oldest first; returns how many. */
export async function deleteSecurityEventsBefore(db: Executor, cutoff: Date, limit: number): Promise<number> {
  const batch = db
    .select({ id: securityEvents.id })
    .from(securityEvents)
    .where(lt(securityEvents.occurredAt, cutoff))
    .orderBy(asc(securityEvents.occurredAt))
    .limit(limit);
  const deleted = await db
    .delete(securityEvents)
    .where(inArray(securityEvents.id, batch))
    .returning({ id: securityEvents.id });
  return deleted.length;
}

export async function listTenantIdsWithAudit(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ tenantId: auditEvents.tenantId })
    .from(auditEvents)
    .where(isNull(auditEvents.sealSeq));
  return rows.map((r) => r.tenantId);
}

/** Every tenant that has a chain or anything to chain, for verification. */
export async function listAuditedTenantIds(db: Executor): Promise<string[]> {
  const heads = await db.select({ tenantId: auditHeads.tenantId }).from(auditHeads);
  const events = await db.selectDistinct({ tenantId: auditEvents.tenantId }).from(auditEvents);
  return [...new Set([...heads, ...events].map((r) => r.tenantId))].sort();
}

/** Creates the head on first use, then locks it: one sealer per tenant at a time. */
export async function lockHead(db: Executor, tenantId: string): Promise<AuditHeadRow> {
  await db.insert(auditHeads).values({ tenantId }).onConflictDoNothing();
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId)).for('update');
  if (!head) throw new Error(`audit head for ${tenantId} vanished`);
  return head;
}

export async function findHead(db: Executor, tenantId: string): Promise<AuditHeadRow | null> {
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
  return head ?? null;
}

/** Unsealed events this transaction can see, oldest first. */
export async function listUnsealed(db: Executor, tenantId: string, limit: number): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), isNull(auditEvents.sealSeq)))
    .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id))
    .limit(limit);
}

export async function sealEvent(
  db: Executor,
  tenantId: string,
  id: string,
  seal: { sealSeq: number; prevHash: string; hash: string; sealedAt: Date },
): Promise<void> {
  await db
    .update(auditEvents)
    .set(seal)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.id, id), isNull(auditEvents.sealSeq)));
}

export async function updateHead(
  db: Executor,
  tenantId: string,
  head: { lastSeq: number; lastHash: string; updatedAt: Date },
): Promise<void> {
  await db.update(auditHeads).set(head).where(eq(auditHeads.tenantId, tenantId));
}

/** Sealed events after `afterSeq`, in seal order. */
export async function listSealedPage(
  db: Executor,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, tenantId),
        isNotNull(auditEvents.sealSeq),
        gt(auditEvents.sealSeq, afterSeq),
      ),
    )
    .orderBy(asc(auditEvents.sealSeq))
    .limit(limit);
}

export async function countUnsealed(db: Executor, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), isNull(auditEvents.sealSeq)));
  return row?.count ?? 0;
}
