// Benchmark: classifying a month of time entries for an invoice run vs a trivial pass over the same entries.
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createRandom } from '../src/server/demo/demo-random.ts';
import { buildAgreement } from '../src/shared/billing/classify-fixtures.ts';
import type {
  ClassifyAgreement,
  ClassifyEntry,
  ClassifyInput,
  ClassifyResult,
  ClassifyTicket,
  TimeCause,
} from '../src/shared/billing/classify-time.ts';
import { classifyTime } from '../src/shared/billing/classify-time.ts';
import type { BusinessCalendar, TimeRange, Weekday } from '../src/shared/business-time/business-time.ts';
import { WEEKDAYS } from '../src/shared/business-time/business-time.ts';

const SEED = 20_261_130;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** November 2026 in New York: the clocks fall back on Sunday the 1st; Thanksgiving is Thursday the 26th. */
const MONTH_START = Date.UTC(2026, 10, 1, 4);
const MONTH_DAYS = 30;

function officeCalendar(): BusinessCalendar {
  const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const hours: TimeRange[] = [['08:00', '17:00']];
  const weeklyHours = Object.fromEntries(WEEKDAYS.map((day) => [day, weekdays.includes(day) ? hours : []]));
  return {
    timeZone: 'America/New_York',
    weeklyHours: weeklyHours as Record<Weekday, TimeRange[]>,
    holidays: ['2026-11-26', '2026-11-27', '2026-12-25'],
  };
}

/** The fixtures' agreement on this benchmark's calendar, built anew each time. */
const agreement = (overrides: Partial<ClassifyAgreement> & Pick<ClassifyAgreement, 'id' | 'name'>) =>
  buildAgreement({ calendar: officeCalendar(), roleRates: { senior: 19_500 }, ...overrides });

function buildAgreements(): ClassifyAgreement[] {
  return [
    agreement({
      id: 'managed',
      name: 'Managed 2026',
      excludedTicketTypes: ['Project'],
      fallbackAgreementId: 'break-fix',
    }),
    agreement({
      id: 'break-fix',
      name: 'Break/fix 2026',
      type: 'break_fix',
      hourlyRateCents: 12_500,
      roundingMinutes: 15,
      onsiteMinimumMinutes: 60,
      tripChargeCents: 7_500,
      remoteTicketMinimumMinutes: 30,
    }),
    agreement({
      id: 'block',
      name: 'Block 2,000 h',
      type: 'block_hours',
      roundingMinutes: 15,
      overageRateCents: 18_000,
      vendorCausedWork: 'billable',
    }),
  ];
}

const causes: readonly [TimeCause, number][] = [
  ['normal', 0.85],
  ['vendor_caused', 0.05],
  ['msp_rework', 0.04],
  ['out_of_scope', 0.03],
  ['client_caused', 0.03],
];

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  let roll = random();
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** A start on a New York wall clock: mostly business hours, some around closing, some late evening. */
function startOf(random: () => number, day: number): number {
  const localMinute = pick(random, [
    [() => 8 * 60 + Math.floor(random() * 8.5 * 60), 0.7],
    [() => 16 * 60 + Math.floor(random() * 3 * 60), 0.2],
    [() => 20 * 60 + Math.floor(random() * 3.5 * 60), 0.1],
  ] as const)();
  // New York is UTC-5 from 02:00 on November 1, before the earliest start.
  return Date.UTC(2026, 10, 1 + day) + 5 * HOUR + localMinute * MINUTE;
}

