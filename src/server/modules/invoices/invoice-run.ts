// Builds clients' draft invoices for a month: fees for the month in advance, each client's unbilled time
// before it in arrears (classified with what its blocks and retainers hold), taxes. Many clients are read
// in a few statements and planned in memory; each client's invoice is then written in its own short
// transaction behind a lock on its row, so two runs over a client take turns, a finalized month is left
// alone, and a draft is replaced under its id — a run never bills anything twice.
import type { InvoiceRunOutcome } from '../../../shared/api/invoices.ts';
import type { ClassifiedEntry, ClassifyResult } from '../../../shared/billing/classify-time.ts';
import { computeTaxes, monthBounds, shiftPeriod } from '../../../shared/billing/invoice-math.ts';
import { monthInWords } from '../../../shared/billing/invoice-text.ts';
import { groupBy } from '../../../shared/group-by.ts';
import type { Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { AppError } from '../../http/app-error.ts';
import type { AgreementLineRow, AgreementRow } from '../agreements/index.ts';
import { findDefaultTaxCode } from '../catalog/index.ts';
import { classifyLoaded, type EntryWithTicket, loadClassifyContext } from '../time/index.ts';
import { type CarriedIn, carryCredit } from './credit-carry.ts';
import {
  blankLine,
  type DraftLine,
  type FeeItem,
  feeLines,
  type LabourTicket,
  labourLines,
  type TaxRate,
} from './invoice-lines.ts';
import * as repo from './invoices.repository.ts';
import type { PoolBalances } from './invoices.table.ts';

export interface BuiltInvoice {
  outcome: Exclude<InvoiceRunOutcome, 'failed'>;
  invoice: { id: string; totalCents: number } | null;
}

const noTax: TaxRate = { taxCodeId: null, taxCodeName: null, taxRateBasisPoints: 0 };
const isPooled = (a: AgreementRow) => a.type === 'block_hours' || a.type === 'retainer';

/** Everything a batch of clients' invoices is made from. */
interface RunSources {
  period: string;
  labourThrough: string;
  settings: repo.SettingsRow;
  defaultTax: TaxRate;
  items: Map<string, FeeItem>;
  agreements: Map<string, AgreementRow[]>;
  agreementLines: Map<string, AgreementLineRow[]>;
  entries: Map<string, EntryWithTicket[]>;
  pools: Map<string, PoolBalances>;
  carried: Map<string, CarriedIn>;
  agreementNames: Map<string, string>;
  /** Service credits that stand, by client. */
  credits: Map<string, repo.StandingCredit[]>;
  classified: Map<string, ClassifiedEntry>;
  closing: ClassifyResult['balances'];
}

/** What one client's invoice will be, planned from a read of many clients' sources. */
export interface InvoicePlan {
  values: Omit<repo.InvoiceInsert, 'tenantId' | 'clientId' | 'period'>;
  lines: (DraftLine & { position: number; taxCents: number })[];
  /** The service credits the invoice credits. */
  serviceCreditIds: string[];
}

/**
 * Plans the clients' invoices for the month from one read of their sources (a few statements however
 * many clients): a plan per client, null where there is nothing to bill. Clients whose month is finalized
 * are left out. Throws when any client's time cannot be classified; the caller plans them one by one.
 */
export async function planInvoices(
  db: Executor,
  tenantId: string,
  clientIds: readonly string[],
  period: string,
  now: Date,
): Promise<Map<string, InvoicePlan | null>> {
  const finalized = new Set(
    (await repo.listLiveInvoices(db, tenantId, clientIds, period)).flatMap((i) =>
      i.status === 'finalized' ? [i.clientId] : [],
    ),
  );
  const clients = (await repo.listClients(db, tenantId, clientIds)).filter((c) => !finalized.has(c.id));
  if (clients.length === 0) return new Map();
  const sources = await readSources(db, tenantId, clients, period, now);
  return new Map(clients.map((client) => [client.id, planInvoice(client, sources, now)]));
}

/**
 * Writes one client's planned invoice in the caller's transaction, behind a lock on the client's row, so
 * runs over a client take turns: a finalized month is left alone, a draft is replaced under its id (the
 * latest plan wins), and a draft with nothing left to bill goes.
 */
export async function writeInvoice(
  tx: Executor,
  tenantId: string,
  clientId: string,
  period: string,
  plan: InvoicePlan | null,
): Promise<BuiltInvoice> {
  const locked = await repo.lockClientMonth(tx, tenantId, clientId, period);
  if (!locked) throw new AppError('client.not_found', 'Client not found.');
  const live = locked.invoice;
  if (live?.status === 'finalized') return { outcome: 'already_finalized', invoice: live };
  if (live) await repo.deleteInvoices(tx, tenantId, [live.id]);
  if (!plan) {
    await repo.assignCredits(tx, tenantId, live?.id ?? null, null, []);
    return { outcome: 'nothing_to_bill', invoice: null };
  }
  const invoice = await repo.insertDraft(tx, {
    ...plan.values,
    id: live?.id ?? newId(),
    tenantId,
    clientId,
    period,
    ...(live && { createdAt: live.createdAt }),
  });
  await repo.insertLines(
    tx,
    tenantId,
    plan.lines.map((line) => ({ ...line, invoiceId: invoice.id })),
  );
  await repo.assignCredits(tx, tenantId, live?.id ?? null, invoice.id, plan.serviceCreditIds);
  return { outcome: live ? 'rebuilt' : 'created', invoice };
}

/** One client's invoice for the month (a rebuild, an approval), read after its row is held. */
export async function buildInvoice(
  tx: Executor,
  tenantId: string,
  clientId: string,
  period: string,
  now: Date,
): Promise<BuiltInvoice> {
  await repo.lockClientMonth(tx, tenantId, clientId, period);
  const plans = await planInvoices(tx, tenantId, [clientId], period, now);
  return writeInvoice(tx, tenantId, clientId, period, plans.get(clientId) ?? null);
}

async function readSources(
  tx: Executor,
  tenantId: string,
  clients: readonly repo.ClientRow[],
  period: string,
  now: Date,
): Promise<RunSources> {
  const ids = clients.map((c) => c.id);
  const settings = await repo.getSettings(tx, tenantId);
  const labourThrough = monthBounds(period).first;
  const agreements = await repo.listClientsAgreements(tx, tenantId, ids);
  const agreementLines = await repo.listAgreementLines(
    tx,
    tenantId,
    agreements.map((a) => a.id),
  );
  const rows = await repo.listUnbilledEntries(tx, tenantId, ids, new Date(`${labourThrough}T00:00:00Z`));
  const items = new Map(
    (
      await repo.listItemsWithTax(tx, tenantId, [
        ...agreementLines.map((l) => l.catalogItemId),
        ...rows.flatMap((r) => (r.ticket.serviceId ? [r.ticket.serviceId] : [])),
      ])
    ).map(({ item, taxCodeName, taxRateBasisPoints }) => [
      item.id,
      {
        name: item.name,
        unit: item.unit,
        isResale: item.isResale,
        unitCostCents: item.unitCostCents,
        tax: { taxCodeId: item.taxCodeId, taxCodeName, taxRateBasisPoints },
      } satisfies FeeItem,
    ]),
  );
  const defaultTaxRow = await findDefaultTaxCode(tx, tenantId);
  const defaultTax: TaxRate = defaultTaxRow
    ? {
        taxCodeId: defaultTaxRow.id,
        taxCodeName: defaultTaxRow.name,
        taxRateBasisPoints: defaultTaxRow.rateBasisPoints,
      }
    : noTax;
  const previous = await repo.listPreviousInvoices(tx, tenantId, ids, period);
  const pools = new Map(previous.map((p) => [p.clientId, p.poolBalances]));
  const carried = new Map(
    previous.map((p) => [
      p.clientId,
      { cents: p.creditCarriedCents, from: p.number ?? `the ${monthInWords(p.period)} draft` },
    ]),
  );
  const context = await loadClassifyContext(tx, tenantId, {
    tickets: new Set(rows.map((r) => r.ticket)),
    entryAgreementIds: rows.map((r) => r.entry.agreementId),
    known: new Map(agreements.filter(isPooled).map((a) => [a.id, a])),
  });
  // Every client's time in one pass: balances are per agreement, so clients never share one.
  const opening = Object.fromEntries([...pools.values()].flatMap((p) => Object.entries(openingOf(p))));
  const { entries, balances: closing } = classifyLoaded(context, rows, { balances: () => opening });
  return {
    period,
    labourThrough,
    settings,
    defaultTax,
    items,
    agreements: groupBy(agreements, (a) => a.clientId),
    agreementLines: groupBy(agreementLines, (l) => l.agreementId),
    entries: groupBy(rows, (r) => r.clientId),
    pools,
    carried,
    agreementNames: new Map([...context.chain.values()].map((a) => [a.id, a.name])),
    credits: groupBy(
      await repo.listStandingCredits(tx, tenantId, ids, period, now.toISOString().slice(0, 10)),
      (c) => c.credit.clientId,
    ),
    classified: new Map(entries.map((e) => [e.entryId, e])),
    closing,
  };
}

const openingOf = (pools: PoolBalances) =>
  Object.fromEntries(
    Object.entries(pools).map(([id, pool]) => [
      id,
      { minutes: pool.tranches.reduce((sum, t) => sum + t.minutes, 0), cents: pool.cents },
    ]),
  );

/** One client's invoice from the batch's sources; null when there is nothing to bill. */
function planInvoice(client: repo.ClientRow, sources: RunSources, now: Date): InvoicePlan | null {
  const { period, settings, items, defaultTax } = sources;
  const agreements = sources.agreements.get(client.id) ?? [];
  const rows = sources.entries.get(client.id) ?? [];
  const fees = feeLines({
    period,
    agreements,
    lines: agreements.flatMap((a) => sources.agreementLines.get(a.id) ?? []),
    items,
    defaultTax,
  });

  const pools = sources.pools.get(client.id) ?? {};
  let labour: DraftLine[] = [];
  let unpricedMinutes = 0;
  if (rows.length > 0) {
    const tickets = new Map<string, LabourTicket>();
    for (const { ticket } of rows) {
      tickets.set(ticket.id, {
        id: ticket.id,
        number: ticket.number,
        subject: ticket.title,
        tax: (ticket.serviceId && items.get(ticket.serviceId)?.tax) || defaultTax,
      });
    }
    const classified = rows.map(({ entry }) => sources.classified.get(entry.id)!);
    for (const segment of classified.flatMap((entry) => entry.segments)) {
      if (segment.outcome === 'billable' && segment.rateCents === null && segment.drawdownMinutes === 0) {
        unpricedMinutes += segment.billableMinutes;
      }
    }
    labour = labourLines({
      entries: classified,
      tickets,
      ticketOf: new Map(rows.map(({ entry }) => [entry.id, entry.ticketId])),
      agreementNames: sources.agreementNames,
      showCoveredWork: client.showCoveredWork,
    });
  }

  const credits = sources.credits.get(client.id) ?? [];
  const charges = [...fees.lines, ...labour, ...credits.map((c) => creditLine(c, defaultTax))];
  if (charges.length === 0 && fees.countChanges.length === 0 && rows.length === 0) return null;
  const { lines, totals, carriedCents } = carryCredit(
    charges,
    sources.carried.get(client.id) ?? { cents: 0, from: '' },
    (all) =>
      computeTaxes(
        all.map((line) => ({
          amountCents: line.amountCents,
          taxCodeId: line.taxCodeId,
          taxName: line.taxCodeName ?? 'No tax',
          rateBasisPoints: line.taxRateBasisPoints,
        })),
        { pricesIncludeTax: settings.pricesIncludeTax, taxExempt: client.taxExempt },
      ),
  );
  return {
    values: {
      currency: client.currency,
      paymentTermsDays: settings.paymentTermsDays,
      pricesIncludeTax: settings.pricesIncludeTax,
      taxExempt: client.taxExempt,
      taxExemptionReference: client.taxExempt ? client.taxExemptionReference : null,
      labourThrough: sources.labourThrough,
      subtotalCents: totals.subtotalCents,
      taxCents: totals.taxCents,
      totalCents: totals.totalCents,
      taxes: totals.taxes,
      countChanges: fees.countChanges,
      poolBalances: nextPools(pools, sources.closing, agreements, fees.purchases, period),
      creditCarriedCents: carriedCents,
      timeEntryIds: rows.map(({ entry }) => entry.id),
      unpricedMinutes,
      timeEntryRevisions: rows.map(({ entry }) => entry.revision),
      builtAt: now,
      updatedAt: now,
    },
    lines: lines.map((line, position) => ({ ...line, position, taxCents: totals.lineTaxCents[position]! })),
    serviceCreditIds: credits.map((c) => c.credit.id),
  };
}

/** A service credit that stands, as a line taking its amount off the invoice (taxed like the fees it reduces). */
function creditLine({ credit, agreementName, ticketNumber }: repo.StandingCredit, tax: TaxRate): DraftLine {
  return {
    ...blankLine,
    ...tax,
    kind: 'service_credit',
    description: `Service credit for ${monthInWords(credit.month)}: ${credit.explanation}`,
    quantity: 1,
    unit: 'each',
    unitPriceCents: -credit.amountCents,
    amountCents: -credit.amountCents,
    valueCents: -credit.amountCents,
    agreementId: credit.agreementId,
    agreementName,
    ticketId: credit.ticketId,
    ticketNumber,
    periodStart: null,
    periodEnd: null,
  };
}

/**
 * What each pool holds for the next invoice's labour: what this labour drew comes off the oldest block
 * tranches; a block that does not roll over loses what is left, and tranches past their expiry go; a
 * retainer's money does not roll over. Then the month's purchases join.
 */
function nextPools(
  pools: PoolBalances,
  closing: ClassifyResult['balances'],
  agreements: readonly AgreementRow[],
  purchases: ReadonlyMap<string, { minutes: number; cents: number }>,
  period: string,
): PoolBalances {
  const opening = openingOf(pools);
  const next: PoolBalances = {};
  for (const agreement of agreements.filter(isPooled)) {
    let tranches = (pools[agreement.id]?.tranches ?? []).map((t) => ({ ...t }));
    let drawn =
      (opening[agreement.id]?.minutes ?? 0) -
      (closing[agreement.id]?.minutes ?? opening[agreement.id]?.minutes ?? 0);
    for (const tranche of tranches) {
      const take = Math.min(tranche.minutes, drawn);
      tranche.minutes -= take;
      drawn -= take;
    }
    const keepFrom =
      agreement.blockExpiryMonths === null
        ? '0000-00'
        : shiftPeriod(period, -(agreement.blockExpiryMonths - 1));
    tranches =
      agreement.blockRollover === 'all' ? tranches.filter((t) => t.minutes > 0 && t.period >= keepFrom) : [];
    const bought = purchases.get(agreement.id);
    if (bought && bought.minutes > 0) tranches.push({ period, minutes: bought.minutes });
    if (tranches.length > 0 || (bought?.cents ?? 0) > 0) {
      next[agreement.id] = { tranches, cents: bought?.cents ?? 0 };
    }
  }
  return next;
}
