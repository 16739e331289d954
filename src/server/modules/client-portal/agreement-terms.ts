// An agreement in plain words for the client: what it costs, what it covers, what is billable at which
// rate, what is promised and what a missed promise earns. Pure: the caller looks up the names.
import { type Agreement, agreementTypeLabels } from '../../../shared/api/agreements.ts';
import { deviceClassLabels } from '../../../shared/api/catalog.ts';
import type { PortalAgreement } from '../../../shared/api/client-portal.ts';
import type { SlaPolicy } from '../../../shared/api/sla-policies.ts';
import { priorities } from '../../../shared/api/sla-policies.ts';
import { formatMoney } from '../../../shared/money.ts';
import { dayInWords } from '../../../shared/utc-days.ts';

export interface TermsSources {
  agreement: Agreement;
  mspName: string;
  /** Names of the covered services and of the excluded work types (the agreement holds their ids). */
  coveredServiceNames: readonly string[];
  excludedWorkTypeNames: readonly string[];
  /** The policy the agreement's tickets are measured under (its own, else the client's default). */
  policy: Pick<SlaPolicy, 'name' | 'targets'> | null;
}

type Section = PortalAgreement['terms'][number];

/** "October 2026" from "2026-10". */
const monthWords = (month: string) => dayInWords(`${month}-01`).replace(/^1 /, '');

const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

const vendorCausedWords: Record<Agreement['vendorCausedWork'], string> = {
  graduated: 'not billed until you have had a vendor notice about that vendor, then billable',
  billable: 'billable',
  covered: 'included',
};

const ticketTypeWords: Record<string, string> = {
  incident: 'incidents',
  service_request: 'service requests',
  change: 'changes',
  alert: 'alerts',
  problem: 'problems',
};

function costs(a: Agreement, money: (cents: number) => string): Section {
  const lines = a.recurringLines.map((line) => {
    const what = line.description ?? line.catalogItemName;
    const minimum = line.minimumQuantity > line.quantity ? ` (at least ${line.minimumQuantity})` : '';
    return `${what}: ${line.quantity} × ${money(line.unitPriceCents)} a month${minimum}.`;
  });
  if (a.retainerCents !== null) lines.push(`A retainer of ${money(a.retainerCents)} a month.`);
  if (a.blockMinutes !== null && a.blockPriceCents !== null) {
    const hours = Math.round((a.blockMinutes / 60) * 100) / 100;
    const rollover =
      a.blockRollover === 'all'
        ? 'Unused hours roll over to the next block'
        : 'Unused hours do not roll over';
    const expiry = a.blockExpiryMonths ? `; hours expire after ${a.blockExpiryMonths} months` : '';
    lines.push(`A block of ${hours} hours for ${money(a.blockPriceCents)}. ${rollover}${expiry}.`);
  }
  if (a.fixedFeeCents !== null) lines.push(`A fixed fee of ${money(a.fixedFeeCents)} for the project.`);
  if (lines.length === 0) lines.push('No fixed fees: you pay for the work done, at the rates below.');
  return { heading: 'What it costs', lines };
}

function coverage(s: TermsSources): Section {
  const a = s.agreement;
  const services = s.coveredServiceNames.length ? list(s.coveredServiceNames) : 'every service';
  const assets = a.coveredAssetTypes.length
    ? ` on ${list(a.coveredAssetTypes.map((type) => deviceClassLabels[type].toLowerCase()))}s`
    : '';
  const lines: string[] = [];
  switch (a.type) {
    case 'managed':
      lines.push(
        `Work on ${services}${assets} in business hours is included in the monthly fee.`,
        'Work outside business hours is billable at the after-hours rates below, and only when you ask for it.',
      );
      break;
    case 'block_hours':
      lines.push(`Billable work on ${services}${assets} draws on the block's hours.`);
      break;
    case 'retainer':
      lines.push(`Billable work on ${services}${assets} draws on the retainer.`);
      break;
    case 'project':
      lines.push(`The project's work is included in the fixed fee.`);
      break;
    case 'break_fix':
      lines.push('Nothing is included: work is billable at the rates below.');
      break;
  }
  const excluded = [
    ...a.excludedTicketTypes.map((type) => ticketTypeWords[type] ?? type),
    ...s.excludedWorkTypeNames,
  ];
  if (excluded.length) {
    const elsewhere = a.fallbackAgreementName ? `under ${a.fallbackAgreementName}` : 'at the rates below';
    lines.push(`Not included: ${list(excluded)}; they are billed ${elsewhere}.`);
  }
  lines.push(
    `Work caused by your vendors: ${vendorCausedWords[a.vendorCausedWork]}.`,
    `Work ${s.mspName} has to redo is never billed.`,
  );
  return { heading: 'What is included', lines };
}

