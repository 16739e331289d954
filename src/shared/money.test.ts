import { describe, expect, it } from 'vitest';
import {
  allocate,
  amountCentsSchema,
  centsToDecimal,
  currencySchema,
  formatMoney,
  minorUnits,
  nonNegativeCentsSchema,
  parseMoney,
} from './money.ts';

describe('allocate', () => {
  const cases: [string, number, number[], number[]][] = [
    ['splits evenly when it can', 300, [1, 1, 1], [100, 100, 100]],
    ['gives the leftover cent to the first of equal remainders', 100, [1, 1, 1], [34, 33, 33]],
    ['gives two leftover cents to the first two of three equal parts', 200, [1, 1, 1], [67, 67, 66]],
    ['follows the weights', 1000, [3, 1], [750, 250]],
    ['gives the leftover cents to the largest remainders', 100, [1, 3, 3], [14, 43, 43]],
    ['rounds by remainder, not by the size of the part', 10, [1, 1, 5], [2, 1, 7]],
    ['handles fractional weights', 100, [0.5, 0.25, 0.25], [50, 25, 25]],
    ['splits by days in a month (proration)', 10000, [10, 21], [3226, 6774]],
    ['leaves zero-weight parts at zero', 101, [0, 1, 1], [0, 51, 50]],
    ['splits a credit as the mirror image of a charge', -100, [1, 1, 1], [-34, -33, -33]],
    ['splits nothing into zeros', 0, [2, 3], [0, 0]],
    ['keeps one part whole', 12345, [4], [12345]],
    [
      'stays exact near the largest safe integer',
      Number.MAX_SAFE_INTEGER,
      [1, 1],
      [4503599627370496, 4503599627370495],
    ],
  ];
  it.each(cases)('%s', (_, total, weights, expected) => {
    const parts = allocate(total, weights);
    expect(parts).toEqual(expected);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('always sums exactly to the total, for many totals and weights', () => {
    for (let total = -250; total <= 250; total += 7) {
      for (const weights of [
        [1, 2, 3],
        [0.1, 0.2, 0.7],
        [5, 0, 5, 1],
        [13, 17, 19, 23, 29],
      ]) {
        const parts = allocate(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(parts).toEqual(allocate(total, weights)); // deterministic
      }
    }
  });

  it('refuses weights it cannot split by', () => {
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [1, -1])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it.each([
    [123450, 'USD', 'en-US', '$1,234.50'],
    [-1200, 'USD', 'en-US', '-$12.00'],
    [0, 'USD', 'en-US', '$0.00'],
    [1235, 'JPY', 'en-US', '¥1,235'],
    [123450, 'EUR', 'de-DE', '1.234,50 €'],
    [999, 'GBP', 'en-GB', '£9.99'],
  ])('%i %s in %s is %s', (cents, currency, locale, expected) => {
    // Intl separates the amount and the euro sign with a no-break space.
    expect(formatMoney(cents, currency, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it("uses the currency's own minor units", () => {
    expect(minorUnits('USD')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
  });
});

describe('parseMoney and centsToDecimal', () => {
  it.each([
    ['12', 'USD', 1200],
    ['12.5', 'USD', 1250],
    ['1,234.56', 'USD', 123456],
    [' 0.07 ', 'USD', 7],
    ['1235', 'JPY', 1235],
    ['12.345', 'USD', null],
    ['12.5', 'JPY', null],
    ['-5', 'USD', null],
    ['abc', 'USD', null],
    ['', 'USD', null],
  ])('reads %j in %s as %j', (text, currency, expected) => {
    expect(parseMoney(text, currency)).toBe(expected);
  });

  it('writes minor units back as a plain decimal', () => {
    expect(centsToDecimal(123450, 'USD')).toBe('1234.50');
    expect(centsToDecimal(5, 'USD')).toBe('0.05');
    expect(centsToDecimal(-5, 'USD')).toBe('-0.05');
    expect(centsToDecimal(1235, 'JPY')).toBe('1235');
  });
});

describe('schemas', () => {
  it('take whole, safe, and (for prices) non-negative cents', () => {
    expect(amountCentsSchema.safeParse(-5).success).toBe(true);
    expect(amountCentsSchema.safeParse(1.5).success).toBe(false);
    expect(amountCentsSchema.safeParse(2 ** 53).success).toBe(false);
    expect(nonNegativeCentsSchema.safeParse(0).success).toBe(true);
    expect(nonNegativeCentsSchema.safeParse(-1).success).toBe(false);
  });

  it('take three upper-case letters from the list of currencies', () => {
    expect(currencySchema.parse('EUR')).toBe('EUR');
    expect(currencySchema.safeParse('eur').success).toBe(false);
    expect(currencySchema.safeParse('XXX').success).toBe(false);
  });
});
