import { describe, expect, test } from 'vitest';
import type { RemediationPlan } from './remediation-api.ts';
import {
  answerLabel,
  answerLine,
  canAnswer,
  canDecideNow,
  deciderLine,
  decideWords,
  decisionByline,
  decisionDueWords,
  decisionTitle,
  directionShort,
  headline,
  longDate,
  longDateOf,
  noticeCount,
  noticeRules,
  noticeText,
  type Parties,
  parseRemediationSearch,
  phaseBadge,
  sideName,
  whenDecisionDue,
} from './remediation-words.ts';

const parties: Parties = { clientName: 'Harbour Dental', vendorName: 'Dentrix', mspName: 'Northwind IT' };

const item = (status: 'open' | 'done'): RemediationPlan['items'][number] => ({
  id: '00000000-0000-7000-8000-000000000001',
  issue: 'Outages answered late',
  action: 'Fix the on-call rota',
  owner: 'Olivia',
  dueOn: '2026-12-20',
  priority: 'high',
  status,
  doneAt: status === 'done' ? '2026-12-18T10:00:00Z' : null,
  note: null,
});

function plan(overrides: Partial<RemediationPlan> = {}): RemediationPlan {
  return {
    id: '00000000-0000-7000-8000-000000000000',
    clientId: '00000000-0000-7000-8000-000000000002',
    clientName: 'Harbour Dental',
    direction: 'client_to_msp',
    vendorId: null,
    vendorName: null,
    title: 'Outages not answered in time',
    concern: 'Twice this month.',
    evidence: [],
    filedAt: '2026-11-05T09:00:00Z',
    filedByName: 'Ana Ruiz',
    responseDueOn: '2026-11-15',
    respondedAt: null,
    respondedByName: null,
    responseText: null,
    endsOn: '2027-01-04',
    noticeLimit: 3,
    notices: [],
    items: [],
    phase: 'awaiting_response',
    decisionDueBecause: null,
    recommendation: null,
    decisions: [],
    handover: null,
    vendorNoticeId: null,
    ...overrides,
  };
}

const notice = (n: number): RemediationPlan['notices'][number] => ({
  kind: 'item_overdue',
  ref: `ref-${n}`,
  at: '2026-12-21T00:00:00Z',
  label: 'Missed its date',
});

describe('dates', () => {
  test('are written out in words, never as a countdown', () => {
    expect(longDate('2027-01-04')).toBe('4 January 2027');
    expect(longDate('2026-12-31')).toBe('31 December 2026');
    expect(longDateOf('2027-01-04T23:30:00Z', 'UTC')).toBe('4 January 2027');
    expect(longDateOf('2027-01-04T23:30:00Z', 'Pacific/Auckland')).toBe('5 January 2027');
  });
});

describe('direction', () => {
  test('reads from the client’s side in the portal', () => {
    expect(headline('client_to_msp', parties, 'client')).toBe('Your concern about Northwind IT');
    expect(headline('msp_to_vendor', parties, 'client')).toBe('Northwind IT’s plan for Dentrix');
    expect(headline('msp_to_client', parties, 'client')).toBe(
      'Northwind IT asks you to bring Dentrix under the agreement',
    );
  });

  test('names every party in the staff app', () => {
    expect(headline('client_to_msp', parties, 'staff')).toBe('Harbour Dental’s concern about Northwind IT');
    expect(headline('msp_to_vendor', parties, 'staff')).toBe('Northwind IT’s concern about Dentrix');
    expect(headline('msp_to_client', parties, 'staff')).toBe(
      'Northwind IT asks Harbour Dental to bring Dentrix under the agreement',
    );
    expect(directionShort('client_to_msp', null)).toBe('The client’s concern about us');
    expect(directionShort('msp_to_vendor', 'Dentrix')).toBe('Our concern about Dentrix');
  });

  test('says who answers and who decides', () => {
    expect(sideName('client', parties, 'client')).toBe('you');
    expect(sideName('client', parties, 'staff')).toBe('Harbour Dental');
    expect(answerLine(plan(), parties, 'client')).toBe('Northwind IT answers by 15 November 2026');
    expect(answerLine(plan({ direction: 'msp_to_client' }), parties, 'client')).toBe(
      'You answer by 15 November 2026',
    );
    expect(
      answerLine(
        plan({ respondedAt: '2026-11-10T12:00:00Z', respondedByName: 'Olivia Owner' }),
        parties,
        'staff',
      ),
    ).toMatch(/^Answered on 1[01] November 2026 by Olivia Owner$/);
    expect(deciderLine(plan(), parties, 'client')).toBe('You decide');
    expect(deciderLine(plan(), parties, 'staff')).toBe('Harbour Dental decides');
    expect(deciderLine(plan({ direction: 'msp_to_vendor' }), parties, 'client')).toBe(
      'Northwind IT recommends, you decide',
    );
    expect(deciderLine(plan({ direction: 'msp_to_client' }), parties, 'staff')).toBe('Northwind IT decides');
  });
});

