import { describe, expect, it } from 'vitest';
import type { InvoiceLineKind } from '../api/invoices.ts';
import type { ProfitabilityFigures } from '../api/profitability.ts';
import {
  compareWorstMarginFirst,
  type EntryFact,
  effectiveHourlyRateOf,
  entryAgreementOf,
  entryBillingOf,
  entryCostCents,
  figuresOf,
  isFlagged,
  type LineFact,
  marginPercentOf,
  tallyBy,
} from './profitability.ts';

const line = (overrides: Partial<LineFact> = {}): LineFact => ({
  clientId: 'c1',
  clientName: 'Contoso',
  currency: 'USD',
  period: '2026-04',
  status: 'finalized',
  agreementId: 'a1',
  amountCents: 0,
  costCents: 0,
  ...overrides,
});

const entry = (overrides: Partial<EntryFact> = {}): EntryFact => ({
  clientId: 'c1',
  clientName: 'Contoso',
  currency: 'USD',
  period: '2026-04',
  status: 'finalized',
  minutes: 60,
  cause: 'normal',
  hourlyCostCents: 6_000,
  lineKinds: ['labour'],
  lineAgreementId: 'a1',
  entryAgreementId: null,
  ticketAgreementId: null,
  ...overrides,
});

describe('entryBillingOf', () => {
  it.each<[InvoiceLineKind[], string]>([
    [['labour'], 'billed'],
    [['overage'], 'billed'],
    [['labour', 'covered_work'], 'billed'],
    [['trip_charge', 'labour'], 'billed'],
    [['block_usage'], 'block_draw'],
    [['block_usage', 'overage'], 'billed'],
    [['absorbed_work'], 'absorbed'],
    [['covered_work'], 'covered'],
    [['trip_charge'], 'not_shown'],
    [[], 'not_shown'],
  ])('lines %j make the entry %s', (kinds, billing) => {
    expect(entryBillingOf(kinds)).toBe(billing);
  });
});

describe('entryAgreementOf', () => {
  it.each<[Partial<EntryFact>, string | null]>([
    [{ lineAgreementId: 'line', entryAgreementId: 'entry', ticketAgreementId: 'ticket' }, 'line'],
    [{ lineAgreementId: null, entryAgreementId: 'entry', ticketAgreementId: 'ticket' }, 'entry'],
    [{ lineAgreementId: null, entryAgreementId: null, ticketAgreementId: 'ticket' }, 'ticket'],
    [{ lineAgreementId: null, entryAgreementId: null, ticketAgreementId: null }, null],
  ])('%j belongs to %s', (overrides, agreementId) => {
    expect(entryAgreementOf(entry(overrides))).toBe(agreementId);
  });
});

describe('the arithmetic', () => {
  it.each([
    [60, 6_000, 6_000],
    [30, 6_000, 3_000],
    [7, 5_000, 583], // 583.33
    [1, 9_000, 150],
    [1, 30, 1], // 0.5 rounds up
    [90, null, 0],
  ])('%i minutes at %s an hour cost %i', (minutes, rate, cost) => {
    expect(entryCostCents(minutes, rate)).toBe(cost);
  });

  it.each([
    [10_000, 7_500, 25],
    [10_000, 10_000, 0],
    [10_000, 12_340, -23.4], // a loss
    [30_000, 10_000, 66.7],
    [0, 5_000, null],
    [-1_000, 0, null],
  ])('revenue %i with cost %i is a margin of %s %%', (revenue, cost, margin) => {
    expect(marginPercentOf(revenue, cost)).toBe(margin);
  });

  it.each([
    [15_000, 60, 15_000],
    [15_000, 90, 10_000],
    [10_000, 0, null],
  ])('revenue %i over %i minutes is %s an hour', (revenue, minutes, rate) => {
    expect(effectiveHourlyRateOf(revenue, minutes)).toBe(rate);
  });
});