export function buildWorkload(entryCount: number, ticketCount: number, seed = SEED): ClassifyInput {
  // Deterministic, so every run classifies the same entries and the result digest is comparable.
  const random = createRandom(seed).next;
  const tickets: ClassifyTicket[] = [];
  for (let t = 0; t < ticketCount; t++) {
    const requested = random() < 0.3;
    tickets.push({
      id: `T${t}`,
      type: random() < 0.1 ? 'Project' : 'Incident',
      serviceId: null,
      assetType: null,
      vendorNoticeAt: new Date(MONTH_START + 15 * DAY).toISOString(),
      coverageHolds: [],
      agreementId: pick(random, [
        ['managed', 0.6],
        ['break-fix', 0.25],
        ['block', 0.15],
      ]),
      afterHoursRequest: requested
        ? {
            requestedBy: 'Dana Ruiz',
            requestedAt: new Date(MONTH_START + Math.floor(random() * 10) * DAY).toISOString(),
          }
        : null,
    });
  }
  const entries: ClassifyEntry[] = [];
  for (let e = 0; e < entryCount; e++) {
    const isOnSite = random() < 0.1;
    const isSenior = random() < 0.2;
    entries.push({
      id: `E${e}`,
      ticketId: `T${e % ticketCount}`,
      startedAt: new Date(startOf(random, Math.floor(random() * MONTH_DAYS))).toISOString(),
      minutes: 30 + Math.floor(random() * 211),
      workTypeId: isOnSite ? 'onsite' : 'remote',
      workTypeName: isOnSite ? 'On-site support' : 'Remote support',
      isOnSite,
      workRoleId: isSenior ? 'senior' : null,
      workRoleName: isSenior ? 'Senior engineer' : null,
      cause: pick(random, causes),
      agreementId: null,
      override: random() < 0.01 ? { outcome: 'covered', reason: 'Goodwill' } : null,
    });
  }
  return {
    entries,
    tickets: new Map(tickets.map((ticket) => [ticket.id, ticket])),
    agreements: new Map(buildAgreements().map((a) => [a.id, a])),
    balances: { block: { minutes: 2_000 * 60 } },
  };
}

/** The same input with new agreement and calendar objects, as when each run reads them afresh. */
function withFreshAgreements(input: ClassifyInput): ClassifyInput {
  return { ...input, agreements: new Map(buildAgreements().map((a) => [a.id, a])) };
}

/** What the same run costs without classifying: minutes per agreement, the shape of a SQL aggregate. */
function minutesPerAgreement(input: ClassifyInput): Map<string | null, number> {
  const totals = new Map<string | null, number>();
  for (const entry of input.entries) {
    const id = entry.agreementId ?? input.tickets.get(entry.ticketId)?.agreementId ?? null;
    totals.set(id, (totals.get(id) ?? 0) + entry.minutes);
  }
  return totals;
}

/**
 * Median time of `body` in ms over at least `minimumRuns` runs and `minimumMs` in all: its wall time, or
 * the ms it returns when only part of it is to be timed.
 */
