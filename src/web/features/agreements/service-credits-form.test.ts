import { describe, expect, it } from 'vitest';
import type { PenaltySchedule } from '../../../shared/api/service-credits.ts';
import type { FormErrors } from './form-helpers.ts';
import { initialPenalty, penaltyToBody } from './service-credits-form.ts';

const schedule: PenaltySchedule = {
  mode: 'invoice',
  perBreachCents: { P1: 25_000, P2: 5_050, P3: 0, P4: 0 },
  tiers: [
    { belowPercent: 95, creditPercent: 5 },
    { belowPercent: 90.5, creditPercent: 10 },
  ],
  minimumTickets: 12,
  monthlyCapCents: 100_000,
  isSoleRemedy: true,
  disputeWindowDays: 3,
};

describe('the service credits form', () => {
  it('turns a saved schedule into fields and back unchanged', () => {
    const values = initialPenalty(schedule, 'USD');
    expect(values.perBreach).toEqual({ P1: '250.00', P2: '50.50', P3: '', P4: '' });
    expect(values.monthlyCap).toBe('1000.00');
    const problems: FormErrors = {};
    expect(penaltyToBody(values, 'USD', problems)).toEqual(schedule);
    expect(problems).toEqual({});
  });

  it('starts a new schedule with the API defaults: report only, no credits, no cap, five business days', () => {
    const problems: FormErrors = {};
    expect(penaltyToBody(initialPenalty(null, 'USD'), 'USD', problems)).toEqual({
      mode: 'report',
      perBreachCents: { P1: 0, P2: 0, P3: 0, P4: 0 },
      tiers: [],
      minimumTickets: 20,
      monthlyCapCents: null,
      isSoleRemedy: false,
      disputeWindowDays: 5,
    });
    expect(problems).toEqual({});
  });

  it('reports unreadable amounts and empty numbers on the API paths of their fields', () => {
    const values = {
      ...initialPenalty(schedule, 'USD'),
      perBreach: { P1: '12.345', P2: '', P3: '', P4: '' },
      monthlyCap: 'lots',
      disputeWindowDays: '',
    };
    values.tiers[1] = { ...values.tiers[1]!, creditPercent: '' };
    const problems: FormErrors = {};
    penaltyToBody(values, 'USD', problems);
    expect(Object.keys(problems).sort()).toEqual([
      'penaltySchedule.disputeWindowDays',
      'penaltySchedule.monthlyCapCents',
      'penaltySchedule.perBreachCents.P1',
      'penaltySchedule.tiers.1.creditPercent',
    ]);
  });

  it('needs a minimum number of tickets only when there are tiers', () => {
    const noTiers = { ...initialPenalty(null, 'USD'), minimumTickets: '' };
    const problems: FormErrors = {};
    expect(penaltyToBody(noTiers, 'USD', problems).minimumTickets).toBe(20);
    expect(problems).toEqual({});
    penaltyToBody({ ...initialPenalty(schedule, 'USD'), minimumTickets: '' }, 'USD', problems);
    expect(problems).toEqual({ 'penaltySchedule.minimumTickets': 'Enter a number of tickets' });
  });
});
