// Credit notes: issued against a finalized invoice's lines, each line credited at most what is left of
// it, with the line's tax code; numbered from their own gapless sequence under the billing settings' row
// lock; read, printed and exported like invoices.
import type {
  CreditNote,
  CreditNoteInput,
  CreditNoteListQuery,
  CreditNoteSummary,
} from '../../../shared/api/credit-notes.ts';
import { computeTaxes } from '../../../shared/billing/invoice-math.ts';
import { groupBy } from '../../../shared/group-by.ts';
import { type CurrencyCode, formatMoney } from '../../../shared/money.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import * as repo from './credit-notes.repository.ts';
import { type CreditNoteCsvFormat, creditNotesToCsv } from './exports/credit-note-csv.ts';
import { renderCreditNotePdf } from './exports/invoice-pdf.ts';
import * as invoicesRepo from './invoices.repository.ts';

const notFound = () => new AppError('credit_note.not_found', 'Credit note not found.');

function toSummary({ creditNote, clientName, invoiceNumber }: repo.FoundCreditNote): CreditNoteSummary {
  return {
    id: creditNote.id,
    number: creditNote.number,
    invoiceId: creditNote.invoiceId,
    invoiceNumber: invoiceNumber ?? '',
    clientId: creditNote.clientId,
    clientName,
    currency: creditNote.currency as CurrencyCode,
    issuedOn: creditNote.issuedOn,
    reason: creditNote.reason,
    subtotalCents: creditNote.subtotalCents,
    taxCents: creditNote.taxCents,
    totalCents: creditNote.totalCents,
  };
}

