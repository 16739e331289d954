// Builds one client's draft invoice for a month, inside the caller's transaction: fees for the month in
// advance, the client's unbilled time before it in arrears (classified with what its blocks and retainers
// hold), taxes. The client's row is held first, so two runs for one client take turns; a finalized month
// is left alone, and a draft is rebuilt in place — a run never bills anything twice.
import type { InvoiceRunOutcome } from '../../../shared/api/invoices.ts';
import type { ClassifyResult } from '../../../shared/billing/classify-time.ts';
import { computeTaxes, monthBounds, shiftPeriod } from '../../../shared/billing/invoice-math.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { AgreementRow } from '../agreements/index.ts';
import { findDefaultTaxCode } from '../catalog/index.ts';
import { classifyEntries } from '../time/index.ts';
import {
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
  outcome: InvoiceRunOutcome;
  invoice: repo.InvoiceRow | null;
}

const noTax: TaxRate = { taxCodeId: null, taxCodeName: null, taxRateBasisPoints: 0 };
const isPooled = (a: AgreementRow) => a.type === 'block_hours' || a.type === 'retainer';

export async function buildInvoice(
  tx: Executor,
  tenantId: string,
  clientId: string,
  period: string,
  now: Date,
): Promise<BuiltInvoice> {
  const client = await repo.lockClient(tx, tenantId, clientId);
  if (!client) throw new AppError('client.not_found', 'Client not found.');
  const live = await repo.findLiveInvoice(tx, tenantId, clientId, period);
  if (live?.status === 'finalized') return { outcome: 'already_finalized', invoice: live };

  const settings = await repo.getSettings(tx, tenantId);
  const labourThrough = monthBounds(period).first;
  const agreements = await repo.listClientAgreements(tx, tenantId, clientId);
  const agreementLines = await repo.listAgreementLines(
    tx,
    tenantId,
    agreements.map((a) => a.id),
  );
  const rows = await repo.listUnbilledEntries(tx, tenantId, clientId, new Date(`${labourThrough}T00:00:00Z`));
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

  const fees = feeLines({ period, agreements, lines: agreementLines, items, defaultTax });

  const previous = await repo.findPreviousInvoice(tx, tenantId, clientId, period);
  const pools = previous?.poolBalances ?? {};
  const opening = Object.fromEntries(
    Object.entries(pools).map(([id, pool]) => [
      id,
      { minutes: pool.tranches.reduce((sum, t) => sum + t.minutes, 0), cents: pool.cents },
    ]),
  );
  let labour: DraftLine[] = [];
  let closing: ClassifyResult['balances'] = {};
  if (rows.length > 0) {
    const { result, agreements: loaded } = await classifyEntries(tx, tenantId, rows, {
      balances: () => opening,
      alsoAgreementIds: agreements.filter(isPooled).map((a) => a.id),
    });
    closing = result.balances;
    const tickets = new Map<string, LabourTicket>();
    for (const { ticket } of rows) {
      tickets.set(ticket.id, {
        id: ticket.id,
        number: ticket.number,
        subject: ticket.title,
        tax: (ticket.serviceId && items.get(ticket.serviceId)?.tax) || defaultTax,
      });
    }
    labour = labourLines({
      entries: result.entries,
      tickets,
      ticketOf: new Map(rows.map(({ entry }) => [entry.id, entry.ticketId])),
      agreementNames: new Map([...loaded.values()].map((a) => [a.id, a.name])),
      showCoveredWork: client.showCoveredWork,
    });
  }

  const lines = [...fees.lines, ...labour];
  if (lines.length === 0 && fees.countChanges.length === 0 && rows.length === 0) {
    if (live) await repo.deleteInvoice(tx, tenantId, live.id);
    return { outcome: 'nothing_to_bill', invoice: null };
  }
  const totals = computeTaxes(
    lines.map((line) => ({
      amountCents: line.amountCents,
      taxCodeId: line.taxCodeId,
      taxName: line.taxCodeName ?? 'No tax',
      rateBasisPoints: line.taxRateBasisPoints,
    })),
    { pricesIncludeTax: settings.pricesIncludeTax, taxExempt: client.taxExempt },
  );
  const values = {
    currency: client.currency,
    paymentTermsDays: settings.paymentTermsDays,
    pricesIncludeTax: settings.pricesIncludeTax,
    taxExempt: client.taxExempt,
    taxExemptionReference: client.taxExempt ? client.taxExemptionReference : null,
    labourThrough,
    subtotalCents: totals.subtotalCents,
    taxCents: totals.taxCents,
    totalCents: totals.totalCents,
    taxes: totals.taxes.map(({ taxCodeId, name, rateBasisPoints, amountCents, taxCents }) => ({
      taxCodeId,
      name,
      rateBasisPoints,
      amountCents,
      taxCents,
    })),
    countChanges: fees.countChanges,
    poolBalances: nextPools(pools, opening, closing, agreements, fees.purchases, period),
    builtAt: now,
    updatedAt: now,
  };
  const invoice = live
    ? await repo.updateInvoice(tx, tenantId, live.id, values)
    : await repo.insertInvoice(tx, { tenantId, clientId, period, ...values });
  await repo.replaceContents(
    tx,
    tenantId,
    invoice.id,
    lines.map((line, position) => ({ ...line, position, taxCents: totals.lineTaxCents[position]! })),
    rows.map(({ entry }) => ({ timeEntryId: entry.id, revision: entry.revision })),
  );
  return { outcome: live ? 'rebuilt' : 'created', invoice };
}

/**
 * What each pool holds for the next invoice's labour: what this labour drew comes off the oldest block
 * tranches; a block that does not roll over loses what is left, and tranches past their expiry go; a
 * retainer's money does not roll over. Then the month's purchases join.
 */
function nextPools(
  pools: PoolBalances,
  opening: Record<string, { minutes: number; cents: number }>,
  closing: ClassifyResult['balances'],
  agreements: readonly AgreementRow[],
  purchases: ReadonlyMap<string, { minutes: number; cents: number }>,
  period: string,
): PoolBalances {
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
