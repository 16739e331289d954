// Invoices: the month's run (clients planned in batches from one read, each client's invoice committed in
// its own transaction, so a run over hundreds of clients never holds the database, and one client's
// failure is reported, not spread), review, count approval,
// finalizing with the next gapless number, void; and the organization's billing settings.

import type {
  ApproveCountsInput,
  BillingSettings,
  BillingSettingsUpdate,
  Invoice,
  InvoiceListQuery,
  InvoiceRunInput,
  InvoiceRunResult,
  InvoiceSummary,
} from '../../../shared/api/invoices.ts';
import { monthBounds, shiftPeriod } from '../../../shared/billing/invoice-math.ts';
import { groupBy } from '../../../shared/group-by.ts';
import { addDays } from '../../../shared/utc-days.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import * as creditRepo from './credit-notes.repository.ts';
import { type InvoiceCsvFormat, invoicesToCsv } from './exports/invoice-csv.ts';
import { renderInvoicePdf } from './exports/invoice-pdf.ts';
import { type BuiltInvoice, buildInvoice, planInvoices, writeInvoice } from './invoice-run.ts';
import * as repo from './invoices.repository.ts';

const notFound = () => new AppError('invoice.not_found', 'Invoice not found.');
const notDraft = (status: string) =>
  new AppError('invoice.not_draft', `This invoice is ${status}; only a draft can change.`);

type Found = NonNullable<Awaited<ReturnType<typeof repo.findInvoice>>>;

function toSummary({ invoice, clientName }: Found): InvoiceSummary {
  return {
    id: invoice.id,
    number: invoice.number,
    clientId: invoice.clientId,
    clientName,
    period: invoice.period,
    status: invoice.status,
    currency: invoice.currency as InvoiceSummary['currency'],
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    subtotalCents: invoice.subtotalCents,
    taxCents: invoice.taxCents,
    totalCents: invoice.totalCents,
    pendingCountChanges: invoice.countChanges.length,
    builtAt: invoice.builtAt.toISOString(),
  };
}

/** Clients planned from one read: a few statements each read, and each client then commits on its own. */
const PLAN_BATCH = 100;

type RunResult = InvoiceRunResult['results'][number];

function toResult(client: { id: string; name: string }, built: BuiltInvoice): RunResult {
  return {
    clientId: client.id,
    clientName: client.name,
    outcome: built.outcome,
    invoiceId: built.invoice?.id ?? null,
    totalCents: built.invoice?.totalCents ?? null,
    message: null,
  };
}

/** A client that could not be built: an AppError says why; anything else is logged and said plainly. */
function failed(client: { id: string; name: string }, error: unknown): RunResult {
  if (!(error instanceof AppError)) console.error(error);
  return {
    clientId: client.id,
    clientName: client.name,
    outcome: 'failed',
    invoiceId: null,
    totalCents: null,
    message:
      error instanceof AppError ? error.message : 'The invoice could not be built; see the server log.',
  };
}

function toSettings(row: repo.SettingsRow): BillingSettings {
  const { tenantId: _, updatedAt: __, ...settings } = row;
  return settings;
}

const hoursText = (minutes: number) =>
  `${Number((minutes / 60).toFixed(2))} hour${minutes === 60 ? '' : 's'}`;

