// Assets (the CMDB): what an MSP looks after at a client and site, made by hand or by an enrolled agent.
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { assetCriticalities, assetTypes } from '../../../shared/api/asset-enums.ts';
import { instant, localDate, tenantKey, timestamps } from '../../db/columns.ts';
import { clients, sites } from '../clients/clients.table.ts';
import { tenants } from '../identity/identity.table.ts';

export const assets = pgTable(
  'assets',
  {
    ...tenantKey(),
    clientId: uuid().notNull(),
    siteId: uuid(),
    type: text({ enum: assetTypes }).notNull(),
    name: text().notNull(),
    /** As the maker prints it; devices are counted once per serial. */
    serial: text(),
    hostname: text(),
    os: text(),
    osVersion: text(),
    criticality: text({ enum: assetCriticalities }).notNull().default('normal'),
    /** Under the MSP's management (counted for per-device billing, covered by guaranteed SLAs). */
    isManaged: boolean().notNull().default(true),
    /** Matches the client's standard stack. */
    isStandard: boolean().notNull().default(false),
    warrantyEndsOn: localDate(),
    notes: text().notNull().default(''),
    /** When the asset's agent last checked in; null for assets without one. */
    lastSeenAt: instant(),
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.siteId], foreignColumns: [sites.tenantId, sites.id] }),
    index('assets_client_idx').on(t.tenantId, t.clientId, sql`lower(${t.name})`),
    index('assets_serial_idx').on(t.tenantId, t.serial),
  ],
);
