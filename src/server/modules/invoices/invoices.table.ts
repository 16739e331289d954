// Invoices with their lines, the time each one took, and the organization's billing settings. Amounts are
// bigint minor units read as numbers (see catalog.table.ts); what a line says (names, rates, tax) is copied
// onto it, so a finalized invoice never changes when the agreement, catalog or ticket does.
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CountChange, InvoiceTax } from '../../../shared/api/invoices.ts';
import { invoiceLineKinds, invoiceStatuses, invoiceUnits } from '../../../shared/api/invoices.ts';
import { cents, instant, localDate, tenantKey, timestamps } from '../../db/columns.ts';
import { clients } from '../clients/clients.table.ts';
import { memberships, tenants } from '../identity/identity.table.ts';
import { timeEntries } from '../time/time.table.ts';

/** One row per organization, made on first use; the row lock taken by finalizing keeps numbers gapless. */
export const billingSettings = pgTable('billing_settings', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id),
  invoicePrefix: text().notNull().default('INV-'),
  nextInvoiceNumber: integer().notNull().default(1001),
  creditNotePrefix: text().notNull().default('CN-'),
  nextCreditNoteNumber: integer().notNull().default(1001),
  paymentTermsDays: integer().notNull().default(30),
  pricesIncludeTax: boolean().notNull().default(false),
  revenueAccountCode: text().notNull().default('200'),
  marginThresholdPercent: integer().notNull().default(20),
  updatedAt: instant().notNull().defaultNow(),
});

/**
 * What a block-hours or retainer agreement has left for the next invoice's labour: block minutes in
 * tranches by the month they were bought for (they expire by it), retainer cents.
 */
export type PoolBalances = Record<string, { tranches: { period: string; minutes: number }[]; cents: number }>;

export const invoices = pgTable(
  'invoices',
  {
    ...tenantKey(),
    clientId: uuid().notNull(),
    /** YYYY-MM: fees for this month, labour before its first day. */
    period: text().notNull(),
    status: text({ enum: invoiceStatuses }).notNull().default('draft'),
    /** Prefix and sequence, taken at finalizing. */
    number: text(),
    sequence: integer(),
    currency: text().notNull(),
    issuedOn: localDate(),
    dueOn: localDate(),
    paymentTermsDays: integer().notNull(),
    pricesIncludeTax: boolean().notNull(),
    taxExempt: boolean().notNull(),
    taxExemptionReference: text(),
    labourThrough: localDate().notNull(),
    subtotalCents: cents().notNull(),
    taxCents: cents().notNull(),
    totalCents: cents().notNull(),
    taxes: jsonb().$type<InvoiceTax[]>().notNull(),
    countChanges: jsonb().$type<CountChange[]>().notNull(),
    /** After this invoice: what its pools hold for the next one's labour. */
    poolBalances: jsonb().$type<PoolBalances>().notNull(),
    /** Credit this invoice could not absorb (tax included), taken off the client's next invoice. */
    creditCarriedCents: cents().notNull().default(0),
    /**
     * Every time entry the invoice took (billed, covered, absorbed, hidden) and, in the same order, the
     * revision it was classified at: finalizing refuses a draft whose time changed since.
     */
    timeEntryIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** Billable minutes no agreement gives a rate (shown as $0 labour): finalizing waits until they are priced. */
    unpricedMinutes: integer().notNull().default(0),
    timeEntryRevisions: integer().array().notNull().default(sql`'{}'::integer[]`),
    builtAt: instant().notNull(),
    finalizedAt: instant(),
    finalizedById: uuid(),
    voidedAt: instant(),
    voidedById: uuid(),
    voidReason: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({
      columns: [t.tenantId, t.finalizedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.voidedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    // One live invoice per client and month: two runs at once cannot both make one.
    uniqueIndex('invoices_client_period_key')
      .on(t.tenantId, t.clientId, t.period)
      .where(sql`${t.status} <> 'void'`),
    uniqueIndex('invoices_sequence_key').on(t.tenantId, t.sequence),
    index('invoices_period_idx').on(t.tenantId, t.period),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    ...tenantKey(),
    invoiceId: uuid().notNull(),
    position: integer().notNull(),
    kind: text({ enum: invoiceLineKinds }).notNull(),
    description: text().notNull(),
    detail: text(),
    quantity: numeric({ precision: 14, scale: 4, mode: 'number' }).notNull(),
    unit: text({ enum: invoiceUnits }).notNull(),
    unitPriceCents: cents().notNull(),
    amountCents: cents().notNull(),
    valueCents: cents().notNull(),
    taxCodeId: uuid(),
    taxCodeName: text(),
    taxRateBasisPoints: integer().notNull(),
    taxCents: cents().notNull(),
    agreementId: uuid(),
    agreementName: text(),
    agreementLineId: uuid(),
    catalogItemId: uuid(),
    ticketId: uuid(),
    ticketNumber: integer(),
    periodStart: localDate(),
    periodEnd: localDate(),
    timeEntryIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    costCents: cents().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.invoiceId],
      foreignColumns: [invoices.tenantId, invoices.id],
    }).onDelete('cascade'),
    index('invoice_lines_invoice_idx').on(t.tenantId, t.invoiceId, t.position),
  ],
);

