import { describe, expect, it } from 'vitest';
import type { PortalAttributedChange } from './portal-api.ts';
import { groupByIncident } from './portal-attributions.ts';
import { parsePortalRequestsSearch, statusesOf } from './portal-search.ts';

let ids = 0;
const change = (overrides: Partial<PortalAttributedChange>): PortalAttributedChange => ({
  id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  clientName: 'Harbour Dental',
  assetName: 'fs01',
  change: 'Removed telnet 0.17',
  occurredAt: '2026-03-02T09:00:00.000Z',
  evidence: 'A session of vendor-tech was open',
  ticketId: 'ticket-a',
  ticketNumber: 1001,
  repliedAt: null,
  ...overrides,
});

describe('groupByIncident', () => {
  it('puts the incident with the latest change first, and each group’s changes newest first', () => {
    const groups = groupByIncident([
      change({ ticketId: 'ticket-a', ticketNumber: 1001, occurredAt: '2026-03-02T09:00:00.000Z' }),
      change({ ticketId: 'ticket-b', ticketNumber: 1002, occurredAt: '2026-03-03T09:00:00.000Z' }),
      change({ ticketId: 'ticket-a', ticketNumber: 1001, occurredAt: '2026-03-04T09:00:00.000Z' }),
    ]);
    expect(groups.map((group) => group.ticketNumber)).toEqual([1001, 1002]);
    expect(groups[0]?.changes.map((c) => c.occurredAt)).toEqual([
      '2026-03-04T09:00:00.000Z',
      '2026-03-02T09:00:00.000Z',
    ]);
  });

  it('keeps changes on no incident apart, per client, after the incidents', () => {
    const groups = groupByIncident([
      change({ ticketId: null, ticketNumber: null, occurredAt: '2026-03-09T09:00:00.000Z' }),
      change({ ticketId: 'ticket-a', ticketNumber: 1001 }),
      change({ ticketId: null, ticketNumber: null, clientName: 'Bright Smile' }),
    ]);
    expect(groups.map((group) => [group.ticketNumber, group.clientName])).toEqual([
      [1001, 'Harbour Dental'],
      [null, 'Harbour Dental'],
      [null, 'Bright Smile'],
    ]);
  });

  it('says when the vendor last replied on the incident', () => {
    const [group] = groupByIncident([
      change({ repliedAt: null }),
      change({ repliedAt: '2026-03-05T10:00:00.000Z' }),
    ]);
    expect(group?.repliedAt).toBe('2026-03-05T10:00:00.000Z');
  });
});

describe('the request list filter in the URL', () => {
  it.each([
    [{ status: 'open' }, 'open', 'requested,approved'],
    [{ status: 'approved' }, 'approved', 'approved'],
    [{ status: 'nonsense' }, undefined, undefined],
    [{}, undefined, undefined],
  ] as const)('%o filters %s', (search, filter, statuses) => {
    const parsed = parsePortalRequestsSearch(search);
    expect(parsed.status).toBe(filter);
    expect(statusesOf(parsed.status)).toBe(statuses);
  });

  it('keeps a page past the first only', () => {
    expect(parsePortalRequestsSearch({ page: '3' }).page).toBe(3);
    expect(parsePortalRequestsSearch({ page: '1' }).page).toBeUndefined();
    expect(parsePortalRequestsSearch({ page: 'x' }).page).toBeUndefined();
  });
});