export function createCreditNoteService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  /** The credit notes with their lines, read in one statement however many there are. */
  async function withLines(tenantId: string, found: readonly repo.FoundCreditNote[]): Promise<CreditNote[]> {
    const ids = found.map(({ creditNote }) => creditNote.id);
    const lines = groupBy(await repo.listCreditNoteLines(db, tenantId, ids), (line) => line.creditNoteId);
    return found.map((one) => ({
      ...toSummary(one),
      pricesIncludeTax: one.creditNote.pricesIncludeTax,
      taxExempt: one.creditNote.taxExempt,
      taxes: one.creditNote.taxes,
      issuedByName: one.issuedByName,
      lines: (lines.get(one.creditNote.id) ?? []).map(
        ({ tenantId: _, creditNoteId: __, position: ___, ...line }) => line,
      ),
    }));
  }

  async function load(scope: Scope, id: string): Promise<CreditNote> {
    const found = await repo.findCreditNote(db, scope, id);
    if (!found) throw notFound();
    const [note] = await withLines(scope.tenantId, [found]);
    return note!;
  }

  return {
    async list(scope: Scope, query: CreditNoteListQuery): Promise<CreditNoteSummary[]> {
      return (await repo.listCreditNotes(db, scope, query)).map(toSummary);
    },

    get: load,

    async issue(actor: Actor, invoiceId: string, input: CreditNoteInput): Promise<CreditNote> {
      const id = await actions.run(actor, 'credit_note.issue', async (tx, audit) => {
        const { tenantId } = actor.scope;
        if (!(await invoicesRepo.findInvoice(tx, actor.scope, invoiceId))) {
          throw new AppError('invoice.not_found', 'Invoice not found.');
        }
        // Held for the transaction: two credit notes for one invoice take turns, so neither over-credits.
        const invoice = (await invoicesRepo.lockInvoice(tx, tenantId, invoiceId))!;
        if (invoice.status !== 'finalized') {
          throw new AppError(
            'invoice.not_finalized',
            invoice.status === 'draft'
              ? 'A draft is changed by rebuilding it, not credited.'
              : 'A void invoice is owed nothing; there is nothing to credit.',
          );
        }
        const lines = new Map(
          (await invoicesRepo.listLines(tx, tenantId, [invoiceId])).map((line) => [line.id, line]),
        );
        const credited = await repo.creditedByLine(tx, tenantId, [invoiceId]);
        const money = (cents: number) => formatMoney(cents, invoice.currency);
        const creditLines = input.lines.map((wanted, index) => {
          const line = lines.get(wanted.invoiceLineId);
          if (!line || line.kind === 'credit_carried') {
            const message = line
              ? 'Credit carried to the next invoice is not credited again.'
              : 'Not a line of this invoice.';
            throw new AppError('request.invalid', message, [
              { path: ['lines', index, 'invoiceLineId'], message },
            ]);
          }
          const left = Math.max(0, line.amountCents - (credited.get(line.id) ?? 0));
          if (wanted.amountCents > left) {
            throw new AppError(
              'credit_note.exceeds_invoice',
              `“${line.description}” has ${money(left)} left to credit.`,
              { invoiceLineId: line.id, creditableCents: left },
            );
          }
          return {
            position: index,
            invoiceLineId: line.id,
            description: line.description,
            amountCents: wanted.amountCents,
            taxCodeId: line.taxCodeId,
            taxCodeName: line.taxCodeName,
            taxRateBasisPoints: line.taxRateBasisPoints,
          };
        });
        const totals = computeTaxes(
          creditLines.map((line) => ({
            amountCents: line.amountCents,
            taxCodeId: line.taxCodeId,
            taxName: line.taxCodeName ?? 'No tax',
            rateBasisPoints: line.taxRateBasisPoints,
          })),
          { pricesIncludeTax: invoice.pricesIncludeTax, taxExempt: invoice.taxExempt },
        );
        // Tax rounds per credit note, so partial credits could together pass the invoice by a cent.
        const before = (await repo.listInvoiceCreditNotes(tx, tenantId, [invoiceId])).reduce(
          (sum, note) => sum + note.totalCents,
          0,
        );
        if (before + totals.totalCents > invoice.totalCents) {
          const left = Math.max(0, invoice.totalCents - before);
          throw new AppError(
            'credit_note.exceeds_invoice',
            `The invoice has ${money(left)} left to credit, tax included.`,
            { creditableCents: left },
          );
        }
        const settings = await invoicesRepo.getSettings(tx, tenantId, true);
        const now = clock.now();
        const note = await repo.insertCreditNote(
          tx,
          {
            tenantId,
            invoiceId,
            clientId: invoice.clientId,
            number: `${settings.creditNotePrefix}${settings.nextCreditNoteNumber}`,
            sequence: settings.nextCreditNoteNumber,
            currency: invoice.currency,
            issuedOn: now.toISOString().slice(0, 10),
            reason: input.reason,
            pricesIncludeTax: invoice.pricesIncludeTax,
            taxExempt: invoice.taxExempt,
            subtotalCents: totals.subtotalCents,
            taxCents: totals.taxCents,
            totalCents: totals.totalCents,
            taxes: totals.taxes,
            issuedById: actor.scope.membershipId,
          },
          creditLines.map((line, position) => ({ ...line, taxCents: totals.lineTaxCents[position]! })),
        );
        await invoicesRepo.updateSettings(tx, tenantId, {
          nextCreditNoteNumber: settings.nextCreditNoteNumber + 1,
          updatedAt: now,
        });
        audit.target('credit_note', note.id);
        audit.change(null, {
          invoiceId,
          number: note.number,
          totalCents: note.totalCents,
          reason: input.reason,
        });
        return note.id;
      });
      return load(actor.scope, id);
    },

    /** The credit note as a PDF, naming the invoice it credits. */
    async pdf(scope: Scope, id: string) {
      const note = await load(scope, id);
      const parties = await invoicesRepo.findParties(db, scope.tenantId, note.clientId);
      const content = await renderCreditNotePdf(note, {
        organization: { name: parties.organizationName },
        client: { name: note.clientName, address: parties.clientAddress },
      });
      return { fileName: `${note.number}.pdf`, contentType: 'application/pdf', content };
    },

    /** The month's credit notes as Xero's credit note import or a plain CSV. */
    async exportCsv(scope: Scope, period: string, format: CreditNoteCsvFormat) {
      // Oldest first, as they were issued.
      const notes = await withLines(
        scope.tenantId,
        (await repo.listCreditNotes(db, scope, { period })).reverse(),
      );
      const settings = await invoicesRepo.getSettings(db, scope.tenantId);
      const csv = creditNotesToCsv(notes, format, {
        revenueAccountCode: settings.revenueAccountCode,
      });
      return {
        fileName: `credit-notes-${period}-${format}.csv`,
        contentType: 'text/csv',
        content: Buffer.from(csv),
      };
    },
  };
}

export type CreditNoteService = ReturnType<typeof createCreditNoteService>;
