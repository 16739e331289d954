import { describe, expect, it } from 'vitest';
import {
  creditableLines,
  creditTotals,
  invoiceLeftToCredit,
  lineLeftToCredit,
  readCreditAmounts,
} from './credit-amounts.ts';

const vat = { taxCodeId: 'tax-1', taxCodeName: 'VAT', taxRateBasisPoints: 2000 };
const none = { taxCodeId: null, taxCodeName: null, taxRateBasisPoints: 0 };
const lines = [
  { id: 'a', amountCents: 10_000, creditedCents: 0, ...vat },
  { id: 'b', amountCents: 5_000, creditedCents: 4_000, ...vat },
  { id: 'c', amountCents: 2_500, creditedCents: 2_500, ...none },
];
const format = (cents: number) => `$${(cents / 100).toFixed(2)}`;

describe('what is left to credit', () => {
  it.each([
    ['nothing credited yet: the whole amount', { amountCents: 10_000, creditedCents: 0 }, 10_000],
    ['partly credited: the rest', { amountCents: 5_000, creditedCents: 4_000 }, 1_000],
    ['fully credited: nothing', { amountCents: 2_500, creditedCents: 2_500 }, 0],
    ['never below zero', { amountCents: 100, creditedCents: 150 }, 0],
  ])('%s', (_, line, left) => {
    expect(lineLeftToCredit(line)).toBe(left);
  });

  it('of the invoice is its total less what credit notes took, tax included', () => {
    expect(invoiceLeftToCredit({ totalCents: 18_000, creditedCents: 6_000 })).toBe(12_000);
    expect(invoiceLeftToCredit({ totalCents: 0, creditedCents: 0 })).toBe(0);
  });

  it('only lines with a positive amount can be credited, and never credit carried on', () => {
    const all = [
      { kind: 'recurring', amountCents: 100 },
      { kind: 'labour', amountCents: 0 },
      { kind: 'overage', amountCents: -500 },
      { kind: 'labour', amountCents: 1 },
      { kind: 'credit_carried', amountCents: 2_000 },
    ] as const;
    expect(creditableLines(all)).toEqual([all[0], all[3]]);
  });
});

describe('readCreditAmounts', () => {
  it.each([
    ['empty and zero lines are not credited', { a: '', b: ' ', c: '0' }, [], {}],
    [
      'amounts read into cents, in the line order',
      { b: '10', a: '99.5' },
      [
        { invoiceLineId: 'a', amountCents: 9_950 },
        { invoiceLineId: 'b', amountCents: 1_000 },
      ],
      {},
    ],
    [
      'more than is left is refused, naming what is left',
      { a: '100.01', b: '10.01' },
      [],
      { a: 'Only $100.00 is left to credit', b: 'Only $10.00 is left to credit' },
    ],
    ['a fully credited line says so', { c: '1' }, [], { c: 'Nothing is left to credit' }],
    [
      'not an amount: negative, too many decimals, words',
      { a: '-5', b: '1.234', c: 'ten' },
      [],
      { a: 'Enter an amount like 12.50', b: 'Enter an amount like 12.50', c: 'Enter an amount like 12.50' },
    ],
  ])('%s', (_, typed, expectedLines, expectedErrors) => {
    expect(readCreditAmounts(lines, typed, 'USD', format)).toEqual({
      lines: expectedLines,
      errors: expectedErrors,
    });
  });

  it('a currency without minor units asks for whole amounts', () => {
    const yen = [{ id: 'a', amountCents: 1_000, creditedCents: 0, ...none }];
    expect(readCreditAmounts(yen, { a: '1.5' }, 'JPY', format).errors).toEqual({ a: 'Enter a whole amount' });
    expect(readCreditAmounts(yen, { a: '500' }, 'JPY', format).lines).toEqual([
      { invoiceLineId: 'a', amountCents: 500 },
    ]);
  });
});

describe('creditTotals', () => {
  const credit = [
    { invoiceLineId: 'a', amountCents: 3_333 },
    { invoiceLineId: 'b', amountCents: 1_000 },
  ];

  it('adds each line’s tax on top when prices exclude it', () => {
    const totals = creditTotals(lines, credit, { pricesIncludeTax: false, taxExempt: false });
    expect(totals).toMatchObject({ subtotalCents: 4_333, taxCents: 867, totalCents: 5_200 });
  });

  it('takes the tax out of the amounts when prices include it', () => {
    const totals = creditTotals(lines, credit, { pricesIncludeTax: true, taxExempt: false });
    expect(totals).toMatchObject({ subtotalCents: 3_611, taxCents: 722, totalCents: 4_333 });
  });

  it('charges a tax-exempt client’s credit no tax', () => {
    const totals = creditTotals(lines, credit, { pricesIncludeTax: false, taxExempt: true });
    expect(totals).toMatchObject({ subtotalCents: 4_333, taxCents: 0, totalCents: 4_333 });
  });

  it('is zero for nothing chosen', () => {
    expect(creditTotals(lines, [], { pricesIncludeTax: false, taxExempt: false }).totalCents).toBe(0);
  });
});
