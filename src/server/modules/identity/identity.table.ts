// Tenants (MSP organizations), install-wide identities, their memberships, sessions and API tokens.
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, newId, tenantKey, timestamps } from '../../db/columns.ts';
import { oneTimeLinkColumns } from '../../db/one-time-links.ts';

export const staffRoles = ['owner', 'admin', 'dispatcher', 'technician', 'billing'] as const;
/**
 * Staff; a vendor's person in the vendor portal (vendor_users says which vendor); or a client's person in
 * the client portal (client_users says which client and contact): a company admin sees the company's
 * tickets, a user the ones they raised.
 */
export const memberRoles = [...staffRoles, 'vendor', 'client_admin', 'client_user'] as const;

export const isClientRole = (role: string): role is 'client_admin' | 'client_user' =>
  role === 'client_admin' || role === 'client_user';

export const tenants = pgTable('tenants', {
  id: uuid().primaryKey().$defaultFn(newId),
  name: text().notNull(),
  /** Staff without MFA are sent to set it up before anything else (mfa.ts). On unless the tenant says. */
  mfaRequiredForStaff: boolean().notNull().default(true),
  /** The same for portal users (clients' and vendors' people); the tenant decides (off by default). */
  mfaRequiredForClientUsers: boolean().notNull().default(false),
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
    /** The TOTP secret, sealed with the install's secret key (secret-box.ts); set once confirmed. */
    totpSecret: text(),
    /** A secret offered by setup and not yet confirmed with a code; replaced by each new setup. */
    totpPendingSecret: text(),
    totpEnabledAt: instant(),
    /** The last 30-second step a code was accepted for: a code works once (RFC 6238 §5.2). */
    totpLastStep: integer(),
    passwordChangedAt: instant(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('identities_email_key').on(sql`lower(${t.email})`)],
);

/** One-time codes for when the authenticator is lost; only their hashes are kept. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    identityId: uuid()
      .notNull()
      .references(() => identities.id),
    codeHash: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
    usedAt: instant(),
  },
  (t) => [index('mfa_recovery_codes_identity_idx').on(t.identityId)],
);

export const memberships = pgTable(
  'memberships',
  {
    ...tenantKey(),
    identityId: uuid()
      .notNull()
      .references(() => identities.id),
    role: text({ enum: memberRoles }).notNull(),
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

export const sessionMethods = ['password', 'sso'] as const;
export const mfaPendingStates = ['verify', 'enroll'] as const;

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
    /** How the session was signed in: a password (then perhaps TOTP) or single sign-on. */
    method: text({ enum: sessionMethods }).notNull().default('password'),
    /**
     * Set while the session may reach only the MFA routes: 'verify' (enter a code) or 'enroll' (the
     * organization requires MFA and the identity has none yet). Null once fully signed in.
     */
    mfaPending: text({ enum: mfaPendingStates }),
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

/**
 * An invitation to set a password: made for someone added without one (a vendor's person); the link
 * works once, and only the token's hash is kept.
 */
export const invitations = pgTable(
  'invitations',
  {
    ...tenantKey(),
    membershipId: uuid().notNull(),
    ...oneTimeLinkColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.createdById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    // Looked up by token before the tenant is known.
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_membership_idx').on(t.tenantId, t.membershipId),
  ],
);
