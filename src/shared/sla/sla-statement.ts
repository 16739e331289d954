// An SLA statement's figures, from the clocks of the tickets measured under one agreement: pure, no I/O.
//
// A clock counts in the month its target fell due (its dueAt, read in the statement's time zone): met,
// missed (a clock breached and still running is missed too), or pending while the month still runs.
// Compliance is reported for guaranteed clocks only; best-effort ones are shown but never count against
// the MSP. Pause time is the resolution clocks' paused business minutes, by whose side paused them.
//
// Closed months are frozen. When a clock of a closed month is known differently later (a reopen, a late
// record, a ticket moved between agreements), the difference goes into the statement being computed as a
// correction — the closed statement itself never moves.
import { Temporal } from 'temporal-polyfill';
import type { Priority } from '../api/sla-policies.ts';
import { priorities } from '../api/sla-policies.ts';
import type {
  BestEffortReason,
  ClockOutcome,
  SlaBasis,
  SlaClockName,
  StatementClock,
  StatementCorrection,
  StatementFigures,
  Tally,
} from '../api/sla-statements.ts';
import { slaBases } from '../api/sla-statements.ts';
import type { SlaClock, SlaState } from './sla-clock.ts';

export interface MonthBounds {
  /** Epoch milliseconds, inclusive. */
  start: number;
  /** Epoch milliseconds, exclusive. */
  end: number;
}

