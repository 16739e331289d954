// Table-driven cases for the money of time: block and retainer draw-down, rounding, minimums, exact cents.
import { describe, expect, it } from 'vitest';
import type { Case } from './classify-fixtures.ts';
import {
  block,
  breakFix,
  buildTicket,
  classify,
  entry,
  managed,
  request,
  view,
} from './classify-fixtures.ts';

function check({ expected, closing, ...setup }: Case) {
  const result = classify(setup);
  expect(result.entries.map(view)).toMatchObject(expected);
  if (closing) expect(result.balances).toMatchObject(closing);
}

const onBlock = { agreementId: 'block' };
const onRetainer = { agreementId: 'retainer' };
const onBreakFix = { agreementId: 'break-fix' };
const askedMonday = { afterHoursRequest: request('11-16 16:00') };

describe('block hours and retainers', () => {
  it.each<Case>([
    {
      name: 'draws business work from the block at no charge, saying how much is left',
      ticket: onBlock,
      balances: { block: { minutes: 1200 } },
      entries: [entry('11-16 10:00', 60)],
      expected: [
        {
          outcome: 'billable',
          clause: 'Billable: Remote support drawn from Block 20 h (19 h left)',
          billableMinutes: 60,
          amountCents: 0,
          valueCents: 15_000,
          segments: [{ drawdownMinutes: 60, amountCents: 0, isOverage: false, rateCents: 15_000 }],
        },
      ],
      closing: { block: { minutes: 1140 } },
    },
    {
      name: 'splits an entry where the block runs out: the rest is overage at the overage rate',
      ticket: onBlock,
      balances: { block: { minutes: 30 } },
      entries: [entry('11-16 10:00', 60)],
      expected: [
        {
          amountCents: 9000,
          segments: [
            {
              startedAt: '11-16 10:00',
              minutes: 30,
              billableMinutes: 30,
              drawdownMinutes: 30,
              amountCents: 0,
              clause: 'Billable: Remote support drawn from Block 20 h (0 h left)',
            },
            {
              startedAt: '11-16 10:30',
              minutes: 30,
              billableMinutes: 30,
              drawdownMinutes: 0,
              rateCents: 18_000,
              amountCents: 9000,
              isOverage: true,
              clause: 'Billable: Remote support under Block 20 h (overage: the block is used up)',
            },
          ],
        },
      ],
      closing: { block: { minutes: 0 } },
    },
    {
      name: 'draws requested after-hours work at ×1.5',
      ticket: { ...onBlock, ...askedMonday },
      balances: { block: { minutes: 1200 } },
      entries: [entry('11-16 18:00', 60)],
      expected: [
        {
          clause:
            'Billable: Remote support drawn from Block 20 h (18.5 h left; after hours at 150 %, requested by ' +
            'Dana Ruiz on 2026-11-16 16:00)',
          valueCents: 22_500,
          segments: [
            { tier: 'after_hours', multiplierPercent: 150, billableMinutes: 60, drawdownMinutes: 90 },
          ],
        },
      ],
      closing: { block: { minutes: 1110 } },
    },
    {
      // 60 block minutes cover 40 minutes at ×1.5; the last 20 are overage at $180/h × 1.5.
      name: 'keeps the multiplier on the overage when after-hours work uses up the block',
      ticket: { ...onBlock, ...askedMonday },
      balances: { block: { minutes: 60 } },
      entries: [entry('11-16 18:00', 60)],
      expected: [
        {
          amountCents: 9000,
          segments: [
            {
              startedAt: '11-16 18:00',
              minutes: 40,
              billableMinutes: 40,
              drawdownMinutes: 60,
              valueCents: 15_000,
            },
            {
              startedAt: '11-16 18:40',
              minutes: 20,
              multiplierPercent: 150,
              amountCents: 9000,
              isOverage: true,
            },
          ],
        },
      ],
      closing: { block: { minutes: 0 } },
    },
    {
      name: 'draws in start order whatever the input order, and answers in input order',
      ticket: onBlock,
      balances: { block: { minutes: 90 } },
      entries: [entry('11-17 10:00', 60, { id: 'E2' }), entry('11-16 10:00', 60, { id: 'E1' })],
      expected: [
        {
          entryId: 'E2',
          segments: [{ drawdownMinutes: 30 }, { isOverage: true, billableMinutes: 30, amountCents: 9000 }],
        },
        { entryId: 'E1', amountCents: 0, segments: [{ drawdownMinutes: 60 }] },
      ],
      closing: { block: { minutes: 0 } },
    },
    {
      name: 'draws nothing for absorbed vendor-caused work or MSP rework',
      ticket: onBlock,
      balances: { block: { minutes: 600 } },
      entries: [
        entry('11-16 10:00', 60, { id: 'E1', cause: 'vendor_caused' }),
        entry('11-16 11:00', 60, { id: 'E2', cause: 'msp_rework' }),
      ],
      expected: [
        { outcome: 'absorbed', isShownAsValue: true, segments: [{ drawdownMinutes: 0 }] },
        { outcome: 'absorbed', isVisibleToClient: false, segments: [{ drawdownMinutes: 0 }] },
      ],
      closing: { block: { minutes: 600 } },
    },
    {
      name: 'bills work excluded from the block with no fallback at the block’s rate, without drawing',
      agreements: [{ ...block, excludedWorkTypeIds: ['project-work'] }],
      ticket: onBlock,
      balances: { block: { minutes: 600 } },
      entries: [entry('11-16 10:00', 60, { workTypeId: 'project-work', workTypeName: 'Project' })],
      expected: [{ amountCents: 15_000, segments: [{ drawdownMinutes: 0, isOverage: false }] }],
      closing: { block: { minutes: 600 } },
    },
    {
      name: 'draws the rounded minutes from the block',
      agreements: [{ ...block, roundingMinutes: 15 }],
      ticket: onBlock,
      balances: { block: { minutes: 600 } },
      entries: [entry('11-16 10:00', 50)],
      expected: [
        { billableMinutes: 60, segments: [{ minutes: 50, billableMinutes: 60, drawdownMinutes: 60 }] },
      ],
      closing: { block: { minutes: 540 } },
    },
    {
      name: 'draws the amount of retainer work in cents',
      ticket: onRetainer,
      balances: { retainer: { cents: 100_000 } },
      entries: [entry('11-16 10:00', 60)],
      expected: [
        {
          clause: 'Billable: Remote support drawn from Retainer Q4',
          amountCents: 0,
          valueCents: 15_000,
          segments: [{ drawdownCents: 15_000, drawdownMinutes: 0 }],
        },
      ],
      closing: { retainer: { cents: 85_000 } },
    },
    {
      // $200 of retainer buys 80 minutes at $150/h; the other 40 minutes are $100 of overage.
      name: 'bills retainer overage at the hourly rate once the retainer runs out',
      ticket: onRetainer,
      balances: { retainer: { cents: 20_000 } },
      entries: [entry('11-16 10:00', 120)],
      expected: [
        {
          amountCents: 10_000,
          segments: [
            {
              startedAt: '11-16 10:00',
              minutes: 80,
              drawdownCents: 20_000,
              amountCents: 0,
              clause: 'Billable: Remote support drawn from Retainer Q4 (retainer used up)',
            },
            {
              startedAt: '11-16 11:20',
              minutes: 40,
              rateCents: 15_000,
              amountCents: 10_000,
              isOverage: true,
              clause: 'Billable: Remote support under Retainer Q4 (overage: the retainer is used up)',
            },
          ],
        },
      ],
      closing: { retainer: { cents: 0 } },
    },
  ])('$name', check);
});

