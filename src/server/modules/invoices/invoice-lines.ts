// The lines of a client's invoice for a month, from what was loaded: fees for the month in advance from
// the agreements in force in it (prorated by day), labour in arrears from the classified time. Pure.
import type { CatalogUnit } from '../../../shared/api/catalog.ts';
import type { CountChange, InvoiceLineKind, InvoiceUnit } from '../../../shared/api/invoices.ts';
import type { ClassifiedEntry, ClassifiedSegment } from '../../../shared/billing/classify-time.ts';
import {
  daysInForce,
  hoursOf,
  type MonthSpan,
  monthBounds,
  prorate,
  shiftPeriod,
} from '../../../shared/billing/invoice-math.ts';
import { monthInWords } from '../../../shared/billing/invoice-text.ts';
import type { AgreementLineRow, AgreementRow } from '../agreements/index.ts';

export interface TaxRate {
  taxCodeId: string | null;
  taxCodeName: string | null;
  taxRateBasisPoints: number;
}

/** A line before it has an invoice, a position and its share of tax. */
export interface DraftLine extends TaxRate {
  kind: InvoiceLineKind;
  description: string;
  detail: string | null;
  quantity: number;
  unit: InvoiceUnit;
  unitPriceCents: number;
  amountCents: number;
  valueCents: number;
  agreementId: string | null;
  agreementName: string | null;
  agreementLineId: string | null;
  catalogItemId: string | null;
  ticketId: string | null;
  ticketNumber: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  timeEntryIds: string[];
  costCents: number;
}

export interface FeeItem {
  name: string;
  unit: CatalogUnit;
  isResale: boolean;
  unitCostCents: number | null;
  tax: TaxRate;
}

export interface FeeSources {
  period: string;
  agreements: readonly AgreementRow[];
  lines: readonly AgreementLineRow[];
  items: ReadonlyMap<string, FeeItem>;
  /** Blocks, retainers and fixed fees: the organization's default tax code. */
  defaultTax: TaxRate;
}

const unitOf: Record<CatalogUnit, InvoiceUnit> = {
  per_device: 'device',
  per_user: 'user',
  flat: 'month',
  hourly: 'hour',
  fixed_fee: 'each',
};

export const blankLine = {
  detail: null,
  agreementLineId: null,
  catalogItemId: null,
  ticketId: null,
  ticketNumber: null,
  timeEntryIds: [],
  costCents: 0,
} satisfies Partial<DraftLine>;

/**
 * Fees for the month: recurring and resale lines at the approved count (or the minimum commitment), a
 * retainer, a block of hours, a project's fixed fee in its first month. Recurring fees and retainers are
 * prorated by the days the agreement is in force; a block is bought whole. Counts that changed since
 * billing approved them are returned to approve.
 */
