// Table-driven cases for time classification: causes per agreement type, billing overrides, bad input.
import { describe, expect, it } from 'vitest';
import type { Case } from './classify-fixtures.ts';
import { breakFix, classify, entry, managed, ny, project, view } from './classify-fixtures.ts';

function check({ expected, closing, ...setup }: Case) {
  const result = classify(setup);
  expect(result.entries.map(view)).toMatchObject(expected);
  if (closing) expect(result.balances).toMatchObject(closing);
}

const monday = entry('11-16 10:00', 60);

describe('cause and agreement type', () => {
  it.each<Case>([
    {
      name: 'absorbs MSP rework and hides it from the client, even under break/fix',
      ticket: { agreementId: 'break-fix' },
      entries: [entry('11-16 10:00', 60, { cause: 'msp_rework' })],
      expected: [
        {
          outcome: 'absorbed',
          isVisibleToClient: false,
          isShownAsValue: false,
          clause:
            'Absorbed: Remote support under Break/fix 2026 (MSP rework: never billed, not shown to the client)',
          billableMinutes: 0,
          amountCents: 0,
          valueCents: 12_500,
        },
      ],
    },
    {
      name: 'bills out-of-scope work under a managed agreement at its rate',
      entries: [entry('11-16 10:00', 60, { cause: 'out_of_scope' })],
      expected: [
        {
          outcome: 'billable',
          clause: 'Billable: Remote support under Managed 2026 (out of scope)',
          amountCents: 15_000,
        },
      ],
    },
    {
      name: 'covers client-caused work under a managed agreement like any other',
      entries: [entry('11-16 10:00', 60, { cause: 'client_caused' })],
      expected: [{ outcome: 'covered', isVisibleToClient: true }],
    },
    {
      name: 'absorbs vendor-caused work under the graduated clause while no notice was given, shown at its value',
      entries: [entry('11-16 10:00', 60, { cause: 'vendor_caused' })],
      expected: [
        {
          outcome: 'absorbed',
          isShownAsValue: true,
          isVisibleToClient: true,
          clause:
            'Absorbed: Remote support under Managed 2026 (vendor-caused, graduated clause: no vendor notice ' +
            'given yet, shown at its value)',
          amountCents: 0,
          valueCents: 15_000,
        },
      ],
    },
    {
      name: 'still absorbs vendor-caused work that started before a later notice',
      ticket: { vendorNoticeAt: ny('11-16 10:01') },
      entries: [entry('11-16 10:00', 60, { cause: 'vendor_caused' })],
      expected: [{ outcome: 'absorbed', isShownAsValue: true }],
    },
    {
      name: 'bills vendor-caused work starting at the notice, saying the notice was given',
      ticket: { vendorNoticeAt: ny('11-16 10:00') },
      entries: [entry('11-16 10:00', 60, { cause: 'vendor_caused' })],
      expected: [
        {
          outcome: 'billable',
          isShownAsValue: false,
          clause:
            'Billable: Remote support under Managed 2026 (vendor-caused, graduated clause: vendor notice ' +
            'given on 2026-11-16 10:00)',
          amountCents: 15_000,
        },
      ],
    },
    {
      name: 'bills work on an asset under a coverage hold, whatever the agreement covers, saying so',
      ticket: { coverageHolds: [{ assetName: 'LFD-SQL01', from: ny('11-16 09:00'), until: null }] },
      entries: [entry('11-16 10:00', 60)],
      expected: [
        {
          outcome: 'billable',
          clause:
            'Billable: Remote support under Managed 2026 (LFD-SQL01 is on a coverage hold since 2026-11-16 09:00)',
        },
      ],
    },
    {
      name: 'covers work before a coverage hold and after it was lifted',
      ticket: {
        coverageHolds: [{ assetName: 'LFD-SQL01', from: ny('11-16 09:00'), until: ny('11-16 12:00') }],
      },
      entries: [entry('11-16 08:00', 30), entry('11-16 12:00', 30, { id: 'E2' })],
      expected: [{ outcome: 'covered' }, { outcome: 'covered' }],
    },
    {
      name: 'still absorbs MSP rework on an asset under a coverage hold',
      ticket: { coverageHolds: [{ assetName: 'LFD-SQL01', from: ny('11-16 09:00'), until: null }] },
      entries: [entry('11-16 10:00', 60, { cause: 'msp_rework' })],
      expected: [{ outcome: 'absorbed' }],
    },
    {
      name: 'bills vendor-caused work at once when the agreement says so',
      agreements: [{ ...managed, vendorCausedWork: 'billable' }],
      entries: [entry('11-16 10:00', 60, { cause: 'vendor_caused' })],
      expected: [
        {
          outcome: 'billable',
          clause: 'Billable: Remote support under Managed 2026 (vendor-caused work is billable)',
        },
      ],
    },
    {
      name: 'covers vendor-caused work under break/fix when the agreement covers it',
      agreements: [{ ...breakFix, vendorCausedWork: 'covered' }],
      ticket: { agreementId: 'break-fix' },
      entries: [entry('11-16 10:00', 60, { cause: 'vendor_caused' })],
      expected: [{ outcome: 'covered', amountCents: 0, valueCents: 12_500 }],
    },
    {
      name: 'absorbs vendor-caused break/fix work under the graduated clause too',
      ticket: { agreementId: 'break-fix' },
      entries: [entry('11-16 10:00', 60, { cause: 'vendor_caused' })],
      expected: [{ outcome: 'absorbed', isShownAsValue: true, valueCents: 12_500 }],
    },
    {
      name: 'bills break/fix work at its rate',
      ticket: { agreementId: 'break-fix' },
      entries: [monday],
      expected: [
        {
          outcome: 'billable',
          clause: 'Billable: Remote support under Break/fix 2026',
          billableMinutes: 60,
          amountCents: 12_500,
        },
      ],
    },
    {
      name: 'covers project work in the fixed fee',
      ticket: { agreementId: 'project' },
      entries: [monday],
      expected: [
        {
          outcome: 'covered',
          clause: 'Covered: Remote support included in the fixed fee of Website rebuild',
          valueCents: 15_000,
        },
      ],
    },
    {
      name: 'bills out-of-scope project work at the project’s rate',
      agreements: [{ ...project, hourlyRateCents: 17_500 }],
      ticket: { agreementId: 'project' },
      entries: [entry('11-16 10:00', 60, { cause: 'out_of_scope' })],
      expected: [
        {
          outcome: 'billable',
          clause: 'Billable: Remote support under Website rebuild (out of scope)',
          amountCents: 17_500,
        },
      ],
    },
  ])('$name', check);
});