/** A YYYY-MM month's bounds as instants in an IANA zone. */
export function monthBounds(month: string, timeZone: string): MonthBounds {
  const first = Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 });
  return {
    start: first.toZonedDateTime({ timeZone }).epochMilliseconds,
    end: first.add({ months: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds,
  };
}

/** The YYYY-MM month an instant falls in, in an IANA zone. */
export function monthOf(epochMs: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toPlainYearMonth()
    .toString();
}

export function nextMonth(month: string): string {
  return Temporal.PlainYearMonth.from(month).add({ months: 1 }).toString();
}

export interface AssetStanding {
  isManaged: boolean;
  isStandard: boolean;
  isOnHold: boolean;
}

/** Guaranteed unless an asset the ticket names is unmanaged, non-standard or held off managed service. */
export function basisOf(assets: readonly AssetStanding[]): { basis: SlaBasis; reasons: BestEffortReason[] } {
  const reasons = new Set<BestEffortReason>();
  for (const asset of assets) {
    if (!asset.isManaged) reasons.add('unmanaged');
    if (!asset.isStandard) reasons.add('non_standard');
    if (asset.isOnHold) reasons.add('coverage_hold');
  }
  return { basis: reasons.size ? 'best_effort' : 'guaranteed', reasons: [...reasons] };
}

export interface MeasuredTicket {
  id: string;
  number: number;
  title: string;
  basis: SlaBasis;
  state: SlaState;
}

/** A clock with the month it falls due in. */
export interface DatedClock extends StatementClock {
  month: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function outcomeOf(clock: SlaClock): ClockOutcome {
  if (clock.state === 'met') return 'met';
  if (clock.state === 'missed' || clock.state === 'breached') return 'missed';
  return 'pending';
}

/** Both clocks of a ticket that have a due instant, with the month each falls due in. */
export function clocksOf(ticket: MeasuredTicket, timeZone: string): DatedClock[] {
  const { firstResponse, resolution } = ticket.state;
  const clocks: [SlaClockName, SlaClock][] = [
    ['first_response', firstResponse],
    ['resolution', resolution],
  ];
  return clocks.flatMap(([name, clock]) =>
    clock.dueAt === null
      ? []
      : [
          {
            month: monthOf(clock.dueAt, timeZone),
            ticketId: ticket.id,
            ticketNumber: ticket.number,
            ticketTitle: ticket.title,
            clock: name,
            priority: clock.priority,
            basis: ticket.basis,
            dueAt: iso(clock.dueAt)!,
            stoppedAt: iso(clock.stoppedAt),
            outcome: outcomeOf(clock),
            pausedMinutes:
              name === 'resolution'
                ? { ...resolution.pausedMinutes }
                : { client: 0, vendor: 0, scheduled: 0 },
          },
        ],
  );
}

/** The targets a month missed: its breaches. */
export const missedClocks = <T extends Pick<StatementClock, 'outcome'>>(figures: { clocks: readonly T[] }) =>
  figures.clocks.filter((c) => c.outcome === 'missed');

export const clockKey = (clock: Pick<StatementClock, 'ticketId' | 'clock'>) =>
  `${clock.ticketId}/${clock.clock}`;

/** How a clock of a closed month was last reported: in its statement, or in a later one's correction. */
export type Reported = Omit<DatedClock, 'dueAt' | 'stoppedAt' | 'pausedMinutes'>;

/** What the closed statements, oldest first, say of each clock they counted. */
export function reportedClocks(closed: readonly StatementFigures[]): Map<string, Reported> {
  const reported = new Map<string, Reported>();
  for (const figures of closed) {
    for (const clock of figures.clocks) reported.set(clockKey(clock), { ...clock, month: figures.month });
    for (const correction of figures.corrections) {
      const key = clockKey(correction);
      if (correction.now === null) reported.delete(key);
      else reported.set(key, { ...correction, outcome: correction.now });
    }
  }
  return reported;
}

function correction(
  clock: Reported,
  was: ClockOutcome | null,
  now: ClockOutcome | null,
): StatementCorrection {
  const { month, ticketId, ticketNumber, ticketTitle, priority, basis } = clock;
  return { month, ticketId, ticketNumber, ticketTitle, clock: clock.clock, priority, basis, was, now };
}

const sameReport = (a: Reported, b: Reported) =>
  a.outcome === b.outcome && a.priority === b.priority && a.basis === b.basis;

/** The differences between what closed months reported and what their clocks say now. */
export function correctionsOf(
  reported: ReadonlyMap<string, Reported>,
  fresh: readonly DatedClock[],
  closedMonths: ReadonlySet<string>,
): StatementCorrection[] {
  const now = new Map(fresh.filter((c) => closedMonths.has(c.month)).map((c) => [clockKey(c), c]));
  const corrections: StatementCorrection[] = [];
  for (const key of new Set([...reported.keys(), ...now.keys()])) {
    const before = reported.get(key);
    const after = now.get(key);
    if (before && after && before.month === after.month) {
      if (!sameReport(before, after)) corrections.push(correction(after, before.outcome, after.outcome));
      continue;
    }
    if (before) corrections.push(correction(before, before.outcome, null));
    if (after) corrections.push(correction(after, null, after.outcome));
  }
  return corrections.sort((a, b) => a.month.localeCompare(b.month) || a.ticketNumber - b.ticketNumber);
}

const emptyTally = (): Tally => ({ met: 0, missed: 0, pending: 0 });

function percentMet(tally: Tally): number | null {
  const decided = tally.met + tally.missed;
  return decided === 0 ? null : Math.round((tally.met / decided) * 1000) / 10;
}

/** The month's figures from every clock of the agreement's tickets as known at `asOf`. */
export function statementFigures(input: {
  month: string;
  timeZone: string;
  asOf: number;
  clocks: readonly DatedClock[];
  corrections: StatementCorrection[];
}): StatementFigures {
  const counted = input.clocks
    .filter((c) => c.month === input.month)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.ticketNumber - b.ticketNumber)
    .map(({ month: _, ...clock }) => clock);
  const rows = priorities.flatMap((priority: Priority) =>
    slaBases.flatMap((basis) => {
      const mine = counted.filter((c) => c.priority === priority && c.basis === basis);
      if (mine.length === 0) return [];
      const row = {
        priority,
        basis,
        tickets: new Set(mine.map((c) => c.ticketId)).size,
        firstResponse: emptyTally(),
        resolution: emptyTally(),
      };
      for (const c of mine)
        row[c.clock === 'first_response' ? 'firstResponse' : 'resolution'][c.outcome] += 1;
      return [row];
    }),
  );
  const guaranteed = { firstResponse: emptyTally(), resolution: emptyTally() };
  const pausedMinutes = { client: 0, vendor: 0, scheduled: 0 };
  for (const c of counted) {
    if (c.basis === 'guaranteed')
      guaranteed[c.clock === 'first_response' ? 'firstResponse' : 'resolution'][c.outcome] += 1;
    pausedMinutes.client += c.pausedMinutes.client;
    pausedMinutes.vendor += c.pausedMinutes.vendor;
    pausedMinutes.scheduled += c.pausedMinutes.scheduled;
  }
  return {
    month: input.month,
    timeZone: input.timeZone,
    asOf: new Date(input.asOf).toISOString(),
    rows,
    compliance: {
      firstResponse: percentMet(guaranteed.firstResponse),
      resolution: percentMet(guaranteed.resolution),
    },
    pausedMinutes,
    clocks: counted,
    corrections: input.corrections,
  };
}