export function createInvoiceService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  /** The invoices with their lines and credit notes, read in three statements however many there are. */
  async function toInvoices(db: Executor, tenantId: string, found: readonly Found[]): Promise<Invoice[]> {
    const ids = found.map(({ invoice }) => invoice.id);
    const lines = groupBy(await repo.listLines(db, tenantId, ids), (line) => line.invoiceId);
    const credited = await creditRepo.creditedByLine(db, tenantId, ids);
    const notes = groupBy(await creditRepo.listInvoiceCreditNotes(db, tenantId, ids), (n) => n.invoiceId);
    return found.map((one) => {
      const { invoice } = one;
      const creditNotes = (notes.get(invoice.id) ?? []).map(({ invoiceId: _, ...note }) => note);
      return {
        ...toSummary(one),
        paymentTermsDays: invoice.paymentTermsDays,
        pricesIncludeTax: invoice.pricesIncludeTax,
        taxExempt: invoice.taxExempt,
        taxExemptionReference: invoice.taxExemptionReference,
        labourThrough: invoice.labourThrough,
        unpricedMinutes: invoice.unpricedMinutes,
        taxes: invoice.taxes,
        countChanges: invoice.countChanges,
        lines: (lines.get(invoice.id) ?? []).map(
          ({ tenantId: _, invoiceId: __, agreementLineId: ___, ...line }) => ({
            ...line,
            creditedCents: credited.get(line.id) ?? 0,
          }),
        ),
        finalizedAt: invoice.finalizedAt?.toISOString() ?? null,
        finalizedByName: one.finalizedByName,
        voidedAt: invoice.voidedAt?.toISOString() ?? null,
        voidReason: invoice.voidReason,
        creditNotes,
        creditedCents: creditNotes.reduce((sum, note) => sum + note.totalCents, 0),
      };
    });
  }

  async function load(db: Executor, scope: Scope, id: string): Promise<Invoice> {
    const found = await repo.findInvoice(db, scope, id);
    if (!found) throw notFound();
    const [invoice] = await toInvoices(db, scope.tenantId, [found]);
    return invoice!;
  }

  /** The invoice, held for the transaction, if the actor can see its client. */
  async function lockVisible(tx: Executor, actor: Actor, id: string) {
    if (!(await repo.findInvoice(tx, actor.scope, id))) throw notFound();
    return (await repo.lockInvoice(tx, actor.scope.tenantId, id))!;
  }

  return {
    async list(scope: Scope, query: InvoiceListQuery): Promise<InvoiceSummary[]> {
      return (await repo.listInvoices(db, scope, query)).map(toSummary);
    },

    get: (scope: Scope, id: string) => load(db, scope, id),

    async run(actor: Actor, input: InvoiceRunInput): Promise<InvoiceRunResult> {
      const { period } = input;
      const clients = await repo.listClientsToRun(db, actor.scope, period, input.clientIds);
      const missing = (input.clientIds ?? []).filter((id) => !clients.some((c) => c.id === id));
      if (missing.length > 0) {
        throw new AppError('request.invalid', `No such client: ${missing.join(', ')}`, [
          { path: ['clientIds'], message: `No such client: ${missing.join(', ')}` },
        ]);
      }
      const results: InvoiceRunResult['results'] = [];
      const plan = (ids: string[]) =>
        db.transaction((tx) => planInvoices(tx, actor.scope.tenantId, ids, period, clock.now()), {
          isolationLevel: 'repeatable read',
        });
      for (let i = 0; i < clients.length; i += PLAN_BATCH) {
        const batch = clients.slice(i, i + PLAN_BATCH);
        const plans = await plan(batch.map((c) => c.id)).catch(() => null);
        for (const client of batch) {
          try {
            // A batch that could not be planned is planned client by client: only the culprit fails.
            const planned = plans ?? (await plan([client.id]));
            const built = await actions.run(actor, 'invoice.build', async (tx, audit) => {
              const result = await writeInvoice(
                tx,
                actor.scope.tenantId,
                client.id,
                period,
                planned.get(client.id) ?? null,
              );
              audit.target(result.invoice ? 'invoice' : 'client', result.invoice?.id ?? client.id);
              audit.change(null, {
                period,
                outcome: result.outcome,
                totalCents: result.invoice?.totalCents ?? null,
              });
              return result;
            });
            results.push(toResult(client, built));
          } catch (error) {
            results.push(failed(client, error));
          }
        }
      }
      return { period, results };
    },

    async rebuild(actor: Actor, id: string): Promise<Invoice> {
      await actions.run(actor, 'invoice.rebuild', async (tx, audit) => {
        const invoice = await lockVisible(tx, actor, id);
        if (invoice.status !== 'draft') throw notDraft(invoice.status);
        audit.target('invoice', id);
        await buildInvoice(tx, actor.scope.tenantId, invoice.clientId, invoice.period, clock.now());
      });
      return load(db, actor.scope, id);
    },

    async approveCounts(actor: Actor, id: string, input: ApproveCountsInput): Promise<Invoice> {
      await actions.run(actor, 'invoice.approve_counts', async (tx, audit) => {
        const invoice = await lockVisible(tx, actor, id);
        if (invoice.status !== 'draft') throw notDraft(invoice.status);
        audit.target('invoice', id);
        // A count took effect in the month before the invoice's at the earliest: that month is the one
        // its invoice billed at the old count.
        const first = monthBounds(invoice.period).first;
        const earliest = monthBounds(shiftPeriod(invoice.period, -1)).first;
        input.changes.forEach(({ effectiveOn }, index) => {
          if (effectiveOn !== undefined && (effectiveOn < earliest || effectiveOn > first)) {
            const message = `Choose a day from ${earliest} to ${first}`;
            throw new AppError('request.invalid', message, [
              { path: ['changes', index, 'effectiveOn'], message },
            ]);
          }
        });
        const moved: string[] = [];
        for (const change of input.changes) {
          const shown = invoice.countChanges.find((c) => c.agreementLineId === change.agreementLineId);
          if (
            !shown ||
            shown.quantity !== change.quantity ||
            !(await repo.approveCount(tx, invoice.tenantId, {
              ...change,
              effectiveOn: change.effectiveOn ?? null,
            }))
          ) {
            moved.push(change.agreementLineId);
          }
        }
        if (moved.length > 0) {
          throw new AppError(
            'invoice.count_moved',
            'A count changed again since this invoice was built; rebuild it and review the counts.',
            { agreementLineIds: moved },
          );
        }
        audit.change(invoice.countChanges, input.changes);
        await buildInvoice(tx, invoice.tenantId, invoice.clientId, invoice.period, clock.now());
      });
      return load(db, actor.scope, id);
    },

    async finalize(actor: Actor, id: string): Promise<Invoice> {
      await actions.run(actor, 'invoice.finalize', async (tx, audit) => {
        const invoice = await lockVisible(tx, actor, id);
        const { tenantId } = invoice;
        if (invoice.status !== 'draft') throw notDraft(invoice.status);
        audit.target('invoice', id);
        if (invoice.countChanges.length > 0) {
          throw new AppError(
            'invoice.counts_pending',
            invoice.countChanges.length === 1
              ? 'A count change waits for approval; approve it before finalizing.'
              : `${invoice.countChanges.length} count changes wait for approval; approve them before finalizing.`,
          );
        }
        if (invoice.unpricedMinutes > 0) {
          throw new AppError(
            'invoice.unpriced',
            `${hoursText(invoice.unpricedMinutes)} of billable time has no rate to bill at: put its tickets under an agreement or override the time, then rebuild.`,
            { unpricedMinutes: invoice.unpricedMinutes },
          );
        }
        const earlier = await repo.findEarlierDraft(tx, tenantId, invoice.clientId, invoice.period);
        if (earlier) {
          throw new AppError(
            'invoice.earlier_draft',
            `The client's invoice for ${earlier.period} is still a draft; finalize it first, as each month feeds the next.`,
          );
        }
        const changed = await repo.countChangedEntries(tx, invoice);
        const untaken = await repo.countUntakenEntries(tx, invoice);
        if (changed + untaken > 0) {
          throw new AppError(
            'invoice.stale',
            'Time was logged or changed since this draft was built; rebuild it and review it again.',
            { changedEntries: changed, newEntries: untaken },
          );
        }
        const settings = await repo.getSettings(tx, tenantId, true);
        const now = clock.now();
        const issuedOn = now.toISOString().slice(0, 10);
        const finalized = await repo.updateInvoice(tx, tenantId, id, {
          status: 'finalized',
          sequence: settings.nextInvoiceNumber,
          number: `${settings.invoicePrefix}${settings.nextInvoiceNumber}`,
          issuedOn,
          dueOn: addDays(issuedOn, invoice.paymentTermsDays),
          finalizedAt: now,
          finalizedById: actor.scope.membershipId,
          updatedAt: now,
        });
        await repo.updateSettings(tx, tenantId, {
          nextInvoiceNumber: settings.nextInvoiceNumber + 1,
          updatedAt: now,
        });
        await repo.lockEntries(tx, invoice);
        audit.change(
          { status: 'draft' },
          { status: 'finalized', number: finalized.number, totalCents: finalized.totalCents },
        );
      });
      return load(db, actor.scope, id);
    },

    async void(actor: Actor, id: string, reason: string): Promise<Invoice> {
      await actions.run(actor, 'invoice.void', async (tx, audit) => {
        const invoice = await lockVisible(tx, actor, id);
        if (invoice.status !== 'finalized') {
          throw new AppError(
            'invoice.not_finalized',
            invoice.status === 'draft' ? 'A draft is deleted, not voided.' : 'This invoice is already void.',
          );
        }
        audit.target('invoice', id);
        const credits = await creditRepo.listInvoiceCreditNotes(tx, invoice.tenantId, [id]);
        if (credits.length > 0) {
          throw new AppError(
            'invoice.credited',
            `Credit note ${credits.map((c) => c.number).join(', ')} credits this invoice, so it stays; credit what is left instead.`,
          );
        }
        const now = clock.now();
        await repo.updateInvoice(tx, invoice.tenantId, id, {
          status: 'void',
          voidedAt: now,
          voidedById: actor.scope.membershipId,
          voidReason: reason,
          updatedAt: now,
        });
        // Its time is free again: the next run of the month bills it on a new invoice with a new number.
        await repo.unlockEntries(tx, invoice.tenantId, id);
        audit.change({ status: 'finalized' }, { status: 'void', reason });
      });
      return load(db, actor.scope, id);
    },

    async deleteDraft(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'invoice.delete', async (tx, audit) => {
        const invoice = await lockVisible(tx, actor, id);
        if (invoice.status !== 'draft') throw notDraft(invoice.status);
        audit.target('invoice', id);
        audit.change({ period: invoice.period, totalCents: invoice.totalCents }, null);
        await repo.deleteInvoices(tx, invoice.tenantId, [id]);
      });
    },

    /** The invoice as a PDF a client would accept; drafts say DRAFT, void ones VOID. */
    async pdf(scope: Scope, id: string) {
      const invoice = await load(db, scope, id);
      const parties = await repo.findParties(db, scope.tenantId, invoice.clientId);
      const content = await renderInvoicePdf(invoice, {
        organization: { name: parties.organizationName },
        client: { name: invoice.clientName, address: parties.clientAddress },
      });
      const name = invoice.number ?? `${invoice.clientName} ${invoice.period} draft`;
      return { fileName: `${name}.pdf`, contentType: 'application/pdf', content };
    },

    /**
     * The month's invoices as CSV: the accounting formats take finalized invoices only (what was
     * issued); the plain one every invoice that is not void.
     */
    async exportCsv(scope: Scope, period: string, format: InvoiceCsvFormat) {
      const wanted = format === 'plain' ? ['draft', 'finalized'] : ['finalized'];
      const found = (await repo.listInvoices(db, scope, { period })).filter((f) =>
        wanted.includes(f.invoice.status),
      );
      const invoices = await toInvoices(db, scope.tenantId, found);
      const settings = await repo.getSettings(db, scope.tenantId);
      let csv: string;
      try {
        csv = invoicesToCsv(invoices, format, { revenueAccountCode: settings.revenueAccountCode });
      } catch (error) {
        if (error instanceof RangeError) throw new AppError('request.invalid', error.message);
        throw error;
      }
      return {
        fileName: `invoices-${period}-${format}.csv`,
        contentType: 'text/csv',
        content: Buffer.from(csv),
      };
    },

    async getSettings(scope: Scope): Promise<BillingSettings> {
      return toSettings(await repo.getSettings(db, scope.tenantId));
    },

    async updateSettings(actor: Actor, input: BillingSettingsUpdate): Promise<BillingSettings> {
      return actions.run(actor, 'billing_settings.update', async (tx, audit) => {
        const before = await repo.getSettings(tx, actor.scope.tenantId, true);
        audit.target('billing_settings', actor.scope.tenantId);
        if (input.nextInvoiceNumber !== undefined && input.nextInvoiceNumber < before.nextInvoiceNumber) {
          const used = await repo.findUsedSequence(tx, actor.scope.tenantId, input.nextInvoiceNumber);
          if (used) {
            const message = `Invoice ${used} already has a number at or above ${input.nextInvoiceNumber}; numbers never repeat.`;
            throw new AppError('request.invalid', message, [{ path: ['nextInvoiceNumber'], message }]);
          }
        }
        const after = await repo.updateSettings(tx, actor.scope.tenantId, {
          ...input,
          updatedAt: clock.now(),
        });
        audit.change(toSettings(before), toSettings(after));
        return toSettings(after);
      });
    },
  };
}

export type InvoiceService = ReturnType<typeof createInvoiceService>;
