// Table-driven cases for the agreement chain: exclusions, coverage, dates in force, fallthrough, cycles.
import { describe, expect, it } from 'vitest';
import type { Case } from './classify-fixtures.ts';
import { breakFix, buildAgreement, classify, entry, managed, view } from './classify-fixtures.ts';

function check({ expected, closing, ...setup }: Case) {
  const result = classify(setup);
  expect(result.entries.map(view)).toMatchObject(expected);
  if (closing) expect(result.balances).toMatchObject(closing);
}

const monday = entry('11-16 10:00', 60);
const projectWork = entry('11-16 10:00', 60, { workTypeId: 'project-work', workTypeName: 'Project' });
const excludesProjectWork = { ...managed, excludedWorkTypeIds: ['project-work'] };
const managed2025 = buildAgreement({
  id: 'managed-2025',
  name: 'Managed 2025',
  startsOn: '2025-01-01',
  endsOn: '2025-12-31',
});
const breakFix2025 = {
  ...managed2025,
  id: 'break-fix-2025',
  name: 'Break/fix 2025',
  type: 'break_fix' as const,
};
const serversOnly = { ...managed, name: 'Managed Servers 2026', coveredServiceIds: ['svc-servers'] };

describe('the agreement chain', () => {
  it.each<Case>([
    {
      name: 'covers business-hours work on a covered service, at no charge but with its value',
      agreements: [serversOnly],
      ticket: { serviceId: 'svc-servers' },
      entries: [monday],
      expected: [
        {
          outcome: 'covered',
          agreementId: 'managed',
          clause: 'Covered: Remote server administration under Managed Servers 2026 (covered services)',
          billableMinutes: 0,
          amountCents: 0,
          valueCents: 15_000,
          segments: [{ startedAt: '11-16 10:00', minutes: 60, tier: 'business', rateCents: 15_000 }],
        },
      ],
    },
    {
      name: 'sends an excluded ticket type to the fallback agreement',
      agreements: [{ ...managed, excludedTicketTypes: ['Project'], fallbackAgreementId: 'break-fix' }],
      ticket: { type: 'Project' },
      entries: [monday],
      expected: [
        {
          outcome: 'billable',
          agreementId: 'break-fix',
          clause: 'Billable: Project tickets are excluded from Managed 2026, so billed under Break/fix 2026',
          amountCents: 12_500,
        },
      ],
    },
    {
      name: 'sends an excluded work type to the fallback agreement',
      agreements: [{ ...excludesProjectWork, fallbackAgreementId: 'break-fix' }],
      entries: [projectWork],
      expected: [
        {
          outcome: 'billable',
          agreementId: 'break-fix',
          clause: 'Billable: Project work is excluded from Managed 2026, so billed under Break/fix 2026',
        },
      ],
    },
    {
      name: 'sends an excluded work role to the fallback, priced at that role’s rate there',
      agreements: [
        { ...managed, excludedWorkRoleIds: ['engineer'], fallbackAgreementId: 'break-fix' },
        { ...breakFix, roleRates: { engineer: 20_000 } },
      ],
      entries: [entry('11-16 10:00', 60, { workRoleId: 'engineer', workRoleName: 'Senior engineer' })],
      expected: [
        {
          outcome: 'billable',
          clause:
            'Billable: Senior engineer work is excluded from Managed 2026, so billed under Break/fix 2026',
          amountCents: 20_000,
          segments: [{ rateCents: 20_000, billableMinutes: 60 }],
        },
      ],
    },
    {
      name: 'walks a chain of three: excluded, then an agreement that has ended, then the one that decides',
      agreements: [
        { ...managed, excludedTicketTypes: ['Project'], fallbackAgreementId: 'break-fix-2025' },
        { ...breakFix2025, fallbackAgreementId: 'break-fix' },
      ],
      ticket: { type: 'Project' },
      entries: [monday],
      expected: [
        {
          agreementId: 'break-fix',
          clause:
            'Billable: Project tickets are excluded from Managed 2026, and Break/fix 2025 is not in force on ' +
            '2026-11-16 (it ended on 2025-12-31), so billed under Break/fix 2026',
          amountCents: 12_500,
        },
      ],
    },
    {
      name: 'stops at a cycle and bills at the rate of the last agreement walked',
      agreements: [
        { ...excludesProjectWork, fallbackAgreementId: 'break-fix' },
        { ...breakFix, excludedWorkTypeIds: ['project-work'], fallbackAgreementId: 'managed' },
      ],
      entries: [projectWork],
      expected: [
        {
          outcome: 'billable',
          agreementId: 'break-fix',
          clause:
            'Billable: Project work is excluded from Managed 2026, and Project work is excluded from ' +
            'Break/fix 2026, and Break/fix 2026 falls back to Managed 2026 again (a cycle)',
          amountCents: 12_500,
        },
      ],
    },
    {
      name: 'bills excluded work at the excluding agreement’s own rate when it names no fallback',
      agreements: [excludesProjectWork],
      entries: [projectWork],
      expected: [
        {
          outcome: 'billable',
          agreementId: 'managed',
          clause: 'Billable: Project work is excluded from Managed 2026, which names no fallback',
          amountCents: 15_000,
          segments: [{ rateCents: 15_000 }],
        },
      ],
    },
    {
      name: 'leaves work under an ended agreement with no fallback billable with no rate',
      agreements: [managed2025],
      ticket: { agreementId: 'managed-2025' },
      entries: [monday],
      expected: [
        {
          outcome: 'billable',
          agreementId: 'managed-2025',
          clause:
            'Billable: Managed 2025 is not in force on 2026-11-16 (it ended on 2025-12-31), which names no ' +
            'fallback, so there is no rate to bill at',
          billableMinutes: 60,
          amountCents: 0,
          valueCents: 0,
          segments: [{ rateCents: null }],
        },
      ],
    },
    {
      name: 'falls through an agreement that has not started yet',
      agreements: [
        {
          ...managed,
          id: 'managed-2027',
          name: 'Managed 2027',
          startsOn: '2027-01-01',
          endsOn: null,
          fallbackAgreementId: 'break-fix',
        },
      ],
      ticket: { agreementId: 'managed-2027' },
      entries: [monday],
      expected: [
        {
          clause:
            'Billable: Managed 2027 is not in force on 2026-11-16 (it starts on 2027-01-01), so billed under Break/fix 2026',
        },
      ],
    },
    {
      name: 'judges the end date on the agreement’s calendar: 20:00 on Dec 31 in New York is still in force',
      entries: [entry('12-31 20:00', 30)],
      expected: [{ outcome: 'covered', agreementId: 'managed' }],
    },
    {
      name: 'judges the end date in UTC without a calendar: 20:00 on Dec 31 in New York is Jan 1 there',
      agreements: [{ ...managed, calendar: null }],
      entries: [entry('12-31 20:00', 30)],
      expected: [
        {
          outcome: 'billable',
          clause:
            'Billable: Managed 2026 is not in force on 2027-01-01 (it ended on 2026-12-31), which names no fallback, so there is no rate to bill at',
        },
      ],
    },
    {
      name: 'uses the entry’s own agreement over the ticket’s when they differ',
      entries: [entry('11-16 10:00', 60, { agreementId: 'break-fix' })],
      expected: [
        {
          outcome: 'billable',
          agreementId: 'break-fix',
          clause: 'Billable: Remote support under Break/fix 2026',
          amountCents: 12_500,
        },
      ],
    },
    {
      name: 'sends a service the agreement does not list to the fallback',
      agreements: [{ ...serversOnly, fallbackAgreementId: 'break-fix' }],
      ticket: { serviceId: 'svc-printers' },
      entries: [monday],
      expected: [
        {
          clause:
            'Billable: Printer support is not a covered service of Managed Servers 2026, so billed under Break/fix 2026',
        },
      ],
    },
    {
      name: 'does not cover a ticket with no service under an agreement that lists services',
      agreements: [{ ...serversOnly, fallbackAgreementId: 'break-fix' }],
      entries: [monday],
      expected: [
        {
          outcome: 'billable',
          clause:
            'Billable: Managed Servers 2026 covers only listed services and the ticket names none, so billed under Break/fix 2026',
        },
      ],
    },
    {
      name: 'sends an asset type the agreement does not cover to the fallback',
      agreements: [{ ...managed, coveredAssetTypes: ['server'], fallbackAgreementId: 'break-fix' }],
      ticket: { assetType: 'workstation' },
      entries: [monday],
      expected: [
        {
          agreementId: 'break-fix',
          clause:
            'Billable: workstation assets are not covered by Managed 2026, so billed under Break/fix 2026',
        },
      ],
    },
    {
      name: 'bills work on a ticket with no agreement with no rate to bill at',
      ticket: { agreementId: null },
      entries: [monday],
      expected: [
        {
          outcome: 'billable',
          agreementId: null,
          clause: 'Billable: the ticket has no agreement, so there is no rate to bill at',
          billableMinutes: 60,
          amountCents: 0,
          segments: [{ tier: 'business', rateCents: null, amountCents: 0 }],
        },
      ],
    },
  ])('$name', check);
});