/**
 * The time entries finalized invoices took: an entry is on at most one (the unique key), is never billed
 * again, and cannot be edited until the invoice is void, which deletes its rows. A draft keeps what it took
 * on its own row (`invoices.timeEntryIds`), so a run writes no row per entry.
 */
export const invoiceTimeEntries = pgTable(
  'invoice_time_entries',
  {
    tenantId: uuid().notNull(),
    invoiceId: uuid().notNull(),
    timeEntryId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.timeEntryId] }),
    foreignKey({
      columns: [t.tenantId, t.invoiceId],
      foreignColumns: [invoices.tenantId, invoices.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.timeEntryId],
      foreignColumns: [timeEntries.tenantId, timeEntries.id],
    }),
    index('invoice_time_entries_invoice_idx').on(t.tenantId, t.invoiceId),
  ],
);

/**
 * A credit against a finalized invoice (which never changes): its own gapless number, the reason, and its
 * lines, each reducing one invoice line with that line's tax code. Amounts are positive: what the client is
 * credited.
 */
export const creditNotes = pgTable(
  'credit_notes',
  {
    ...tenantKey(),
    invoiceId: uuid().notNull(),
    clientId: uuid().notNull(),
    number: text().notNull(),
    sequence: integer().notNull(),
    currency: text().notNull(),
    issuedOn: localDate().notNull(),
    reason: text().notNull(),
    pricesIncludeTax: boolean().notNull(),
    taxExempt: boolean().notNull(),
    subtotalCents: cents().notNull(),
    taxCents: cents().notNull(),
    totalCents: cents().notNull(),
    taxes: jsonb().$type<InvoiceTax[]>().notNull(),
    issuedById: uuid(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id] }),
    foreignKey({ columns: [t.tenantId, t.clientId], foreignColumns: [clients.tenantId, clients.id] }),
    foreignKey({
      columns: [t.tenantId, t.issuedById],
      foreignColumns: [memberships.tenantId, memberships.id],
    }),
    uniqueIndex('credit_notes_sequence_key').on(t.tenantId, t.sequence),
    index('credit_notes_invoice_idx').on(t.tenantId, t.invoiceId),
    index('credit_notes_issued_idx').on(t.tenantId, t.issuedOn),
  ],
);

export const creditNoteLines = pgTable(
  'credit_note_lines',
  {
    ...tenantKey(),
    creditNoteId: uuid().notNull(),
    position: integer().notNull(),
    invoiceLineId: uuid().notNull(),
    description: text().notNull(),
    amountCents: cents().notNull(),
    taxCodeId: uuid(),
    taxCodeName: text(),
    taxRateBasisPoints: integer().notNull(),
    taxCents: cents().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.creditNoteId],
      foreignColumns: [creditNotes.tenantId, creditNotes.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.invoiceLineId],
      foreignColumns: [invoiceLines.tenantId, invoiceLines.id],
    }),
    index('credit_note_lines_note_idx').on(t.tenantId, t.creditNoteId, t.position),
    index('credit_note_lines_invoice_line_idx').on(t.tenantId, t.invoiceLineId),
  ],
);
