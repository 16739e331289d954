// Single sign-on for staff with OpenID Connect: a tenant's identity providers, the provider accounts
// linked to identities, and sign-ins in flight between the redirect and the callback.
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
import { identities, tenants } from '../identity/identity.table.ts';

export const ssoProviderKinds = ['entra', 'google', 'oidc'] as const;

export const ssoProviders = pgTable(
  'sso_providers',
  {
    ...tenantKey(),
    kind: text({ enum: ssoProviderKinds }).notNull(),
    /** Shown on the sign-in button: "Microsoft Entra ID (Contoso)". */
    name: text().notNull(),
    /** The OpenID issuer URL; its /.well-known/openid-configuration is fetched when signing in. */
    issuer: text().notNull(),
    clientId: text().notNull(),
    /** Sealed with the install's secret key (secret-box.ts); never sent back by the API. */
    clientSecret: text().notNull(),
    /** Lower-case email domains whose people sign in here; a domain belongs to one enabled provider. */
    emailDomains: text().array().notNull(),
    enabled: boolean().notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

/** A provider's subject (`sub`) bound to an identity at its first sign-in, by matching email. */
export const ssoLinks = pgTable(
  'sso_links',
  {
    ...tenantKey(),
    providerId: uuid().notNull(),
    subject: text().notNull(),
    identityId: uuid()
      .notNull()
      .references(() => identities.id),
    createdAt: instant().notNull().defaultNow(),
    lastSignInAt: instant(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.providerId],
      foreignColumns: [ssoProviders.tenantId, ssoProviders.id],
    }),
    uniqueIndex('sso_links_subject_key').on(t.providerId, t.subject),
    index('sso_links_identity_idx').on(t.identityId),
  ],
);

/** Between the redirect to the provider and its callback; looked up by the hash of `state`, used once. */
export const ssoLoginAttempts = pgTable(
  'sso_login_attempts',
  {
    stateHash: text().primaryKey(),
    id: uuid().notNull().$defaultFn(newId),
    tenantId: uuid().notNull(),
    providerId: uuid().notNull(),
    nonce: text().notNull(),
    codeVerifier: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
    expiresAt: instant().notNull(),
  },
  (t) => [index('sso_login_attempts_expires_idx').on(t.expiresAt)],
);
