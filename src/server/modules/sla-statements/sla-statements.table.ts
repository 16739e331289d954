// Closed SLA statements (frozen figures per agreement and month) and the MSP's explanation of each breach.
import { sql } from 'drizzle-orm';
import { check, foreignKey, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { type StatementFigures, slaClocks } from '../../../shared/api/sla-statements.ts';
import { instant, tenantKey } from '../../db/columns.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { memberships } from '../identity/identity.table.ts';
import { tickets } from '../tickets/tickets.table.ts';

/** A month's statement once closed: its figures as of `closedAt`, never changed afterwards. */
export const slaStatements = pgTable(
  'sla_statements',
  {
    ...tenantKey(),
    agreementId: uuid().notNull(),
    /** YYYY-MM in the statement's time zone (inside the figures). */
    month: text().notNull(),
    figures: jsonb().$type<StatementFigures>().notNull(),
    /** The explanations of its breaches as they stood at the close, by "ticketId/clock". */
    explanations: jsonb().$type<Record<string, { text: string; byName: string; at: string }>>().notNull(),
    closedAt: instant().notNull(),
    /** Null when a scheduled close did it. */
    closedById: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.closedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    uniqueIndex('sla_statements_month_key').on(t.tenantId, t.agreementId, t.month),
    check('sla_statements_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** Why a clock was missed, in the MSP's words to the client; one per ticket and clock. */
export const slaBreachExplanations = pgTable(
  'sla_breach_explanations',
  {
    tenantId: uuid().notNull(),
    ticketId: uuid().notNull(),
    clock: text({ enum: slaClocks }).notNull(),
    text: text().notNull(),
    authorId: uuid().notNull(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId, t.clock] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    foreignKey({
      columns: [t.tenantId, t.authorId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
  ],
);