describe('rounding, minimums and cents', () => {
  const remoteMinimum = { ...breakFix, remoteTicketMinimumMinutes: 30 };
  const visits = { ...breakFix, onsiteMinimumMinutes: 60, tripChargeCents: 4500 };
  it.each<Case>([
    {
      name: 'rounds billable minutes up to the agreement’s increment',
      agreements: [{ ...breakFix, roundingMinutes: 15 }],
      ticket: onBreakFix,
      entries: [entry('11-16 10:00', 7)],
      expected: [{ billableMinutes: 15, amountCents: 3125, segments: [{ minutes: 7, billableMinutes: 15 }] }],
    },
    {
      name: 'prices 7 minutes at $125/h at 1458 cents (1458.33 rounded)',
      ticket: onBreakFix,
      entries: [entry('11-16 10:00', 7)],
      expected: [{ billableMinutes: 7, amountCents: 1458, valueCents: 1458 }],
    },
    {
      name: 'rounds half a cent up: 7 after-hours minutes at $125/h × 1.5 are 2188 cents (2187.5)',
      ticket: { ...onBreakFix, ...askedMonday },
      entries: [entry('11-16 19:00', 7)],
      expected: [{ amountCents: 2188, segments: [{ multiplierPercent: 150 }] }],
    },
    {
      name: 'gives an on-site visit its minimum and a trip charge',
      agreements: [visits],
      ticket: onBreakFix,
      entries: [entry('11-16 10:00', 20, { isOnSite: true })],
      expected: [{ billableMinutes: 60, amountCents: 12_500, tripChargeCents: 4500 }],
    },
    {
      // 10 + 50 minutes: 2083.33 → 2083 and 10416.67 → 10417, which still add up to the hour's 12500.
      name: 'puts the extra minutes of a minimum on the last billable segment',
      agreements: [visits],
      ticket: onBreakFix,
      entries: [entry('11-16 17:50', 20, { isOnSite: true })],
      expected: [
        {
          billableMinutes: 60,
          amountCents: 12_500,
          segments: [
            { tier: 'business', minutes: 10, billableMinutes: 10, amountCents: 2083 },
            { tier: 'after_hours', minutes: 10, billableMinutes: 50, amountCents: 10_417 },
          ],
        },
      ],
    },
    {
      name: 'charges no trip for an on-site visit with nothing billable',
      agreements: [{ ...managed, onsiteMinimumMinutes: 60, tripChargeCents: 4500 }],
      entries: [entry('11-16 10:00', 20, { isOnSite: true })],
      expected: [{ outcome: 'covered', billableMinutes: 0, tripChargeCents: 0 }],
    },
    {
      name: 'gives the remote minimum only to each ticket’s first billable remote entry',
      agreements: [remoteMinimum],
      ticket: onBreakFix,
      tickets: [buildTicket({ id: 'T2', agreementId: 'break-fix' })],
      entries: [
        entry('11-16 14:00', 10, { id: 'E2' }),
        entry('11-16 10:00', 10, { id: 'E1' }),
        entry('11-16 15:00', 10, { id: 'E3', ticketId: 'T2' }),
      ],
      expected: [
        { entryId: 'E2', billableMinutes: 10, amountCents: 2083 },
        { entryId: 'E1', billableMinutes: 30, amountCents: 6250 },
        { entryId: 'E3', billableMinutes: 30 },
      ],
    },
    {
      name: 'does not spend the remote minimum on covered work before the first billable entry',
      agreements: [{ ...managed, remoteTicketMinimumMinutes: 30 }],
      entries: [
        entry('11-16 10:00', 10, { id: 'E1' }),
        entry('11-16 11:00', 10, { id: 'E2', cause: 'out_of_scope' }),
      ],
      expected: [
        { outcome: 'covered', billableMinutes: 0 },
        { outcome: 'billable', billableMinutes: 30, amountCents: 7500 },
      ],
    },
    {
      name: 'rounds only the billable part of an entry, not its covered minutes',
      agreements: [{ ...managed, roundingMinutes: 15 }],
      ticket: askedMonday,
      entries: [entry('11-16 17:50', 20)],
      expected: [
        {
          billableMinutes: 15,
          amountCents: 5625,
          segments: [
            { outcome: 'covered', billableMinutes: 0 },
            { outcome: 'billable', minutes: 10, billableMinutes: 15, amountCents: 5625 },
          ],
        },
      ],
    },
    {
      name: 'prices a work role at its own rate',
      agreements: [{ ...breakFix, roleRates: { engineer: 20_000 } }],
      ticket: onBreakFix,
      entries: [entry('11-16 10:00', 30, { workRoleId: 'engineer', workRoleName: 'Senior engineer' })],
      expected: [{ amountCents: 10_000, segments: [{ rateCents: 20_000 }] }],
    },
  ])('$name', check);
});
