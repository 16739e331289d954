// The audit trail: one event per mutation, sealed afterwards into a per-tenant hash chain, and an
// install-wide log of sign-in events that may happen before any tenant is known (docs/adr/0004-audit.md).
import { sql } from 'drizzle-orm';
import {
  bigint,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, newId, tenantKey } from '../../db/columns.ts';
import { tenants } from '../identity/identity.table.ts';

/** Written by the action runner; the seal columns stay null until the sealer chains the event. */
export const auditEvents = pgTable(
  'audit_events',
  {
    ...tenantKey(),
    /** 'ticket.reply', 'user.update', 'auth.login', … */
    action: text().notNull(),
    actorMembershipId: uuid(),
    actorIdentityId: uuid(),
    actorApiTokenId: uuid(),
    targetType: text().notNull(),
    /** Null only for actions on many rows at once (bulk); their ids are in before/after. */
    targetId: text(),
    /** Snapshots without secrets; null where there was nothing before (create) or after (delete). */
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    userAgent: text(),
    requestId: text(),
    occurredAt: instant().notNull(),
    /** 1, 2, 3, … per tenant, gapless, in the order the sealer saw the events committed. */
    sealSeq: bigint({ mode: 'number' }),
    /** Hex sha256 of the previous sealed event ('' before the first). */
    prevHash: text(),
    hash: text(),
    sealedAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('audit_events_seal_key').on(t.tenantId, t.sealSeq),
    index('audit_events_unsealed_idx').on(t.tenantId, t.occurredAt, t.id).where(sql`${t.sealSeq} is null`),
    index('audit_events_occurred_idx').on(t.tenantId, t.occurredAt, t.id),
  ],
);

/** The newest sealed event per tenant, so that deleting the tail of the chain is detectable too. */
export const auditHeads = pgTable(
  'audit_heads',
  {
    tenantId: uuid().primaryKey(),
    lastSeq: bigint({ mode: 'number' }).notNull().default(0),
    lastHash: text().notNull().default(''),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] })],
);

/** Sign-in events, install-wide: a failed login has no tenant. Not chained (see the ADR). */
export const securityEvents = pgTable(
  'security_events',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    /** 'auth.login_failed', 'auth.login', 'auth.logout', 'auth.select_tenant', 'auth.setup' */
    action: text().notNull(),
    identityId: uuid(),
    tenantId: uuid(),
    /** The address tried, for failed logins (lower-cased). */
    email: text(),
    ip: text(),
    userAgent: text(),
    requestId: text(),
    occurredAt: instant().notNull(),
  },
  (t) => [
    index('security_events_occurred_idx').on(t.occurredAt),
    index('security_events_identity_idx').on(t.identityId, t.occurredAt),
  ],
);
