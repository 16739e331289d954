// Tenants (MSP organizations), install-wide identities, their memberships, sessions and API tokens.
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, newId, tenantKey, timestamps } from '../../db/columns.ts';

export const staffRoles = ['owner', 'admin', 'dispatcher', 'technician', 'billing'] as const;

export const tenants = pgTable('tenants', {
  id: uuid().primaryKey().$defaultFn(newId),
  name: text().notNull(),
  ...timestamps(),
});

/** Install-wide: one email, one password, whatever tenants it belongs to. */
export const identities = pgTable(
  'identities',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('identities_email_key').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    ...tenantKey(),
    identityId: uuid()
      .notNull()
      .references(() => identities.id),
    role: text({ enum: staffRoles }).notNull(),
    /** Deny by default: false with no rows in membership_clients sees no client. */
    allClients: boolean().notNull().default(false),
    deactivatedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('memberships_identity_key').on(t.tenantId, t.identityId),
    index('memberships_identity_idx').on(t.identityId),
  ],
);

/** Sessions are looked up by token hash before any tenant is known, so they are install-wide. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    /** The handle the sessions page and its DELETE use; the token hash never leaves the server. */
    id: uuid().notNull().$defaultFn(newId).default(sql`gen_random_uuid()`),
    identityId: uuid()
      .notNull()
      .references(() => identities.id),
    tenantId: uuid(),
    membershipId: uuid(),
    csrfToken: text().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: instant().notNull().defaultNow(),
    lastSeenAt: instant().notNull().defaultNow(),
    expiresAt: instant().notNull(),
  },
  (t) => [
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('sessions_identity_idx').on(t.identityId),
    uniqueIndex('sessions_id_key').on(t.id),
    index('sessions_membership_idx').on(t.tenantId, t.membershipId),
  ],
);

export const apiTokenScopes = ['read', 'full'] as const;

export const apiTokens = pgTable(
  'api_tokens',
  {
    ...tenantKey(),
    membershipId: uuid().notNull(),
    name: text().notNull(),
    tokenHash: text().notNull(),
    /** First characters of the token, shown so people can tell their tokens apart. */
    prefix: text().notNull(),
    /** 'read' answers GET/HEAD only. Tokens made before scopes existed keep 'full'. */
    scope: text({ enum: apiTokenScopes }).notNull().default('full'),
    createdAt: instant().notNull().defaultNow(),
    lastUsedAt: instant(),
    expiresAt: instant(),
    revokedAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
  ],
);

/**
 * Failed sign-ins counted for throttling (login-throttle.ts): by the address tried (lower-cased, known
 * or not, so a lock says nothing about whether the account exists) and by client IP. Install-wide
 * and in the database so every app node sees the same counts; rows older than the window are purged.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    email: text().notNull(),
    ip: text(),
    occurredAt: instant().notNull(),
  },
  (t) => [
    index('login_failures_email_idx').on(t.email, t.occurredAt),
    index('login_failures_ip_idx').on(t.ip, t.occurredAt),
    index('login_failures_occurred_idx').on(t.occurredAt),
  ],
);