describe('figuresOf a tally', () => {
  it('adds revenue, labour and resale cost, and splits unbillable time by cause', () => {
    const lines = [
      line({ amountCents: 300_000 }),
      line({ amountCents: 50_000, costCents: 20_000, agreementId: null }),
      line({ amountCents: -5_000 }),
    ];
    const entries = [
      entry({ minutes: 120 }), // billed: 12_000
      entry({ minutes: 60, cause: 'vendor_caused', lineKinds: ['absorbed_work'] }), // 6_000
      entry({ minutes: 30, cause: 'vendor_caused', lineKinds: ['labour'] }), // billed to the client
      entry({ minutes: 45, cause: 'msp_rework', lineKinds: [] }), // 4_500
      entry({ minutes: 30, lineKinds: ['covered_work'], hourlyCostCents: null }),
    ];
    const [tally] = tallyBy(
      lines,
      entries,
      () => 'all',
      () => 'all',
    ).values();
    const figures = figuresOf(tally!);
    expect(figures).toEqual<ProfitabilityFigures>({
      revenueCents: 345_000,
      labourCostCents: 25_500,
      resaleCostCents: 20_000,
      profitCents: 299_500,
      minutesWorked: 285,
      effectiveHourlyRateCents: 72_632,
      marginPercent: 86.8,
      billableMinutes: 150,
      unbillableMinutes: 135,
      unbillableCostCents: 10_500,
      unbillableByCause: [
        { cause: 'normal', minutes: 30, costCents: 0 },
        { cause: 'vendor_caused', minutes: 60, costCents: 6_000 },
        { cause: 'msp_rework', minutes: 45, costCents: 4_500 },
      ],
      vendorCausedMinutes: 60,
      vendorCausedCostCents: 6_000,
      minutesWithoutCostRate: 30,
      includesDraft: false,
    });
  });

  it('marks figures that include a draft invoice', () => {
    const [fromLine] = tallyBy(
      [line({ status: 'draft' })],
      [],
      () => 'k',
      () => 'k',
    ).values();
    const [fromEntry] = tallyBy(
      [],
      [entry({ status: 'draft' })],
      () => 'k',
      () => 'k',
    ).values();
    expect(figuresOf(fromLine!).includesDraft).toBe(true);
    expect(figuresOf(fromEntry!).includesDraft).toBe(true);
  });

  it('never adds two currencies when the key includes the currency', () => {
    const key = (f: { clientId: string; currency: string }) => `${f.clientId}|${f.currency}`;
    const tallies = tallyBy(
      [line({ amountCents: 100 }), line({ currency: 'EUR', amountCents: 70 })],
      [entry({ currency: 'EUR', minutes: 60, hourlyCostCents: 40 })],
      key,
      key,
    );
    expect([...tallies.keys()]).toEqual(['c1|USD', 'c1|EUR']);
    expect(figuresOf(tallies.get('c1|USD')!).revenueCents).toBe(100);
    expect(figuresOf(tallies.get('c1|EUR')!)).toMatchObject({ revenueCents: 70, labourCostCents: 40 });
  });
});

describe('flags and order', () => {
  const figures = (revenueCents: number, costCents: number) => {
    const [tally] = tallyBy(
      [line({ amountCents: revenueCents, costCents })],
      [],
      () => 'k',
      () => 'k',
    ).values();
    return figuresOf(tally!);
  };

  it.each([
    [10_000, 7_900, 20, false], // 21 %
    [10_000, 8_000, 20, false], // exactly 20 % is not below
    [10_000, 8_100, 20, true], // 19 %
    [0, 500, 20, true], // cost with no revenue
    [0, 0, 20, false], // nothing at all
    [10_000, 12_000, 0, true], // a loss is below a zero threshold
  ])('revenue %i, cost %i, threshold %i %%: flagged %s', (revenue, cost, threshold, flagged) => {
    expect(isFlagged(figures(revenue, cost), threshold)).toBe(flagged);
  });

  it('sorts cost without revenue first, then the lowest margin, and idle clients last', () => {
    const rows = [
      { clientName: 'Idle', ...figures(0, 0) },
      { clientName: 'Healthy', ...figures(10_000, 2_000) },
      { clientName: 'Bleeding', ...figures(0, 3_000) },
      { clientName: 'Thin', ...figures(10_000, 9_500) },
      { clientName: 'Also thin', ...figures(20_000, 19_000) },
    ];
    expect(rows.sort(compareWorstMarginFirst).map((r) => r.clientName)).toEqual([
      'Bleeding',
      'Also thin',
      'Thin',
      'Healthy',
      'Idle',
    ]);
  });
});
