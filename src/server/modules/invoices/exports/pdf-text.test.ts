import { describe, expect, it } from 'vitest';
import { dayBefore, quantityWithUnit } from '../../../../shared/billing/invoice-text.ts';
import {
  isWinAnsi,
  longDate,
  paymentTermsText,
  pdfMoney,
  percentText,
  periodInWords,
  toWinAnsi,
} from './pdf-text.ts';

describe('pdfMoney', () => {
  it.each([
    [123_450, 'USD', '$1,234.50'],
    [-5_000, 'USD', '-$50.00'],
    [123_450, 'EUR', '€1,234.50'],
    [123_450, 'GBP', '£1,234.50'],
    [1_235, 'JPY', '¥1,235'],
    [123_450, 'INR', 'INR 1,234.50'],
    [-123_450, 'INR', '-INR 1,234.50'],
    [123_450, 'ILS', 'ILS 1,234.50'],
    [123_450, 'PLN', 'PLN 1,234.50'],
  ])('writes %i %s as %s, in characters the standard fonts have', (cents, currency, expected) => {
    const text = pdfMoney(cents, currency);
    expect(text.replaceAll('\u00a0', ' ')).toBe(expected);
    expect(isWinAnsi(text)).toBe(true);
  });
});

describe('toWinAnsi', () => {
  it.each([
    ['Café Müller — “Straße” €5 …', 'Café Müller — “Straße” €5 …'],
    ['Łódź Dystrybucja', 'Lódz Dystrybucja'],
    ['Kraków, Gdańsk, Śląsk', 'Kraków, Gdansk, Slask'],
    ['İstanbul Ağ Hizmetleri', 'Istanbul Ag Hizmetleri'],
    ['Ωmega 東京', '?mega ??'],
    ['a\u202fb\u2009c\td', 'a b c d'],
    ['line one\r\nline two', 'line one\nline two'],
    ['5 \u2212 3 \u2192 2', '5 - 3 -> 2'],
  ])('turns %j into %j', (input, expected) => {
    expect(toWinAnsi(input)).toBe(expected);
    expect(isWinAnsi(toWinAnsi(input))).toBe(true);
  });
});

describe('dates and numbers in words', () => {
  it('prints the last billed day, the day before labourThrough, across months and years', () => {
    expect(dayBefore('2026-12-01')).toBe('2026-11-30');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(longDate('2026-03-29')).toBe('29 March 2026');
    expect(periodInWords('2027-01', '2027-01-01')).toBe(
      'Fees for January 2027 · work through 31 December 2026',
    );
  });

  it('writes quantities with their unit, rates as percents and payment terms', () => {
    expect(quantityWithUnit(1, 'hour')).toBe('1 hour');
    expect(quantityWithUnit(1.3333, 'hour')).toBe('1.3333 hours');
    expect(quantityWithUnit(1200, 'user')).toBe('1,200 users');
    expect(quantityWithUnit(2, 'each')).toBe('2');
    expect(percentText(1000)).toBe('10%');
    expect(percentText(825)).toBe('8.25%');
    expect(percentText(0)).toBe('0%');
    expect(paymentTermsText(0)).toBe('Due on receipt');
    expect(paymentTermsText(30)).toBe('Net 30 days');
  });
});
