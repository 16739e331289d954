import { describe, expect, test } from 'vitest';
import { entryActions, invoicedNotice, isOverrideChange, overrideSummary } from './time-entry-billing.ts';

const me = '00000000-0000-4000-8000-000000000001';
const someoneElse = '00000000-0000-4000-8000-000000000002';
const invoice = { id: '00000000-0000-4000-8000-000000000009', number: 'INV-1001' };
const member = (...permissions: string[]) => ({
  membershipId: me,
  can: (permission: string) => permissions.includes(permission),
});

describe('the words for an entry’s billing', () => {
  test('an invoiced entry names its invoice and how to free it', () => {
    expect(invoicedNotice(invoice)).toBe('On INV-1001; void the invoice to change it');
  });

  test('an override reads as its outcome in lower case and its reason', () => {
    expect(overrideSummary({ outcome: 'billable', reason: 'Agreed on the phone' })).toBe(
      'Overridden: billable — Agreed on the phone',
    );
  });
});

describe('whether saving an override changes anything', () => {
  test('a first override always does', () => {
    expect(isOverrideChange(null, { outcome: 'covered', reason: 'x' })).toBe(true);
  });
  test('the same outcome and reason (ignoring surrounding spaces) does not', () => {
    expect(
      isOverrideChange(
        { outcome: 'absorbed', reason: 'Goodwill' },
        { outcome: 'absorbed', reason: ' Goodwill ' },
      ),
    ).toBe(false);
  });
  test('another outcome or another reason does', () => {
    const current = { outcome: 'absorbed' as const, reason: 'Goodwill' };
    expect(isOverrideChange(current, { outcome: 'billable', reason: 'Goodwill' })).toBe(true);
    expect(isOverrideChange(current, { outcome: 'absorbed', reason: 'Rework' })).toBe(true);
  });
});

describe('the actions an entry offers', () => {
  test('a technician changes their own open entry, not someone else’s, and never overrides billing', () => {
    const tech = member('tickets.work');
    expect(entryActions({ staffId: me, invoice: null }, tech)).toEqual({
      canChange: true,
      canOverride: false,
      isLocked: false,
    });
    expect(entryActions({ staffId: someoneElse, invoice: null }, tech).canChange).toBe(false);
  });

  test('time.manage changes anyone’s entry; billing.manage overrides it', () => {
    const manager = member('tickets.work', 'time.manage', 'billing.manage');
    expect(entryActions({ staffId: someoneElse, invoice: null }, manager)).toEqual({
      canChange: true,
      canOverride: true,
      isLocked: false,
    });
  });

  test('billing without tickets.work overrides but does not edit', () => {
    expect(entryActions({ staffId: someoneElse, invoice: null }, member('billing.manage'))).toEqual({
      canChange: false,
      canOverride: true,
      isLocked: false,
    });
  });

  test('an entry on a finalized invoice offers nothing to change, whoever asks', () => {
    const everything = member('tickets.work', 'time.manage', 'billing.manage');
    expect(entryActions({ staffId: me, invoice }, everything)).toEqual({
      canChange: false,
      canOverride: false,
      isLocked: true,
    });
  });
});
