// An agreement's statement figures as known at an instant, from one read of its tickets (the ticket event
// log, the agreement and measure each ticket was bound to then), and the explanations a statement shows.
import type { StatementFigures } from '../../../shared/api/sla-statements.ts';
import {
  clockKey,
  clocksOf,
  correctionsOf,
  missedClocks,
  monthBounds,
  nextMonth,
  reportedClocks,
  statementFigures,
} from '../../../shared/sla/sla-statement.ts';
import type { Executor } from '../../db/client.ts';
import { ticketsMeasuredUnder } from '../tickets/index.ts';
import * as repo from './sla-statements.repository.ts';

const DAY_MS = 86_400_000;
/** A clock falls due within this long of its ticket's resolution: older resolved tickets are not read. */
const ACTIVE_SLACK_MS = 92 * DAY_MS;
/** Corrections reach back this many closed months. */
const CORRECTION_MONTHS = 12;

export interface Measured {
  tenantId: string;
  agreement: repo.StatementAgreement;
  timeZone: string;
}

export type Explanations = Record<string, { text: string; byName: string; at: string }>;

/**
 * The figures of months (consecutive, all after the last closed one) as known at `asOf`, from one read of
 * the agreement's tickets. Only the first month after the last closed one carries the corrections.
 */
export async function computeMonths(
  db: Executor,
  ctx: Measured,
  months: readonly string[],
  asOf: Date,
  closedBefore: readonly StatementFigures[],
): Promise<StatementFigures[]> {
  if (months.length === 0) return [];
  const closedMonths = new Set(closedBefore.map((f) => f.month).slice(-CORRECTION_MONTHS));
  const from = [...closedMonths][0] ?? months[0]!;
  const measured = await ticketsMeasuredUnder(db, ctx.tenantId, {
    agreementId: ctx.agreement.id,
    openedBefore: new Date(monthBounds(months.at(-1)!, ctx.timeZone).end),
    activeSince: new Date(monthBounds(from, ctx.timeZone).start - ACTIVE_SLACK_MS),
    asOf,
  });
  const clocks = measured.flatMap((ticket) => clocksOf(ticket, ctx.timeZone));
  const reported = new Map(
    [...reportedClocks(closedBefore)].filter(([, clock]) => closedMonths.has(clock.month)),
  );
  const lastClosed = closedBefore.at(-1)?.month;
  return months.map((month) =>
    statementFigures({
      month,
      timeZone: ctx.timeZone,
      asOf: asOf.getTime(),
      clocks,
      corrections:
        lastClosed && month === nextMonth(lastClosed) ? correctionsOf(reported, clocks, closedMonths) : [],
    }),
  );
}

export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

export const startMonth = (agreement: repo.StatementAgreement) => agreement.startsOn.slice(0, 7);

/** The current explanations of the months' breaches, read at once: each month's own. */
export async function explanationsFor(
  db: Executor,
  tenantId: string,
  months: readonly StatementFigures[],
): Promise<Explanations[]> {
  const all = await repo.explanationsOf(
    db,
    tenantId,
    months.flatMap(missedClocks).map((c) => c.ticketId),
  );
  return months.map((figures) =>
    Object.fromEntries(
      missedClocks(figures).flatMap((c) => {
        const explanation = all[clockKey(c)];
        return explanation ? [[clockKey(c), explanation]] : [];
      }),
    ),
  );
}
