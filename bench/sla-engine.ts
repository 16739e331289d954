// Benchmark: due-time computation of the business-time engine vs the minute oracle and moment-business-time.
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '../src/shared/business-time/business-time.ts';
import { addBusinessMinutes, WEEKDAYS } from '../src/shared/business-time/business-time.ts';
import type { BusinessTimeCase } from '../src/shared/business-time/generate-cases.ts';
import { generateCases } from '../src/shared/business-time/generate-cases.ts';
import { oracleAddBusinessMinutes } from '../src/shared/business-time/minute-oracle.ts';

const SEED = 20_261_122;
const MINUTE = 60_000;

// moment-business-time patches the shared `moment` that moment-timezone also extends. Some calendars
// send it into an endless loop (a "24:00" end, a range boundary inside a DST gap), so it runs in a
// worker that is replaced when a case takes too long; such cases are reported as hung.
const MOMENT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const load = require('node:module').createRequire(workerData.base);
const moment = load('moment-timezone');
load('moment-business-time');
const locale = moment.locale();
parentPort.on('message', (job) => {
  moment.updateLocale(locale, job.locale);
  const started = performance.now();
  const due = moment.tz(job.from, job.timeZone).addWorkingTime(job.minutes, 'minutes').valueOf();
  const elapsedMs = performance.now() - started;
  const offsets = job.offsetsAt.map((at) => moment.tz(at, job.timeZone).utcOffset());
  parentPort.postMessage({ due, elapsedMs, offsets });
});
`;
const HUNG_AFTER_MS = 2_000;

interface MomentJob {
  readonly locale: object;
  readonly from: number;
  readonly timeZone: string;
  readonly minutes: number;
  /** Instants at which to report moment-timezone's offset, to tell zone-data differences apart. */
  readonly offsetsAt: readonly number[];
}
interface MomentResult {
  readonly due: number;
  readonly elapsedMs: number;
  /** Minutes east of UTC, as moment-timezone's bundled zone data has them. */
  readonly offsets: readonly number[];
}
type MomentOutcome = MomentResult | 'hung';

function runMomentJobs(jobs: readonly MomentJob[]): Promise<MomentOutcome[]> {
  const outcomes: MomentOutcome[] = [];
  return new Promise((resolve, reject) => {
    let worker: Worker;
    let watchdog: NodeJS.Timeout | undefined;
    const sendNext = () => {
      clearTimeout(watchdog);
      const job = jobs[outcomes.length];
      if (job === undefined) {
        void worker.terminate();
        resolve(outcomes);
        return;
      }
      watchdog = setTimeout(() => {
        outcomes.push('hung');
        worker.removeAllListeners();
        void worker.terminate();
        start();
      }, HUNG_AFTER_MS);
      worker.postMessage(job);
    };
    const start = () => {
      worker = new Worker(MOMENT_WORKER, { eval: true, workerData: { base: import.meta.url } });
      worker.on('message', (outcome: MomentResult) => {
        outcomes.push(outcome);
        sendNext();
      });
      worker.on('error', reject);
      sendNext();
    };
    start();
  });
}

export interface Measurement {
  readonly name: string;
  readonly cases: number;
  readonly opsPerSecond: number;
}

/** Why moment-business-time's answer differs from the engine's, first matching reason wins. */
export interface MomentDisagreements {
  /** Did not finish within HUNG_AFTER_MS. */
  hung: number;
  /** moment-timezone's bundled tz data and the runtime's ICU data give different offsets. */
  zoneData: number;
  /** The count crosses an offset change (DST gap or overlap). */
  offsetChange: number;
  /** Same offset throughout, but the calendar has touching ranges (e.g. 08:00–12:00 + 12:00–17:00). */
  adjacentRanges: number;
  other: number;
}

export interface SlaEngineBenchResult {
  readonly date: string;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly seed: number;
  readonly engineWarm: Measurement;
  readonly engineCold: Measurement;
  readonly oracle: Measurement & { readonly disagreements: number };
  readonly momentBusinessTime: Measurement & {
    /** Cases it cannot express at all (see isExpressibleInMoment) or beyond the sample size. */
    readonly skipped: number;
    readonly agreementPercent: number;
    readonly disagreements: MomentDisagreements;
    readonly momentZoneDataVersion: string;
    readonly runtimeZoneDataVersion: string;
    /** Engine speed on exactly the cases moment-business-time ran. */
    readonly engineOnSameCases: Measurement;
  };
}

/** Runs `body` over all cases, repeating until `minimumMs` has passed, and returns ops per second. */
function measure(cases: readonly BusinessTimeCase[], minimumMs: number, body: (c: BusinessTimeCase) => void) {
  let operations = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const testCase of cases) body(testCase);
    operations += cases.length;
    elapsed = performance.now() - started;
  } while (elapsed < minimumMs);
  return (operations / elapsed) * 1000;
}

function engineDue(c: BusinessTimeCase): number | null {
  return addBusinessMinutes(c.calendar, c.fromEpochMs, c.minutes);
}

/**
 * What moment-business-time can express: per-weekday ranges (sorted for it), holidays and, through
 * moment-timezone, one zone. Left out: calendars without hours and counts that find no business time
 * (it loops forever instead of giving up), ranges ending at 24:00 (it loops forever), and zero-minute
 * counts (it treats a closing instant as inside hours, by design).
 */
function isExpressibleInMoment(c: BusinessTimeCase): boolean {
  const ranges = WEEKDAYS.flatMap((day) => c.calendar.weeklyHours[day]);
  return (
    c.minutes > 0 && ranges.length > 0 && ranges.every(([, end]) => end !== '24:00') && engineDue(c) !== null
  );
}

function momentLocale(calendar: BusinessCalendar): object {
  const workinghours: Record<number, string[] | null> = {};
  WEEKDAYS.forEach((day, index) => {
    const ranges = [...calendar.weeklyHours[day]].sort((a, b) => a[0].localeCompare(b[0]));
    // moment numbers days from Sunday = 0.
    workinghours[(index + 1) % 7] =
      ranges.length === 0 ? null : ranges.flatMap(([start, end]) => [`${start}:00`, `${end}:00`]);
  });
  return { workinghours, holidays: [...calendar.holidays] };
}

function crossesOffsetChange(c: BusinessTimeCase, until: number): boolean {
  const next = zoned(c, c.fromEpochMs).getTimeZoneTransition('next');
  return next !== null && next.epochMilliseconds <= until;
}

function momentZoneDataVersion(): string {
  const moment = createRequire(import.meta.url)('moment-timezone') as { tz: { dataVersion: string } };
  return moment.tz.dataVersion;
}

function zoned(c: BusinessTimeCase, epochMs: number): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(c.calendar.timeZone);
}

function offsetMinutes(c: BusinessTimeCase, epochMs: number): number {
  return zoned(c, epochMs).offsetNanoseconds / (MINUTE * 1e6);
}

function hasAdjacentRanges(calendar: BusinessCalendar): boolean {
  return WEEKDAYS.some((day) => {
    const ranges = calendar.weeklyHours[day];
    return ranges.some(([, end]) => ranges.some(([start]) => start === end));
  });
}

async function benchMoment(cases: readonly BusinessTimeCase[], limit: number) {
  const expressible = cases.filter(isExpressibleInMoment).slice(0, limit);
  const jobs = expressible.map((c): MomentJob => {
    const from = Math.floor(c.fromEpochMs / MINUTE) * MINUTE;
    return {
      locale: momentLocale(c.calendar),
      from,
      timeZone: c.calendar.timeZone,
      minutes: c.minutes,
      offsetsAt: [from, engineDue(c)!],
    };
  });
  const outcomes = await runMomentJobs(jobs);
  let elapsed = 0;
  let completed = 0;
  let agreements = 0;
  const disagreements: MomentDisagreements = {
    hung: 0,
    zoneData: 0,
    offsetChange: 0,
    adjacentRanges: 0,
    other: 0,
  };
  outcomes.forEach((outcome, index) => {
    if (outcome === 'hung') {
      disagreements.hung++;
      return;
    }
    const c = expressible[index]!;
    const job = jobs[index]!;
    completed++;
    elapsed += outcome.elapsedMs;
    const expected = engineDue(c)!;
    if (outcome.due === expected) agreements++;
    else if (job.offsetsAt.some((at, i) => outcome.offsets[i] !== offsetMinutes(c, at)))
      disagreements.zoneData++;
    else if (crossesOffsetChange(c, Math.max(outcome.due, expected))) disagreements.offsetChange++;
    else if (hasAdjacentRanges(c.calendar)) disagreements.adjacentRanges++;
    else disagreements.other++;
  });
  const engineOnSameCases: Measurement = {
    name: 'engine on the same cases',
    cases: expressible.length,
    opsPerSecond: measure(expressible, 500, engineDue),
  };
  return {
    name: 'moment-business-time + moment-timezone',
    cases: expressible.length,
    opsPerSecond: (completed / elapsed) * 1000,
    skipped: cases.length - expressible.length,
    agreementPercent: (agreements / expressible.length) * 100,
    disagreements,
    momentZoneDataVersion: momentZoneDataVersion(),
    runtimeZoneDataVersion: process.versions.tz ?? 'unknown',
    engineOnSameCases,
  };
}

export async function run(
  options: { cases?: number; momentCases?: number } = {},
): Promise<SlaEngineBenchResult> {
  const caseCount = options.cases ?? 5_000;
  const cases = generateCases(caseCount, SEED);
  const fresh = () => cases.map((c) => ({ ...c, calendar: structuredClone(c.calendar) }));

  // Cold: every calendar object is new, so each call compiles it (zone tables are shared and warm).
  for (const c of fresh()) engineDue(c);
  const coldCases = fresh();
  const coldStarted = performance.now();
  for (const c of coldCases) engineDue(c);
  const coldOps = (coldCases.length / (performance.now() - coldStarted)) * 1000;

  const warmOps = measure(cases, 1_000, engineDue);

  // The first oracle pass checks answers and fills its offset caches; the second one is timed.
  let disagreements = 0;
  for (const c of cases) {
    if (oracleAddBusinessMinutes(c.calendar, c.fromEpochMs, c.minutes) !== engineDue(c)) disagreements++;
  }
  const oracleOps = measure(cases, 0, (c) => oracleAddBusinessMinutes(c.calendar, c.fromEpochMs, c.minutes));

  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    seed: SEED,
    engineWarm: { name: 'engine (calendar compiled)', cases: cases.length, opsPerSecond: warmOps },
    engineCold: {
      name: 'engine (new calendar object each call)',
      cases: cases.length,
      opsPerSecond: coldOps,
    },
    oracle: {
      name: 'minute-stepping oracle (baseline)',
      cases: cases.length,
      opsPerSecond: oracleOps,
      disagreements,
    },
    momentBusinessTime: await benchMoment(cases, options.momentCases ?? 1_000),
  };
}

const formatOps = (ops: number) => Math.round(ops).toLocaleString('en-US');
const formatRatio = (ratio: number) =>
  `${ratio >= 10 ? Math.round(ratio).toLocaleString('en-US') : ratio.toFixed(2)}×`;

export function formatMarkdown(result: SlaEngineBenchResult): string {
  const baseline = result.oracle.opsPerSecond;
  const moment = result.momentBusinessTime;
  const d = moment.disagreements;
  const row = (m: Measurement, agreement: string) =>
    `| ${m.name} | ${m.cases.toLocaleString('en-US')} | ${formatOps(m.opsPerSecond)} | ${formatRatio(m.opsPerSecond / baseline)} | ${agreement} |`;
  return [
    `SLA engine — ${result.date}, Node ${result.node}, ${result.cpu} (${result.cores} cores), seed ${result.seed}`,
    '',
    '| Due-time computation | Cases | ops/s | vs oracle | Same answer as engine |',
    '| --- | ---: | ---: | ---: | ---: |',
    row(result.engineWarm, '—'),
    row(result.engineCold, '—'),
    row(result.oracle, `${result.oracle.disagreements} disagreements`),
    row(moment, `${moment.agreementPercent.toFixed(1)}%`),
    '',
    `moment-business-time ran ${moment.cases} of ${moment.cases + moment.skipped} cases (the others are not ` +
      `expressible or beyond the sample); the engine is ` +
      `${formatRatio(moment.engineOnSameCases.opsPerSecond / moment.opsPerSecond)} faster on those cases. ` +
      `Disagreements: ${d.hung} hung (over ${HUNG_AFTER_MS / 1000} s), ${d.zoneData} from different tz data ` +
      `(moment-timezone ${moment.momentZoneDataVersion}, Node ICU ${moment.runtimeZoneDataVersion}), ` +
      `${d.offsetChange} across an offset change, ${d.adjacentRanges} with touching ranges, ${d.other} other.`,
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const result = await run();
  console.log(formatMarkdown(result));
  const speedup = result.engineWarm.opsPerSecond / result.oracle.opsPerSecond;
  if (result.oracle.disagreements > 0 || speedup < 100) {
    console.error(
      `FAILED: ${result.oracle.disagreements} disagreements with the oracle, speed-up ${speedup.toFixed(0)}×`,
    );
    process.exitCode = 1;
  }
}