describe('who acts', () => {
  test('staff answer their own plans and record a vendor’s items; the client answers a plan to it', () => {
    expect(canAnswer('client_to_msp', 'staff')).toBe(true);
    expect(canAnswer('msp_to_vendor', 'staff')).toBe(true);
    expect(canAnswer('msp_to_client', 'staff')).toBe(false);
    expect(canAnswer('msp_to_client', 'client')).toBe(true);
    expect(canAnswer('client_to_msp', 'client')).toBe(false);
    expect(answerLabel('msp_to_vendor', parties, 'staff')).toBe('Record Dentrix’s answer');
    expect(answerLabel('client_to_msp', parties, 'staff')).toBe('Answer with items');
  });

  test('staff record the client’s decision, decide their own, and the client decides its own', () => {
    expect(decideWords('client_to_msp', parties, 'staff')?.label).toBe('Record Harbour Dental’s decision');
    expect(decideWords('msp_to_vendor', parties, 'staff')?.label).toBe('Record Harbour Dental’s decision');
    expect(decideWords('msp_to_client', parties, 'staff')?.label).toBe('Decide');
    expect(decideWords('client_to_msp', parties, 'client')?.label).toBe('Decide');
    expect(decideWords('msp_to_client', parties, 'client')).toBeNull();
  });
});

describe('phase and notices', () => {
  test('the badge says where the plan stands, and how a decided one ended', () => {
    expect(phaseBadge(plan()).label).toBe('Awaiting answer');
    expect(phaseBadge(plan({ phase: 'decision_due' })).label).toBe('Decision due');
    const decided = (decision: 'continue' | 'terminate') =>
      plan({
        phase: 'decided',
        decisions: [
          {
            decision,
            reason: 'r',
            byName: 'Ana',
            via: 'portal',
            at: '2027-01-05T10:00:00Z',
            extendedTo: null,
          },
        ],
      });
    expect(phaseBadge(decided('terminate'))).toEqual({ label: 'Terminated', color: 'red' });
    expect(phaseBadge(decided('continue'))).toEqual({ label: 'Continued', color: 'teal' });
  });

  test('notices are counted against the limit, and the rules name what counts', () => {
    expect(noticeCount(plan())).toBe('0 of 3 notices');
    expect(noticeCount(plan({ notices: [notice(1)], noticeLimit: 1 }))).toBe('1 of 1 notice');
    expect(noticeRules('client_to_msp', parties, 'client')).toContain(
      'a new P1 ticket whose guaranteed target is missed',
    );
    expect(noticeRules('msp_to_vendor', parties, 'client')).toContain('a new incident caused by Dentrix');
    expect(noticeRules('msp_to_client', parties, 'client')).toContain('caused by one of your vendors');
    expect(noticeRules('msp_to_client', parties, 'staff')).toContain('one of Harbour Dental’s vendors');
    expect(noticeRules('client_to_msp', parties, 'staff')).not.toMatch(/strike/i);
  });

  test('a notice about a date says the day in words', () => {
    const late = item('open');
    const withItem = plan({ items: [late] });
    expect(noticeText({ ...notice(1), ref: late.id }, withItem)).toBe(
      'Outages answered late: due 20 December 2026',
    );
    expect(
      noticeText({ kind: 'response_overdue', ref: 'plan', at: '2026-11-16T00:00:00Z', label: 'x' }, withItem),
    ).toBe('No answer with items by 15 November 2026');
    expect(
      noticeText(
        {
          kind: 'p1_breach',
          ref: 't/firstResponse',
          at: '2026-11-20T10:00:00Z',
          label: 'P1 ticket #7 missed',
        },
        withItem,
      ),
    ).toBe('P1 ticket #7 missed');
  });

  test('a decision is due when the time box ends, the notices reach the limit, or every item is done', () => {
    expect(decisionDueWords(plan())).toBeNull();
    expect(whenDecisionDue(plan())).toBe(
      'A decision is due once the plan ends on 4 January 2027, once it counts 3 notices, or once every item is done.',
    );
    expect(decisionDueWords(plan({ phase: 'decision_due', decisionDueBecause: 'time_box_ended' }))).toBe(
      'The time box ended on 4 January 2027.',
    );
    expect(
      decisionDueWords(
        plan({
          phase: 'decision_due',
          decisionDueBecause: 'notice_limit_reached',
          notices: [notice(1), notice(2), notice(3)],
        }),
      ),
    ).toBe('The notices reached the plan’s limit: 3 of 3 notices.');
    const allDone = plan({ phase: 'in_progress', items: [item('done'), item('done')] });
    expect(canDecideNow(allDone)).toBe(true);
    expect(decisionDueWords(allDone)).toMatch(/^Every item is done/);
    expect(canDecideNow(plan({ phase: 'in_progress', items: [item('done'), item('open')] }))).toBe(false);
    expect(canDecideNow(plan({ phase: 'in_progress' }))).toBe(false);
  });
});

