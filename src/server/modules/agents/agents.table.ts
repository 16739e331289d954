// Agents: enrollment tokens an admin hands out, and the enrolled agents whose credentials they became.
// Only SHA-256 hashes of tokens and credentials are stored; the secrets are shown or sent once.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantKey } from '../../db/columns.ts';
import { assets } from '../assets/assets.table.ts';
import { clients, sites } from '../clients/clients.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';

export const enrollmentTokens = pgTable(
  'enrollment_tokens',
  {
    ...tenantKey(),
    /** The client (and site) whose asset an agent enrolled with this token becomes. */
    clientId: uuid().notNull(),
    siteId: uuid(),
    /** Hex SHA-256 of the token (256 random bits, base64url). */
    tokenHash: text().notNull(),
    expiresAt: instant().notNull(),
    maxUses: integer().notNull(),
    uses: integer().notNull().default(0),
    revokedAt: instant(),
    createdById: uuid().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.siteId], foreignColumns: [sites.tenantId, sites.id] }),
    foreignKey({
      columns: [t.tenantId, t.createdById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    uniqueIndex('enrollment_tokens_hash_key').on(t.tokenHash),
    index('enrollment_tokens_client_idx').on(t.tenantId, t.clientId),
    check('enrollment_tokens_uses_check', sql`${t.maxUses} >= 1 and ${t.uses} between 0 and ${t.maxUses}`),
  ],
);

export const agents = pgTable(
  'agents',
  {
    ...tenantKey(),
    assetId: uuid().notNull(),
    /** Hex SHA-256 of the credential (`acag_` + 256 random bits, base64url). */
    credentialHash: text().notNull(),
    enrolledAt: instant().notNull(),
    enrollmentTokenId: uuid().notNull(),
    revokedAt: instant(),
    /** Last heartbeat, written in batches (may trail the truth by a few seconds). */
    lastSeenAt: instant(),
    /** The agent's own version, as it last reported it. */
    version: text(),
    hostname: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }),
    foreignKey({
      columns: [t.tenantId, t.enrollmentTokenId],
      foreignColumns: [enrollmentTokens.tenantId, enrollmentTokens.id],
    }),
    uniqueIndex('agents_credential_hash_key').on(t.credentialHash),
    index('agents_asset_idx').on(t.tenantId, t.assetId),
  ],
);
