import { describe, expect, it } from 'vitest';
import { computeTaxes, daysInForce, hoursOf, monthBounds, prorate, shiftPeriod } from './invoice-math.ts';

describe('months', () => {
  it('know their length, leap years included', () => {
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28', days: 28 });
    expect(monthBounds('2028-02').days).toBe(29);
    expect(monthBounds('2026-12').last).toBe('2026-12-31');
  });

  it('shift across years both ways', () => {
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-03', -14)).toBe('2025-01');
  });
});

describe('days in force', () => {
  it('counts the days of the month an agreement covers, both ends inclusive', () => {
    expect(daysInForce('2026-09', '2026-09-21', null)).toMatchObject({ first: '2026-09-21', inForce: 10 });
    expect(daysInForce('2026-09', '2026-01-01', '2026-09-10')).toMatchObject({
      last: '2026-09-10',
      inForce: 10,
    });
    expect(daysInForce('2026-09', '2026-09-15', '2026-09-15')?.inForce).toBe(1);
    expect(daysInForce('2026-09', '2026-01-01', null)?.inForce).toBe(30);
  });

  it('is nothing for an agreement outside the month', () => {
    expect(daysInForce('2026-09', '2026-10-01', null)).toBeNull();
    expect(daysInForce('2026-09', '2026-01-01', '2026-08-31')).toBeNull();
  });
});

describe('proration', () => {
  it('is by day, rounded to the cent, and leaves whole months alone', () => {
    expect(prorate(30_000, 10, 30)).toBe(10_000);
    expect(prorate(10_000, 1, 31)).toBe(323); // 322.58…
    expect(prorate(10_000, 31, 31)).toBe(10_000);
  });
});

const line = (amountCents: number, taxCodeId: string | null, rateBasisPoints: number) => ({
  amountCents,
  taxCodeId,
  taxName: taxCodeId ?? 'No tax',
  rateBasisPoints,
});

describe('taxes', () => {
  it('are computed per code on the sum of its lines and shared back to the lines to the cent', () => {
    const totals = computeTaxes(
      [line(333, 'vat', 2000), line(333, 'vat', 2000), line(334, 'vat', 2000), line(500, null, 0)],
      {
        pricesIncludeTax: false,
        taxExempt: false,
      },
    );
    expect(totals.taxes).toEqual([
      { taxCodeId: 'vat', name: 'vat', rateBasisPoints: 2000, amountCents: 1000, taxCents: 200 },
      { taxCodeId: null, name: 'No tax', rateBasisPoints: 0, amountCents: 500, taxCents: 0 },
    ]);
    expect(totals.lineTaxCents).toEqual([67, 66, 67, 0]);
    expect(totals).toMatchObject({ subtotalCents: 1500, taxCents: 200, totalCents: 1700 });
  });

  it('take a credit off the tax of the code it reduces', () => {
    const totals = computeTaxes([line(10_000, 'vat', 2000), line(-2_500, 'vat', 2000)], {
      pricesIncludeTax: false,
      taxExempt: false,
    });
    expect(totals.taxCents).toBe(1_500);
    expect(totals.lineTaxCents).toEqual([2_000, -500]);
  });

  it('come out of prices that include them', () => {
    const totals = computeTaxes([line(12_000, 'vat', 2000)], { pricesIncludeTax: true, taxExempt: false });
    expect(totals).toMatchObject({ subtotalCents: 10_000, taxCents: 2_000, totalCents: 12_000 });
  });

  it('are nothing for an exempt client', () => {
    const totals = computeTaxes([line(12_000, 'vat', 2000)], { pricesIncludeTax: false, taxExempt: true });
    expect(totals).toMatchObject({ taxCents: 0, totalCents: 12_000 });
    expect(totals.taxes[0]?.rateBasisPoints).toBe(0);
  });

  it('round half away from zero', () => {
    // 50 × 10 % = 5.0; 25 × 10 % = 2.5 → 3; −25 × 10 % = −2.5 → −3.
    expect(computeTaxes([line(25, 'a', 1000)], { pricesIncludeTax: false, taxExempt: false }).taxCents).toBe(
      3,
    );
    expect(computeTaxes([line(-25, 'a', 1000)], { pricesIncludeTax: false, taxExempt: false }).taxCents).toBe(
      -3,
    );
  });
});

describe('hours', () => {
  it('keep four decimals', () => {
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(20)).toBe(0.3333);
  });
});