describe('billing overrides', () => {
  it.each<Case>([
    {
      name: 'covers billable work with a reason, keeping the computed outcome and value',
      ticket: { agreementId: 'break-fix' },
      entries: [
        entry('11-16 10:00', 60, { override: { outcome: 'covered', reason: 'Goodwill after the outage' } }),
      ],
      expected: [
        {
          outcome: 'covered',
          computedOutcome: 'billable',
          clause:
            'Covered — overridden by billing: Goodwill after the outage (computed: Billable: Remote support ' +
            'under Break/fix 2026)',
          billableMinutes: 0,
          amountCents: 0,
          valueCents: 12_500,
          segments: [{ outcome: 'covered', amountCents: 0 }],
        },
      ],
    },
    {
      name: 'bills covered after-hours work with no billable minutes as its rounded minutes at the business rate',
      agreements: [{ ...managed, roundingMinutes: 15 }],
      entries: [
        entry('11-16 18:00', 50, { override: { outcome: 'billable', reason: 'Client asked by phone' } }),
      ],
      expected: [
        {
          outcome: 'billable',
          computedOutcome: 'covered',
          billableMinutes: 60,
          amountCents: 15_000,
          segments: [
            { tier: 'after_hours', multiplierPercent: 100, outcome: 'billable', billableMinutes: 60 },
          ],
        },
      ],
    },
    {
      name: 'keeps the computed minutes and rates when billable work is overridden to billable',
      ticket: { agreementId: 'break-fix' },
      entries: [entry('11-16 10:00', 7, { override: { outcome: 'billable', reason: 'Confirmed' } })],
      expected: [{ outcome: 'billable', computedOutcome: 'billable', billableMinutes: 7, amountCents: 1458 }],
    },
    {
      name: 'draws nothing from a block when a draw is overridden to covered',
      ticket: { agreementId: 'block' },
      balances: { block: { minutes: 600 } },
      entries: [entry('11-16 10:00', 60, { override: { outcome: 'covered', reason: 'Warranty work' } })],
      expected: [{ outcome: 'covered', segments: [{ drawdownMinutes: 0, amountCents: 0 }] }],
      closing: { block: { minutes: 600 } },
    },
    {
      name: 'shows MSP rework to the client once billing overrides it to billable',
      ticket: { agreementId: 'break-fix' },
      entries: [
        entry('11-16 10:00', 60, {
          cause: 'msp_rework',
          override: { outcome: 'billable', reason: 'Client’s own change' },
        }),
      ],
      expected: [
        { outcome: 'billable', computedOutcome: 'absorbed', isVisibleToClient: true, amountCents: 12_500 },
      ],
    },
  ])('$name', check);
});

describe('bad input', () => {
  const ticketOn = (agreementId: string) => ({ ticket: { agreementId } });
  it.each([
    { name: 'an entry of 0 minutes', setup: { entries: [entry('11-16 10:00', 0)] } },
    { name: 'an entry longer than a day', setup: { entries: [entry('11-16 10:00', 1441)] } },
    { name: 'fractional minutes', setup: { entries: [entry('11-16 10:00', 1.5)] } },
    {
      name: 'a negative hourly rate',
      setup: { agreements: [{ ...managed, hourlyRateCents: -1 }], entries: [monday] },
    },
    {
      name: 'a negative role rate',
      setup: { agreements: [{ ...managed, roleRates: { tech: -5 } }], entries: [monday] },
    },
    {
      name: 'rounding to 0 minutes',
      setup: { agreements: [{ ...managed, roundingMinutes: 0 }], entries: [monday] },
    },
    {
      name: 'an impossible start date',
      setup: { agreements: [{ ...managed, startsOn: '2026-02-30' }], entries: [monday] },
    },
    {
      name: 'a start that is not an instant',
      setup: { entries: [{ ...monday, startedAt: '2026-11-16 10:00' }] },
    },
    { name: 'an unknown ticket', setup: { entries: [{ ...monday, ticketId: 'T404' }] } },
    { name: 'an agreement that was not provided', setup: { ...ticketOn('missing'), entries: [monday] } },
    {
      name: 'a negative opening balance',
      setup: { balances: { block: { minutes: -60 } }, entries: [monday] },
    },
  ])('refuses $name with a RangeError', ({ setup }) => {
    expect(() => classify(setup)).toThrow(RangeError);
  });
});
