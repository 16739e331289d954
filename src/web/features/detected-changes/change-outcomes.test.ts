import { describe, expect, test } from 'vitest';
import {
  changeLinks,
  changeOutcomeColors,
  changeOutcomeLabels,
  changeOutcomes,
  changeRequestLabel,
  isJudgeable,
  outcomeQuery,
} from './change-outcomes.ts';
import { parseDetectedChangesSearch } from './detected-changes-search.ts';

const CR = '00000000-0000-4000-8000-0000000000c1';
const VENDOR = '00000000-0000-4000-8000-0000000000a1';
const TICKET = '00000000-0000-4000-8000-0000000000d1';

const judged = (overrides: Partial<Parameters<typeof changeLinks>[0]> = {}) => ({
  outcome: 'unattributed' as const,
  changeRequestId: null,
  outcomeReason: null,
  ticketId: null,
  vendorId: null,
  vendorName: null,
  ...overrides,
});

describe('outcome badges', () => {
  test('each outcome has its word and colour: green, gray, yellow, red', () => {
    expect(changeOutcomes.map((o) => [changeOutcomeLabels[o], changeOutcomeColors[o]])).toEqual([
      ['Authorized', 'green'],
      ['Routine', 'gray'],
      ['Unattributed', 'yellow'],
      ['Outside an approved window', 'red'],
    ]);
  });

  test('health changes have no outcome and cannot be judged', () => {
    expect(isJudgeable({ outcome: null })).toBe(false);
    expect(isJudgeable({ outcome: 'routine' })).toBe(true);
  });
});

describe('changeLinks', () => {
  test('an authorized change links its request by the number its reason names', () => {
    const links = changeLinks(
      judged({
        outcome: 'authorized',
        changeRequestId: CR,
        outcomeReason: 'Inside the approved window of CR-3',
      }),
    );
    expect(links).toEqual([{ kind: 'change-request', changeRequestId: CR, label: 'CR-3' }]);
  });

  test('a request whose number the reason does not name still links, as "Change request"', () => {
    expect(changeRequestLabel('Approved by phone')).toBe('Change request');
    expect(changeRequestLabel(null)).toBe('Change request');
  });

  test('a request kept on a change re-judged as something else is not linked', () => {
    expect(changeLinks(judged({ outcome: 'routine', changeRequestId: CR }))).toEqual([]);
  });

  test("a vendor's change links the vendor, then the incident ticket", () => {
    const links = changeLinks(
      judged({ outcome: 'vendor', vendorId: VENDOR, vendorName: 'Dentrix Inc', ticketId: TICKET }),
    );
    expect(links).toEqual([
      { kind: 'vendor', vendorId: VENDOR, label: 'Dentrix Inc' },
      { kind: 'ticket', ticketId: TICKET, label: 'Incident ticket' },
    ]);
  });

  test('an unattributed change links nothing', () => {
    expect(changeLinks(judged())).toEqual([]);
  });
});

describe('outcome filters', () => {
  test('"any" asks the API for every outcome, which leaves health changes out', () => {
    expect(outcomeQuery('any')).toBe('authorized,routine,unattributed,vendor');
    expect(outcomeQuery('unattributed')).toBe('unattributed');
  });

  test('the triage view defaults to unattributed and keeps it out of the URL', () => {
    expect(parseDetectedChangesSearch({})).toEqual({});
    expect(parseDetectedChangesSearch({ outcome: 'unattributed', page: '1' }).outcome).toBeUndefined();
    expect(parseDetectedChangesSearch({ outcome: 'vendor', page: '2', clientId: ' c ' })).toEqual({
      outcome: 'vendor',
      clientId: 'c',
      page: 2,
    });
    expect(parseDetectedChangesSearch({ outcome: 'nonsense' }).outcome).toBeUndefined();
    expect(parseDetectedChangesSearch({ outcome: 'any' }).outcome).toBe('any');
  });
});
