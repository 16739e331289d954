// Dated technician cost rates: what an hour of a staff member costs the MSP from a local date on, so
// profitability can price time logged before and after a raise at the rate then in force.

import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, pgTable, primaryKey, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantKey } from '../../db/columns.ts';
import { memberships } from '../identity/identity.table.ts';

export const staffCostRates = pgTable(
  'staff_cost_rates',
  {
    ...tenantKey(),
    /** The staff member's membership (time_entries.staffId points at the same ids). */
    membershipId: uuid().notNull(),
    /** Local date YYYY-MM-DD from which this rate is in force, until the next one's. */
    effectiveFrom: date({ mode: 'string' }).notNull(),
    /** Fully loaded cost of one hour, minor units of the organization's money (≥ 0). */
    hourlyCostCents: bigint({ mode: 'number' }).notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    uniqueIndex('staff_cost_rates_member_date_key').on(t.tenantId, t.membershipId, t.effectiveFrom),
    check('staff_cost_rates_cost_check', sql`${t.hourlyCostCents} >= 0`),
  ],
);