export function feeLines(sources: FeeSources): {
  lines: DraftLine[];
  countChanges: CountChange[];
  /** What the month buys into each pool: block minutes, retainer cents. */
  purchases: Map<string, { minutes: number; cents: number }>;
} {
  const { period } = sources;
  const lines: DraftLine[] = [];
  const countChanges: CountChange[] = [];
  const purchases = new Map<string, { minutes: number; cents: number }>();
  const month = monthInWords(period);
  for (const agreement of sources.agreements) {
    const span = daysInForce(period, agreement.startsOn, agreement.endsOn);
    if (span === null) continue;
    const prorated = span.inForce < span.days;
    const proration = prorated ? `${span.inForce} of ${span.days} days, ${span.first} to ${span.last}` : null;
    const base = {
      ...blankLine,
      agreementId: agreement.id,
      agreementName: agreement.name,
      periodStart: span.first,
      periodEnd: span.last,
    };
    for (const line of sources.lines.filter((l) => l.agreementId === agreement.id)) {
      const item = sources.items.get(line.catalogItemId);
      if (!item) continue;
      if (line.approvedQuantity !== line.quantity) {
        countChanges.push({
          agreementLineId: line.id,
          agreementId: agreement.id,
          agreementName: agreement.name,
          itemName: item.name,
          approvedQuantity: line.approvedQuantity,
          quantity: line.quantity,
        });
      }
      const name = line.description || item.name;
      /** `quantity` of the item for the days of `days`, prorated; costs too, for resale. */
      const itemLine = (quantity: number, days: MonthSpan, description: string, detail: string | null) => {
        const share = (cents: number) => prorate(quantity * cents, days.inForce, days.days);
        return {
          ...base,
          ...item.tax,
          kind: item.isResale ? ('resale' as const) : ('recurring' as const),
          description,
          detail,
          quantity,
          unit: unitOf[item.unit],
          unitPriceCents: line.unitPriceCents,
          amountCents: share(line.unitPriceCents),
          valueCents: share(line.unitPriceCents),
          periodStart: days.first,
          periodEnd: days.last,
          agreementLineId: line.id,
          catalogItemId: line.catalogItemId,
          costCents: item.isResale ? share(item.unitCostCents ?? 0) : 0,
        };
      };
      const approved = line.approvedQuantity ?? 0;
      const quantity = Math.max(approved, line.minimumQuantity);
      // A count of nothing bills no line, though a change back into the month before may.
      if (quantity > 0) {
        const notes = [
          quantity > approved ? `minimum commitment of ${line.minimumQuantity}` : null,
          proration,
        ].filter((note) => note !== null);
        lines.push(
          itemLine(
            quantity,
            span,
            `${name} — ${month}`,
            notes.length > 0 ? capitalize(notes.join('; ')) : null,
          ),
        );
      }
      const adjustment = countAdjustment(period, agreement, line);
      if (adjustment) {
        const { change, span: days } = adjustment;
        lines.push(
          itemLine(
            change,
            days,
            `${name} — ${monthInWords(shiftPeriod(period, -1))}, ${adjustment.from} → ${adjustment.to} from ${days.first}`,
            capitalize(`${change > 0 ? 'added' : 'removed'} for ${days.inForce} of ${days.days} days`),
          ),
        );
      }
    }
    const whole = { ...base, ...sources.defaultTax, quantity: 1, detail: proration && capitalize(proration) };
    if (agreement.type === 'retainer' && agreement.retainerCents) {
      const cents = prorate(agreement.retainerCents, span.inForce, span.days);
      purchases.set(agreement.id, { minutes: 0, cents });
      lines.push({
        ...whole,
        kind: 'retainer',
        description: `${agreement.name} retainer — ${month}`,
        unit: 'month',
        unitPriceCents: cents,
        amountCents: cents,
        valueCents: cents,
      });
    }
    if (agreement.type === 'block_hours' && agreement.blockMinutes && agreement.blockPriceCents !== null) {
      purchases.set(agreement.id, { minutes: agreement.blockMinutes, cents: 0 });
      lines.push({
        ...whole,
        kind: 'block_purchase',
        description: `${agreement.name}: block of ${hoursOf(agreement.blockMinutes)} hours — ${month}`,
        detail: null,
        unit: 'block',
        unitPriceCents: agreement.blockPriceCents,
        amountCents: agreement.blockPriceCents,
        valueCents: agreement.blockPriceCents,
      });
    }
    if (agreement.type === 'project' && agreement.fixedFeeCents && agreement.startsOn >= `${period}-01`) {
      lines.push({
        ...whole,
        kind: 'fixed_fee',
        description: `${agreement.name}: fixed fee`,
        detail: null,
        unit: 'each',
        unitPriceCents: agreement.fixedFeeCents,
        amountCents: agreement.fixedFeeCents,
        valueCents: agreement.fixedFeeCents,
      });
    }
  }
  return { lines, countChanges, purchases };
}

/**
 * A count approved to take effect in the month before the invoice's: that month's invoice billed the old
 * count, so this one bills (or credits) the difference for the days from the change, prorated by day.
 * Both counts are held to the minimum commitment.
 */
function countAdjustment(period: string, agreement: AgreementRow, line: AgreementLineRow) {
  if (line.countChangedOn === null || line.approvedQuantity === null) return null;
  const before = shiftPeriod(period, -1);
  const { first, last } = monthBounds(before);
  if (line.countChangedOn < first || line.countChangedOn > last) return null;
  const billed = (count: number | null) => Math.max(count ?? 0, line.minimumQuantity);
  const from = billed(line.previousApprovedQuantity);
  const to = billed(line.approvedQuantity);
  // The later of the two days (ISO dates sort as text).
  const startsOn = [agreement.startsOn, line.countChangedOn].sort().at(-1)!;
  const span = daysInForce(before, startsOn, agreement.endsOn);
  if (to === from || span === null) return null;
  return { from, to, change: to - from, span };
}

export interface LabourTicket {
  id: string;
  number: number;
  subject: string;
  tax: TaxRate;
}

const tierWords = {
  business: '',
  after_hours: 'after hours',
  weekend: 'weekend',
  holiday: 'holiday',
} as const;

/**
 * Labour lines, one per ticket and price (agreement, rate, tier, overage), with the entries they bill:
 * billable time and overage at its rate; trip charges per ticket; $0 lines for hours drawn from a block or
 * retainer, for vendor-caused work absorbed at its value, and — when the client asked — for covered
 * work. MSP rework and other unshown work get no line.
 */
