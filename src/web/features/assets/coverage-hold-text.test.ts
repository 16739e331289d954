import { describe, expect, it } from 'vitest';
import type { CoverageHold } from '../../../shared/api/vendor-terms.ts';
import {
  billingEffectText,
  cleanDaysText,
  conditionItems,
  holdDay,
  liftedByText,
} from './coverage-hold-text.ts';

function buildHold(overrides: Partial<CoverageHold> = {}): CoverageHold {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    assetId: '00000000-0000-4000-8000-000000000002',
    assetName: 'LFD-SQL01',
    clientId: '00000000-0000-4000-8000-000000000003',
    clientName: 'Lakeside Family Dental',
    vendorId: '00000000-0000-4000-8000-000000000004',
    vendorName: 'Henry Schein One',
    reason: 'Upgraded three times outside an approved window.',
    tickets: [],
    conditions: { loaSigned: true, rulesAcknowledged: true, cleanDays: 30 },
    progress: { loaSigned: true, rulesAcknowledged: false, cleanDays: 12 },
    placedAt: '2026-11-12T14:00:00.000Z',
    placedByName: 'Olivia Owner',
    liftedAt: null,
    liftedByName: null,
    liftedReason: null,
    ...overrides,
  };
}

describe('conditionItems', () => {
  it('lists each condition set with whether it is met, and the clean days so far', () => {
    expect(conditionItems(buildHold())).toEqual([
      {
        key: 'loaSigned',
        label: 'Henry Schein One holds a signed Letter of Agency',
        isMet: true,
        progress: null,
      },
      {
        key: 'rulesAcknowledged',
        label: 'Henry Schein One has acknowledged the rules of engagement',
        isMet: false,
        progress: null,
      },
      {
        key: 'cleanDays',
        label: '30 days without changes outside an approved window on LFD-SQL01',
        isMet: false,
        progress: { done: 12, of: 30 },
      },
    ]);
  });

  it('counts clean days as met once reached, never past the target', () => {
    const hold = buildHold({
      conditions: { loaSigned: false, rulesAcknowledged: false, cleanDays: 1 },
      progress: { loaSigned: null, rulesAcknowledged: null, cleanDays: 4 },
    });
    expect(conditionItems(hold)).toEqual([
      {
        key: 'cleanDays',
        label: '1 day without changes outside an approved window on LFD-SQL01',
        isMet: true,
        progress: { done: 1, of: 1 },
      },
    ]);
  });

  it('is empty for a hold lifted only by hand', () => {
    const hold = buildHold({ conditions: { loaSigned: false, rulesAcknowledged: false, cleanDays: 0 } });
    expect(conditionItems(hold)).toEqual([]);
  });
});

describe('cleanDaysText', () => {
  it('says how many clean days of how many', () => {
    expect(cleanDaysText({ done: 12, of: 30 })).toBe('12 of 30 clean days');
    expect(cleanDaysText({ done: 0, of: 1 })).toBe('0 of 1 clean day');
  });
});

describe('billingEffectText', () => {
  const facts = {
    assetName: 'LFD-SQL01',
    clientName: 'Lakeside Family Dental',
    vendorName: 'Henry Schein One',
  };

  it('says work becomes billable, cites the hold, and what lifts it', () => {
    const text = billingEffectText({
      ...facts,
      conditions: { loaSigned: true, rulesAcknowledged: false, cleanDays: 30 },
    });
    expect(text).toContain(
      'time worked on tickets naming it is billable at Lakeside Family Dental’s agreement rates',
    );
    expect(text).toContain('each charge cites this hold');
    expect(text).toContain(
      'It lifts itself once Henry Schein One holds a signed Letter of Agency and 30 days pass without changes outside an approved window',
    );
  });

  it('says a hold without conditions stays until lifted by hand', () => {
    const text = billingEffectText({
      ...facts,
      conditions: { loaSigned: false, rulesAcknowledged: false, cleanDays: 0 },
    });
    expect(text).toContain('It stays until someone lifts it by hand, with a reason.');
  });
});

describe('liftedByText and holdDay', () => {
  it('names who lifted a hold, or says it lifted itself', () => {
    expect(liftedByText(buildHold({ liftedByName: 'Olivia Owner' }))).toBe('Lifted by Olivia Owner');
    expect(liftedByText(buildHold({ liftedByName: null }))).toBe(
      'Lifted itself when its conditions were met',
    );
  });

  it('writes the day as "12 Nov 2026"', () => {
    expect(holdDay('2026-11-12T12:00:00.000Z')).toMatch(/^1[123] Nov 2026$/);
  });
});