function rates(a: Agreement, money: (cents: number) => string): Section {
  const lines = [`Billable work: ${money(a.hourlyRateCents)} an hour.`];
  for (const role of a.roleRates) {
    lines.push(`${role.workRoleName}: ${money(role.hourlyRateCents)} an hour.`);
  }
  const tiers = [
    ['after hours', a.afterHoursPercent],
    ['weekends', a.weekendPercent],
    ['public holidays', a.holidayPercent],
  ] as const;
  const raised = tiers.filter(([, percent]) => percent !== null && percent > 100);
  if (raised.length) {
    const each = raised.map(([when, percent]) => `${when} ${percent} % of the rate`);
    lines.push(`Work you ask for outside business hours: ${each.join(', ')}. Otherwise the business rate.`);
  }
  if (a.onsiteMinimumMinutes > 0 || a.tripChargeCents > 0) {
    const minimum = a.onsiteMinimumMinutes > 0 ? `at least ${a.onsiteMinimumMinutes} minutes` : '';
    const trip = a.tripChargeCents > 0 ? `a trip charge of ${money(a.tripChargeCents)}` : '';
    lines.push(`A billable visit on site: ${[minimum, trip].filter(Boolean).join(', plus ')}.`);
  }
  if (a.remoteTicketMinimumMinutes > 0) {
    lines.push(`A billable remote ticket: at least ${a.remoteTicketMinimumMinutes} minutes.`);
  }
  if (a.roundingMinutes > 1) lines.push(`Billable time rounds up to ${a.roundingMinutes} minutes.`);
  return { heading: 'What is billable, and at which rate', lines };
}

function promises(s: TermsSources): Section | null {
  if (!s.policy) return null;
  const calendar = s.agreement.calendarName ? ` (${s.agreement.calendarName})` : '';
  return {
    heading: 'What we promise',
    lines: [
      `Response and resolution targets by priority, counted in business hours${calendar}, from the ${s.policy.name} policy.`,
      'They are guaranteed for tickets about managed, standard assets and tickets naming no asset.',
      'Tickets about other assets are measured the same way and shown as best effort.',
      'Time waiting on you, on your vendors or for a time you chose does not count.',
    ],
  };
}

function credits(s: TermsSources, money: (cents: number) => string): Section | null {
  const schedule = s.agreement.penaltySchedule;
  if (!schedule) return null;
  const perBreach = priorities
    .filter((p) => schedule.perBreachCents[p] > 0)
    .map((p) => `${p} ${money(schedule.perBreachCents[p])}`);
  const lines = [
    schedule.mode === 'invoice'
      ? 'A missed guaranteed target earns a service credit on the next invoice.'
      : 'Each month’s statement shows the service credits missed targets would earn; they are reported, not credited on invoices.',
  ];
  if (perBreach.length) lines.push(`Per missed target: ${perBreach.join(', ')}.`);
  if (schedule.tiers.length) {
    const tiers = [...schedule.tiers]
      .sort((x, y) => y.belowPercent - x.belowPercent)
      .map((t) => `below ${t.belowPercent} % compliance, ${t.creditPercent} % of the month's fees`);
    lines.push(
      `In a month with at least ${schedule.minimumTickets} tickets measured: ${tiers.join('; ')} (instead of the per-target credits).`,
    );
  }
  if (schedule.monthlyCapCents !== null) {
    lines.push(`At most ${money(schedule.monthlyCapCents)} of credits a month.`);
  }
  lines.push(
    `${s.mspName} may dispute a credit within ${schedule.disputeWindowDays} business days of the month's close, citing why the miss was not theirs; you see the reason.`,
  );
  if (schedule.isSoleRemedy) lines.push('The credits are your sole remedy for missed targets.');
  if (schedule.effectiveFrom) lines.push(`Credits count from ${monthWords(schedule.effectiveFrom)}.`);
  return { heading: 'Service credits', lines };
}

function vendors(a: Agreement, mspName: string): Section | null {
  const lines: string[] = [];
  if (a.requiresLoa) {
    lines.push('Your vendors need a signed Letter of Agency before they work on your systems.');
  }
  if (a.requiresClientApprovalOfVendorChanges) {
    lines.push(`A vendor's change needs your approval as well as ${mspName}'s.`);
  }
  return lines.length ? { heading: 'Your vendors', lines } : null;
}

export function agreementTerms(s: TermsSources): PortalAgreement {
  const a = s.agreement;
  const money = (cents: number) => formatMoney(cents, a.currency);
  return {
    id: a.id,
    name: a.name,
    typeLabel: agreementTypeLabels[a.type],
    status: a.status,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    terms: [
      costs(a, money),
      coverage(s),
      rates(a, money),
      promises(s),
      credits(s, money),
      vendors(a, s.mspName),
    ].filter((section): section is Section => section !== null),
    targets: s.policy
      ? priorities.map((priority) => {
          const { firstResponseMinutes, resolutionMinutes } = s.policy!.targets[priority];
          return { priority, firstResponseMinutes, resolutionMinutes };
        })
      : null,
  };
}