describe('decisions', () => {
  test('say what was decided, by whom and how', () => {
    expect(decisionTitle({ decision: 'extend', extendedTo: '2027-03-04' })).toBe('Extended to 4 March 2027');
    expect(decisionTitle({ decision: 'terminate', extendedTo: null })).toBe('Terminated');
    const at = '2027-01-05T10:00:00Z';
    expect(decisionByline({ byName: 'Ana Ruiz', via: 'portal', at }, 'client')).toMatch(
      /^Ana Ruiz in the portal, 5 January 2027$/,
    );
    expect(decisionByline({ byName: 'Olivia Owner', via: 'staff', at }, 'client')).toMatch(
      /^Recorded by Olivia Owner, 5 January 2027$/,
    );
    expect(decisionByline({ byName: 'Olivia Owner', via: 'staff', at }, 'msp')).toMatch(/^Olivia Owner, /);
  });
});

describe('the list’s filter in the URL', () => {
  test('is open plans unless it asks for the decided ones or all', () => {
    expect(parseRemediationSearch({})).toEqual({ state: undefined });
    expect(parseRemediationSearch({ state: 'decided' })).toEqual({ state: 'decided' });
    expect(parseRemediationSearch({ state: 'all' })).toEqual({ state: 'all' });
    expect(parseRemediationSearch({ state: 'open' })).toEqual({ state: undefined });
    expect(parseRemediationSearch({ state: 'bogus' })).toEqual({ state: undefined });
  });
});

describe('the vendor’s words', () => {
  test('name every party and leave the decision to the client, on the MSP’s advice', () => {
    const about = plan({ direction: 'msp_to_vendor' });
    expect(headline('msp_to_vendor', parties, 'vendor')).toBe(
      'Northwind IT’s concern about Dentrix at Harbour Dental',
    );
    expect(deciderLine(about, parties, 'vendor')).toBe('Harbour Dental decides, on Northwind IT’s advice');
    expect(deciderLine(about, parties, 'staff')).toBe('Northwind IT recommends, Harbour Dental decides');
  });

  test('let the vendor answer only its own plans, and never decide', () => {
    expect(canAnswer('msp_to_vendor', 'vendor')).toBe(true);
    expect(canAnswer('client_to_msp', 'vendor')).toBe(false);
    expect(canAnswer('msp_to_client', 'vendor')).toBe(false);
    expect(decideWords('msp_to_vendor', parties, 'vendor')).toBeNull();
  });
});
