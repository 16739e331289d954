// Closed SLA statements (frozen figures per agreement and month), the MSP's explanation of each breach, and
// the service credits a closed month earned.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { creditExclusions, creditModes } from '../../../shared/api/service-credits.ts';
import { priorities } from '../../../shared/api/sla-policies.ts';
import { type StatementFigures, slaClocks } from '../../../shared/api/sla-statements.ts';
import { cents, instant, localDate, tenantKey } from '../../db/columns.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { clients } from '../clients/clients.table.ts';
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

/** A credit a closed month earned under the agreement's penalty schedule; disputed by the MSP, or standing. */
export const serviceCredits = pgTable(
  'service_credits',
  {
    ...tenantKey(),
    agreementId: uuid().notNull(),
    clientId: uuid().notNull(),
    statementId: uuid().notNull(),
    month: text().notNull(),
    kind: text({ enum: ['breach', 'tier'] }).notNull(),
    ticketId: uuid(),
    clock: text({ enum: slaClocks }),
    priority: text({ enum: priorities }),
    scheduledCents: cents().notNull(),
    amountCents: cents().notNull(),
    currency: text().notNull(),
    explanation: text().notNull(),
    /** The schedule's mode at the close: only credits of an invoicing schedule go on an invoice. */
    mode: text({ enum: creditModes }).notNull(),
    /** The last local day the MSP may dispute it. */
    disputeBy: localDate().notNull(),
    disputeExclusion: text({ enum: creditExclusions }),
    disputeReason: text(),
    disputedById: uuid(),
    disputedAt: instant(),
    /** The draft or invoice it is credited on; free again if that invoice is voided. */
    invoiceId: uuid(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({
      columns: [t.tenantId, t.statementId],
      foreignColumns: [slaStatements.tenantId, slaStatements.id],
    }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    foreignKey({
      columns: [t.tenantId, t.disputedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('service_credits_statement_idx').on(t.tenantId, t.statementId),
    index('service_credits_client_idx').on(t.tenantId, t.clientId, t.invoiceId),
    check(
      'service_credits_amount_check',
      sql`${t.amountCents} >= 0 and ${t.amountCents} <= ${t.scheduledCents}`,
    ),
  ],
);
