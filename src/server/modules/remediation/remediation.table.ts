// Remediation plans, the items that answer them and the notices counted against them.
import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  type evidenceKinds,
  type HandoverKey,
  itemPriorities,
  noticeKinds,
  type RemediationDecision,
  remediationDirections,
} from '../../../shared/api/remediation.ts';
import { instant, localDate, tenantKey } from '../../db/columns.ts';
import { clients } from '../clients/clients.table.ts';
import { memberships } from '../identity/identity.table.ts';
import { vendors } from '../vendors/vendors.table.ts';

export interface DecisionRecord {
  decision: RemediationDecision;
  reason: string;
  byName: string;
  via: 'portal' | 'staff';
  at: string;
  extendedTo: string | null;
}

export interface HandoverRecord {
  key: HandoverKey;
  doneAt: string | null;
  doneByName: string | null;
}

export const remediationPlans = pgTable(
  'remediation_plans',
  {
    ...tenantKey(),
    clientId: uuid().notNull(),
    direction: text({ enum: remediationDirections }).notNull(),
    vendorId: uuid(),
    title: text().notNull(),
    concern: text().notNull(),
    /** What the concern cites, with the label it had when filed. */
    evidence: jsonb()
      .$type<{ kind: (typeof evidenceKinds)[number]; id: string; label: string }[]>()
      .notNull()
      .default([]),
    filedAt: instant().notNull(),
    filedById: uuid().notNull(),
    responseDueOn: localDate().notNull(),
    respondedAt: instant(),
    respondedById: uuid(),
    responseText: text(),
    /** The last day of the time box; an extension moves it. */
    endsOn: localDate().notNull(),
    noticeLimit: integer().notNull(),
    /** The MSP's recommendation on a vendor plan: { decision, reason, byName, at }. */
    recommendation: jsonb().$type<Omit<DecisionRecord, 'via' | 'extendedTo'>>(),
    decisions: jsonb().$type<DecisionRecord[]>().notNull().default([]),
    /** Set by the final decision (continue or terminate): the plan is over. */
    decidedAt: instant(),
    handover: jsonb().$type<HandoverRecord[]>(),
    vendorNoticeId: uuid(),
    /** Reminder thresholds (days before the end) already announced, for this end date. */
    remindedDays: integer().array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id] }),
    foreignKey({
      columns: [t.tenantId, t.filedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.respondedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    index('remediation_plans_client_idx').on(t.tenantId, t.clientId),
    index('remediation_plans_open_idx').on(t.endsOn).where(sql`${t.decidedAt} is null`),
  ],
);

export const remediationItems = pgTable(
  'remediation_items',
  {
    ...tenantKey(),
    planId: uuid().notNull(),
    position: integer().notNull(),
    issue: text().notNull(),
    action: text().notNull(),
    owner: text().notNull(),
    dueOn: localDate().notNull(),
    priority: text({ enum: itemPriorities }).notNull(),
    status: text({ enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    doneAt: instant(),
    note: text(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.planId],
      foreignColumns: [remediationPlans.tenantId, remediationPlans.id],
    }),
    index('remediation_items_plan_idx').on(t.tenantId, t.planId),
  ],
);

/** The notices the sweep has announced, each once (by kind and what it is about). */
export const remediationNotices = pgTable(
  'remediation_notices',
  {
    ...tenantKey(),
    planId: uuid().notNull(),
    kind: text({ enum: noticeKinds }).notNull(),
    /** What it is about: "ticketId/clock", an item's id, the plan's id. */
    ref: text().notNull(),
    at: instant().notNull(),
    label: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.planId],
      foreignColumns: [remediationPlans.tenantId, remediationPlans.id],
    }),
    uniqueIndex('remediation_notices_key').on(t.tenantId, t.planId, t.kind, t.ref),
  ],
);
