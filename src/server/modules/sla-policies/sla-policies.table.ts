// SLA policies, versioned like calendars: targets per priority in business minutes.
import {
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SlaTargets } from '../../../shared/api/sla-policies.ts';
import { instant, tenantKey, timestamps } from '../../db/columns.ts';
import { calendars } from '../calendars/calendars.table.ts';
import { tenants } from '../identity/identity.table.ts';

export const slaPolicies = pgTable(
  'sla_policies',
  {
    ...tenantKey(),
    name: text().notNull(),
    currentVersion: integer().notNull().default(1),
    archivedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

export const slaPolicyVersions = pgTable(
  'sla_policy_versions',
  {
    ...tenantKey(),
    policyId: uuid().notNull(),
    version: integer().notNull(),
    calendarId: uuid().notNull(),
    targets: jsonb().$type<SlaTargets>().notNull(),
    createdAt: instant().notNull().defaultNow(),
    createdBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.policyId], foreignColumns: [slaPolicies.tenantId, slaPolicies.id] }),
    foreignKey({ columns: [t.tenantId, t.calendarId], foreignColumns: [calendars.tenantId, calendars.id] }),
    uniqueIndex('sla_policy_versions_number_key').on(t.tenantId, t.policyId, t.version),
  ],
);
