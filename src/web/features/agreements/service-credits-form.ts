// The service credits part of the agreement form: the penalty schedule as typed (money as decimal text, empty
// numbers as ''), and how it becomes the API's `penaltySchedule`. Errors use the API's paths
// ("penaltySchedule.tiers.0.belowPercent") so the server's 400 lands on the same fields.
import type { CreditMode, PenaltySchedule } from '../../../shared/api/service-credits.ts';
import { type Priority, priorities } from '../../../shared/api/sla-policies.ts';
import { centsToDecimal, parseMoney } from '../../../shared/money.ts';
import { amountProblem, type FormErrors, type NumberValue, newRowKey } from './form-helpers.ts';

export interface TierValues {
  key: string;
  belowPercent: NumberValue;
  creditPercent: NumberValue;
}

export interface PenaltyValues {
  mode: CreditMode;
  /** Per priority; empty means no credit for that priority. */
  perBreach: Record<Priority, string>;
  tiers: TierValues[];
  minimumTickets: NumberValue;
  /** Empty: no cap. */
  monthlyCap: string;
  isSoleRemedy: boolean;
  disputeWindowDays: NumberValue;
  /** YYYY-MM; empty: the server takes the month the schedule is first saved. */
  effectiveFrom: string;
}

/** The API's defaults, for an agreement that has no schedule yet. */
export const DEFAULT_MINIMUM_TICKETS = 20;
export const DEFAULT_DISPUTE_WINDOW_DAYS = 5;
export const MAX_TIERS = 5;

const PATH = 'penaltySchedule';
export const penaltyPath = (...parts: (string | number)[]) => [PATH, ...parts].join('.');

export function emptyTier(): TierValues {
  return { key: newRowKey(), belowPercent: '', creditPercent: '' };
}

export function initialPenalty(schedule: PenaltySchedule | null, currency: string): PenaltyValues {
  if (!schedule) {
    return {
      mode: 'report',
      perBreach: { P1: '', P2: '', P3: '', P4: '' },
      tiers: [],
      minimumTickets: DEFAULT_MINIMUM_TICKETS,
      monthlyCap: '',
      isSoleRemedy: false,
      disputeWindowDays: DEFAULT_DISPUTE_WINDOW_DAYS,
      effectiveFrom: '',
    };
  }
  const amount = (cents: number) => (cents === 0 ? '' : centsToDecimal(cents, currency));
  return {
    mode: schedule.mode,
    perBreach: {
      P1: amount(schedule.perBreachCents.P1),
      P2: amount(schedule.perBreachCents.P2),
      P3: amount(schedule.perBreachCents.P3),
      P4: amount(schedule.perBreachCents.P4),
    },
    tiers: schedule.tiers.map((tier) => ({ key: newRowKey(), ...tier })),
    minimumTickets: schedule.minimumTickets,
    monthlyCap: schedule.monthlyCapCents === null ? '' : centsToDecimal(schedule.monthlyCapCents, currency),
    isSoleRemedy: schedule.isSoleRemedy,
    disputeWindowDays: schedule.disputeWindowDays,
    effectiveFrom: schedule.effectiveFrom ?? '',
  };
}

/**
 * The schedule as the API takes it; what the browser can tell is wrong on its own (unreadable amounts, empty
 * numbers) goes into `problems`. Ranges and duplicate thresholds are the server's to refuse.
 */
export function penaltyToBody(
  values: PenaltyValues,
  currency: string,
  problems: FormErrors,
): PenaltySchedule {
  /** An empty amount is none (0); anything else must read as money. */
  const money = (text: string, path: string): number => {
    if (text.trim() === '') return 0;
    const cents = parseMoney(text, currency);
    if (cents === null) problems[path] = amountProblem(text, currency);
    return cents ?? 0;
  };
  const number = (value: NumberValue, path: string, message: string): number => {
    if (value === '' || !Number.isFinite(Number(value))) problems[path] = message;
    return Number(value) || 0;
  };
  const perBreachCents = Object.fromEntries(
    priorities.map((priority) => [
      priority,
      money(values.perBreach[priority], penaltyPath('perBreachCents', priority)),
    ]),
  ) as Record<Priority, number>;
  const hasTiers = values.tiers.length > 0;
  return {
    mode: values.mode,
    ...(values.effectiveFrom && { effectiveFrom: values.effectiveFrom }),
    perBreachCents,
    tiers: values.tiers.map((tier, index) => ({
      belowPercent: number(
        tier.belowPercent,
        penaltyPath('tiers', index, 'belowPercent'),
        'Enter a compliance %',
      ),
      creditPercent: number(
        tier.creditPercent,
        penaltyPath('tiers', index, 'creditPercent'),
        'Enter a credit %',
      ),
    })),
    // Only tiers use it: without any, an emptied field need not stop the save.
    minimumTickets:
      !hasTiers && values.minimumTickets === ''
        ? DEFAULT_MINIMUM_TICKETS
        : number(values.minimumTickets, penaltyPath('minimumTickets'), 'Enter a number of tickets'),
    monthlyCapCents:
      values.monthlyCap.trim() === '' ? null : money(values.monthlyCap, penaltyPath('monthlyCapCents')),
    isSoleRemedy: values.isSoleRemedy,
    disputeWindowDays: number(
      values.disputeWindowDays,
      penaltyPath('disputeWindowDays'),
      'Enter a number of business days (0 for none)',
    ),
  };
}
