// How an SLA statement's figures read: words for its enums, percentages, pause time, corrections and credits.
import type { ServiceCredit } from '../../../shared/api/service-credits.ts';
import type {
  ClockOutcome,
  SlaBasis,
  SlaClockName,
  StatementCorrection,
  StatementFigures,
} from '../../../shared/api/sla-statements.ts';
import { monthInWords } from '../../../shared/billing/invoice-text.ts';

export { monthInWords };

/**
 * Who reads the statement: the MSP's staff (who explain breaches, close months and dispute credits) or the
 * client in its portal, who sees the same figures without those actions.
 */
export type StatementAudience = 'staff' | 'client';

export const clockLabels: Record<SlaClockName, string> = {
  first_response: 'First response',
  resolution: 'Resolution',
};

export const basisLabels: Record<SlaBasis, string> = {
  guaranteed: 'Guaranteed',
  best_effort: 'Best effort',
};

export const outcomeLabels: Record<ClockOutcome, string> = {
  met: 'Met',
  missed: 'Missed',
  pending: 'Pending',
};

/** Paused time by whose side paused the clock. */
export const pauseLabels: Record<keyof StatementFigures['pausedMinutes'], string> = {
  client: 'Waiting on the client',
  vendor: "Waiting on the client's vendor",
  scheduled: "Scheduled at the client's request",
};

/** "97.5%"; null (nothing decided yet) reads as a dash. */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(value)}%`;
}

export function totalPausedMinutes(paused: StatementFigures['pausedMinutes']): number {
  return paused.client + paused.vendor + paused.scheduled;
}

/** "September" for a month of the same year as `relativeTo`, "September 2025" otherwise. */
function monthName(month: string, relativeTo: string): string {
  const words = monthInWords(month);
  return month.slice(0, 4) === relativeTo.slice(0, 4) ? words.replace(/ \d{4}$/, '') : words;
}

const outcomeWord = (outcome: ClockOutcome | null, none: string) =>
  outcome === null ? none : outcomeLabels[outcome].toLowerCase();

/** "#1042 resolution, counted in September: was met, now missed" (`statementMonth` is the one shown). */
export function correctionText(correction: StatementCorrection, statementMonth: string): string {
  const clock = clockLabels[correction.clock].toLowerCase();
  const was = outcomeWord(correction.was, 'not counted');
  const now = outcomeWord(correction.now, 'no longer counted');
  return `#${correction.ticketNumber} ${clock}, counted in ${monthName(correction.month, statementMonth)}: was ${was}, now ${now}`;
}

/** "3 met · 1 missed · 2 pending", leaving out the zeros; "—" when nothing is due. */
export function tallyWords(tally: { met: number; missed: number; pending: number }): string {
  const parts = (['met', 'missed', 'pending'] as const)
    .filter((key) => tally[key] > 0)
    .map((key) => `${tally[key]} ${key}`);
  return parts.length ? parts.join(' · ') : '—';
}

/** "the credit for #1042 first response" or "the compliance tier credit": names a credit in labels. */
export function creditName(credit: Pick<ServiceCredit, 'kind' | 'ticketNumber' | 'clock'>): string {
  if (credit.kind === 'tier' || credit.ticketNumber === null) return 'the compliance tier credit';
  const clock = credit.clock ? ` ${clockLabels[credit.clock].toLowerCase()}` : '';
  return `the credit for #${credit.ticketNumber}${clock}`;
}