export function labourLines(input: {
  entries: readonly ClassifiedEntry[];
  tickets: ReadonlyMap<string, LabourTicket>;
  ticketOf: ReadonlyMap<string, string>;
  agreementNames: ReadonlyMap<string, string>;
  showCoveredWork: boolean;
}): DraftLine[] {
  const groups = new Map<string, DraftLine & { minutes: number }>();
  const add = (
    key: string,
    make: () => DraftLine,
    entryId: string,
    minutes: number,
    money: { amount: number; value: number },
  ) => {
    const group = groups.get(key) ?? { ...make(), minutes: 0 };
    group.minutes += minutes;
    group.amountCents += money.amount;
    group.valueCents += money.value;
    if (!group.timeEntryIds.includes(entryId)) group.timeEntryIds.push(entryId);
    groups.set(key, group);
  };
  for (const entry of input.entries) {
    if (!entry.isVisibleToClient) continue;
    const ticket = input.tickets.get(input.ticketOf.get(entry.entryId)!)!;
    const agreementName = entry.agreementId ? (input.agreementNames.get(entry.agreementId) ?? null) : null;
    const line = (
      kind: InvoiceLineKind,
      segment: ClassifiedSegment | null,
      unitPriceCents: number,
    ): DraftLine => ({
      ...blankLine,
      ...ticket.tax,
      kind,
      description: `#${ticket.number} ${ticket.subject}`,
      detail: segment?.clause ?? entry.clause,
      quantity: 0,
      unit: kind === 'trip_charge' ? 'visit' : 'hour',
      unitPriceCents,
      amountCents: 0,
      valueCents: 0,
      agreementId: entry.agreementId,
      agreementName,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      periodStart: null,
      periodEnd: null,
      timeEntryIds: [],
    });
    for (const segment of entry.segments) {
      const money = { amount: segment.amountCents, value: segment.valueCents };
      if (segment.outcome === 'billable' && (segment.drawdownMinutes > 0 || segment.drawdownCents > 0)) {
        add(
          `draw|${ticket.id}|${entry.agreementId}`,
          () => line('block_usage', segment, 0),
          entry.entryId,
          segment.billableMinutes,
          money,
        );
      } else if (segment.outcome === 'billable') {
        const price =
          segment.rateCents === null ? 0 : Math.round((segment.rateCents * segment.multiplierPercent) / 100);
        const kind = segment.isOverage ? 'overage' : 'labour';
        const key = `${kind}|${ticket.id}|${entry.agreementId}|${price}|${segment.tier}`;
        add(
          key,
          () => ({
            ...line(kind, segment, price),
            description: `#${ticket.number} ${ticket.subject}${tierSuffix(segment)}`,
            detail: labourDetail(segment),
          }),
          entry.entryId,
          segment.billableMinutes,
          money,
        );
      } else if (segment.outcome === 'absorbed' && entry.isShownAsValue) {
        add(
          `absorbed|${ticket.id}`,
          () => line('absorbed_work', segment, 0),
          entry.entryId,
          segment.minutes,
          { amount: 0, value: segment.valueCents },
        );
      } else if (segment.outcome === 'covered' && input.showCoveredWork) {
        add(
          `covered|${ticket.id}|${entry.agreementId}`,
          () => line('covered_work', segment, 0),
          entry.entryId,
          segment.minutes,
          { amount: 0, value: segment.valueCents },
        );
      }
    }
    if (entry.tripChargeCents > 0) {
      const key = `trip|${ticket.id}|${entry.tripChargeCents}`;
      const group = groups.get(key) ?? {
        ...line('trip_charge', null, entry.tripChargeCents),
        detail: 'On-site visit',
        minutes: 0,
      };
      group.quantity += 1;
      group.amountCents += entry.tripChargeCents;
      group.valueCents += entry.tripChargeCents;
      group.timeEntryIds.push(entry.entryId);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ minutes, ...line }) =>
    line.kind === 'trip_charge' ? line : { ...line, quantity: hoursOf(minutes) },
  );
}

/** A premium tier in the line's name, so the client tells the lines of one ticket apart. */
function tierSuffix(segment: ClassifiedSegment): string {
  if (segment.multiplierPercent === 100) return '';
  return ` — ${tierWords[segment.tier]} ×${segment.multiplierPercent / 100}`;
}

function labourDetail(segment: ClassifiedSegment): string {
  if (segment.rateCents === null) return `${segment.clause} — no rate to bill at: price it before finalizing`;
  return segment.clause;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
