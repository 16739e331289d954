// Every query on audit events, their per-tenant chain heads and the install-wide security log.
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { auditEvents, auditHeads, securityEvents } from './audit.table.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = Omit<
  typeof auditEvents.$inferInsert,
  'sealSeq' | 'prevHash' | 'hash' | 'sealedAt'
>;
export type NewSecurityEvent = typeof securityEvents.$inferInsert;
export type AuditHeadRow = typeof auditHeads.$inferSelect;

/** Writers only append unsealed events; they never read or lock the chain. */
export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

export async function insertSecurityEvent(db: Executor, event: NewSecurityEvent): Promise<void> {
  await db.insert(securityEvents).values(event);
}

export interface AuditEventFilter {
  actorMembershipId?: string;
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Events strictly older than this (occurredAt, id) position. */
  before?: { occurredAt: Date; id: string };
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

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
    filter.actionPrefix ? like(auditEvents.action, `${escapeLike(filter.actionPrefix)}%`) : undefined,
    filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
    filter.to ? lte(auditEvents.occurredAt, filter.to) : undefined,
    filter.before
      ? or(
          lt(auditEvents.occurredAt, filter.before.occurredAt),
          and(eq(auditEvents.occurredAt, filter.before.occurredAt), lt(auditEvents.id, filter.before.id)),
        )
      : undefined,
  ];
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit);
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