function timeMedian(
  minimumRuns: number,
  minimumMs: number,
  body: (run: number) => number | undefined,
): number {
  const times: number[] = [];
  const started = performance.now();
  do {
    const runStarted = performance.now();
    const partMs = body(times.length);
    times.push(partMs ?? performance.now() - runStarted);
  } while (times.length < minimumRuns || performance.now() - started < minimumMs);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface Measurement {
  readonly name: string;
  readonly entries: number;
  readonly ms: number;
}

export interface ClassifyTimeBenchResult {
  readonly date: string;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly seed: number;
  readonly tickets: number;
  readonly segments: number;
  readonly outcomes: Readonly<Record<string, number>>;
  /** SHA-256 prefix of the result of one call: it changes only if some classification changed. */
  readonly digest: string;
  readonly warm: Measurement;
  readonly cold: Measurement;
  readonly perTicket: Measurement;
  readonly baseline: Measurement;
}

export async function run(
  options: { entries?: number; tickets?: number; minimumMs?: number } = {},
): Promise<ClassifyTimeBenchResult> {
  const entryCount = options.entries ?? 50_000;
  const ticketCount = options.tickets ?? 500;
  const minimumMs = options.minimumMs ?? 2_000;
  const input = buildWorkload(entryCount, ticketCount);

  const first: ClassifyResult = classifyTime(input);
  const digest = createHash('sha256').update(JSON.stringify(first)).digest('hex').slice(0, 16);
  const outcomes: Record<string, number> = {};
  let segments = 0;
  for (const entry of first.entries) {
    outcomes[entry.outcome] = (outcomes[entry.outcome] ?? 0) + 1;
    segments += entry.segments.length;
  }

  const warmMs = timeMedian(3, minimumMs, () => {
    classifyTime(input);
    return undefined;
  });

  // Cold: every run sees agreement and calendar objects it has not seen; zone data is shared and warm.
  // Building the inputs is not part of classifying, so only the calls are timed.
  const coldMs = timeMedian(5, minimumMs, () => {
    const fresh = withFreshAgreements(input);
    const started = performance.now();
    classifyTime(fresh);
    return performance.now() - started;
  });

  // As the server classifies: one call per ticket's entries, with its agreements read afresh.
  const byTicket = new Map<string, ClassifyEntry[]>();
  for (const entry of input.entries) {
    const list = byTicket.get(entry.ticketId);
    if (list === undefined) byTicket.set(entry.ticketId, [entry]);
    else list.push(entry);
  }
  const perTicketMs = timeMedian(5, minimumMs, () => {
    const calls = [...byTicket.values()].map((entries) => ({ ...withFreshAgreements(input), entries }));
    const started = performance.now();
    for (const call of calls) classifyTime(call);
    return performance.now() - started;
  });

  let sink = 0;
  const baselineRuns = 200;
  const baselineMs =
    timeMedian(5, Math.min(minimumMs, 500), () => {
      for (let i = 0; i < baselineRuns; i++) sink += minutesPerAgreement(input).size;
      return undefined;
    }) / baselineRuns;
  if (sink < 0) console.log(sink);

  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    seed: SEED,
    tickets: ticketCount,
    segments,
    outcomes,
    digest,
    warm: { name: 'classifyTime, one call (calendars seen before)', entries: entryCount, ms: warmMs },
    cold: { name: 'classifyTime, one call (new agreement objects)', entries: entryCount, ms: coldMs },
    perTicket: {
      name: `classifyTime, one call per ticket (${ticketCount} calls, new agreement objects each)`,
      entries: entryCount,
      ms: perTicketMs,
    },
    baseline: { name: 'minutes per agreement (baseline)', entries: entryCount, ms: baselineMs },
  };
}

const formatMs = (ms: number) => (ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toFixed(2));
const formatRatio = (ratio: number) =>
  `${ratio >= 10 ? Math.round(ratio).toLocaleString('en-US') : ratio.toFixed(2)}×`;

export function formatMarkdown(result: ClassifyTimeBenchResult): string {
  const row = (m: Measurement) =>
    `| ${m.name} | ${m.entries.toLocaleString('en-US')} | ${formatMs(m.ms)} | ` +
    `${((m.ms * 1000) / m.entries).toFixed(2)} | ${formatRatio(m.ms / result.baseline.ms)} |`;
  const outcomes = Object.entries(result.outcomes)
    .map(([outcome, count]) => `${count.toLocaleString('en-US')} ${outcome}`)
    .join(', ');
  return [
    `Time classification — ${result.date}, Node ${result.node}, ${result.cpu} (${result.cores} cores), seed ${result.seed}`,
    '',
    '| Pass over one month of entries | Entries | ms | µs per entry | vs baseline |',
    '| --- | ---: | ---: | ---: | ---: |',
    row(result.warm),
    row(result.cold),
    row(result.perTicket),
    row(result.baseline),
    '',
    `${result.warm.entries.toLocaleString('en-US')} entries on ${result.tickets} tickets under a managed ` +
      `agreement (falling back to break/fix for project tickets), break/fix and a block of hours, all on a ` +
      `New York calendar, gave ${outcomes} in ${result.segments.toLocaleString('en-US')} segments ` +
      `(result digest ${result.digest}).`,
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) console.log(formatMarkdown(await run()));
