// The service credits a closed month's SLA statement earns under an agreement's penalty schedule: pure.
//
// Only guaranteed targets count. With compliance tiers and at least `minimumTickets` tickets decided in the
// month, the lowest tier the month's compliance (met ÷ decided, both clocks) falls below gives one credit,
// a percentage of the month's recurring fees. Otherwise each missed target earns its priority's credit.
// The monthly cap is applied in the order the targets fell due; credits over it stay listed at zero, so the
// client sees what the cap took.
import { Temporal } from 'temporal-polyfill';
import type { PenaltySchedule } from '../api/service-credits.ts';
import type { StatementFigures } from '../api/sla-statements.ts';

export interface ProposedCredit {
  kind: 'breach' | 'tier';
  ticketId: string | null;
  ticketNumber: number | null;
  clock: 'first_response' | 'resolution' | null;
  priority: 'P1' | 'P2' | 'P3' | 'P4' | null;
  scheduledCents: number;
  amountCents: number;
  explanation: string;
}

const clockWords = { first_response: 'first-response', resolution: 'resolution' } as const;
const percentText = (value: number) => `${(Math.round(value * 10) / 10).toFixed(1)} %`;

function tierCredit(
  schedule: PenaltySchedule,
  figures: StatementFigures,
  monthlyFeesCents: number,
): ProposedCredit[] | null {
  const decided = figures.clocks.filter((c) => c.basis === 'guaranteed' && c.outcome !== 'pending');
  const tickets = new Set(decided.map((c) => c.ticketId)).size;
  if (schedule.tiers.length === 0 || tickets < schedule.minimumTickets) return null;
  const compliance = (decided.filter((c) => c.outcome === 'met').length / decided.length) * 100;
  const tier = [...schedule.tiers]
    .sort((a, b) => a.belowPercent - b.belowPercent)
    .find((t) => compliance < t.belowPercent);
  if (!tier) return [];
  const cents = Math.round((monthlyFeesCents * tier.creditPercent) / 100);
  return [
    {
      kind: 'tier',
      ticketId: null,
      ticketNumber: null,
      clock: null,
      priority: null,
      scheduledCents: cents,
      amountCents: cents,
      explanation:
        `${percentText(compliance)} of ${decided.length} guaranteed targets met, below ${percentText(tier.belowPercent)}: ` +
        `${tier.creditPercent} % of the month's recurring fees`,
    },
  ];
}

function breachCredits(schedule: PenaltySchedule, figures: StatementFigures): ProposedCredit[] {
  const fewTickets =
    schedule.tiers.length > 0 ? ` (fewer than ${schedule.minimumTickets} tickets: credited per target)` : '';
  return figures.clocks
    .filter(
      (c) => c.basis === 'guaranteed' && c.outcome === 'missed' && schedule.perBreachCents[c.priority] > 0,
    )
    .map((c) => ({
      kind: 'breach',
      ticketId: c.ticketId,
      ticketNumber: c.ticketNumber,
      clock: c.clock,
      priority: c.priority,
      scheduledCents: schedule.perBreachCents[c.priority],
      amountCents: schedule.perBreachCents[c.priority],
      explanation: `${c.priority} ${clockWords[c.clock]} target missed on #${c.ticketNumber}${fewTickets}`,
    }));
}

export function proposeCredits(
  schedule: PenaltySchedule,
  figures: StatementFigures,
  monthlyFeesCents: number,
): ProposedCredit[] {
  const credits = tierCredit(schedule, figures, monthlyFeesCents) ?? breachCredits(schedule, figures);
  if (schedule.monthlyCapCents === null) return credits;
  let room = schedule.monthlyCapCents;
  return credits.map((credit) => {
    const amountCents = Math.min(credit.scheduledCents, room);
    room -= amountCents;
    return amountCents === credit.scheduledCents
      ? credit
      : { ...credit, amountCents, explanation: `${credit.explanation}; reduced by the monthly cap` };
  });
}

/** The last day to dispute: so many weekdays after the close's date (YYYY-MM-DD in the zone). */
export function disputeDeadline(closedAt: number, timeZone: string, weekdays: number): string {
  let day = Temporal.Instant.fromEpochMilliseconds(closedAt).toZonedDateTimeISO(timeZone).toPlainDate();
  for (let left = weekdays; left > 0; ) {
    day = day.add({ days: 1 });
    if (day.dayOfWeek <= 5) left--;
  }
  return day.toString();
}
