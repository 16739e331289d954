import { describe, expect, test } from 'vitest';
import type { PortalTarget } from './portal-api.ts';
import {
  businessTimeWords,
  clockTime,
  DEFAULT_PORTAL_PRIORITY,
  parsePortalTicketsSearch,
  portalPriorityLabels,
  targetSentence,
  targetWords,
} from './portal-words.ts';

const now = new Date('2026-03-10T09:00:00Z');
const target = (overrides: Partial<PortalTarget>): PortalTarget => ({
  dueAt: null,
  outcome: 'pending',
  doneAt: null,
  ...overrides,
});
const sentence = (...args: Parameters<typeof targetWords>) => targetSentence(targetWords(...args));

describe('priority labels', () => {
  test('say what each priority means for the business, one person affected by default', () => {
    expect(portalPriorityLabels).toEqual({
      P1: 'Business stopped',
      P2: 'Many people affected',
      P3: 'One person affected',
      P4: 'Question or request',
    });
    expect(portalPriorityLabels[DEFAULT_PORTAL_PRIORITY]).toBe('One person affected');
  });
});

describe('clockTime', () => {
  test('today is a time of day, another day names the day, another year the year', () => {
    expect(clockTime('2026-03-10T10:30:00Z', now, 'UTC')).toBe('10:30');
    expect(clockTime('2026-03-11T08:05:00Z', now, 'UTC')).toBe('Wed 11 Mar, 08:05');
    expect(clockTime('2025-12-31T23:00:00Z', now, 'UTC')).toBe('Wed 31 Dec 2025, 23:00');
  });

  test('reads the day in the given zone', () => {
    // 23:30 UTC on the 10th is already the 11th in Auckland.
    expect(clockTime('2026-03-10T23:30:00Z', now, 'UTC')).toBe('23:30');
    expect(clockTime('2026-03-10T23:30:00Z', now, 'Pacific/Auckland')).toBe('Wed 11 Mar, 12:30');
  });
});

describe('targetWords', () => {
  const due = '2026-03-10T10:30:00Z';

  test('a pending target is a time to meet, never a countdown', () => {
    const words = targetWords('firstResponse', target({ dueAt: due }), 'new', now, 'UTC');
    expect(targetSentence(words)).toBe('Response by 10:30');
    expect(words.outcome).toBeNull();
    expect(words.hint).toBe('Response due Tue 10 Mar 2026, 10:30 UTC');
    expect(sentence('resolution', target({ dueAt: '2026-03-12T17:00:00Z' }), 'open', now, 'UTC')).toBe(
      'Resolution by Thu 12 Mar, 17:00',
    );
    expect(
      targetSentence(targetWords('firstResponse', target({ dueAt: due }), 'new', now, 'UTC')),
    ).not.toMatch(/\bin \d|ago|left/);
  });

  test('a met or missed target says when it was met, then the outcome', () => {
    expect(
      sentence(
        'firstResponse',
        target({ dueAt: due, outcome: 'met', doneAt: '2026-03-10T10:12:00Z' }),
        'open',
        now,
        'UTC',
      ),
    ).toBe('Responded 10:12 — met');
    expect(
      sentence(
        'resolution',
        target({ dueAt: due, outcome: 'missed', doneAt: '2026-03-11T15:00:00Z' }),
        'resolved',
        now,
        'UTC',
      ),
    ).toBe('Resolved Wed 11 Mar, 15:00 — missed');
  });

  test('a target missed and still not met says when it was due', () => {
    expect(sentence('firstResponse', target({ dueAt: due, outcome: 'missed' }), 'new', now, 'UTC')).toBe(
      'Response was due 10:30 — missed',
    );
  });

  test('a paused target says who the ticket waits on', () => {
    const paused = target({ dueAt: due, outcome: 'paused' });
    expect(sentence('resolution', paused, 'pending_client', now, 'UTC')).toBe(
      'Resolution paused while waiting on you',
    );
    expect(sentence('resolution', paused, 'pending_vendor', now, 'UTC')).toBe(
      'Resolution paused while waiting on a vendor',
    );
    expect(sentence('resolution', paused, 'scheduled', now, 'UTC')).toBe(
      'Resolution paused until the time you scheduled',
    );
    expect(targetWords('resolution', paused, 'pending_client', now, 'UTC').isPaused).toBe(true);
  });

  test('no due time means no target', () => {
    expect(sentence('firstResponse', target({}), 'new', now, 'UTC')).toBe('No response target');
  });
});

describe('businessTimeWords', () => {
  test.each([
    [30, '30 business minutes'],
    [1, '1 business minute'],
    [60, '1 business hour'],
    [240, '4 business hours'],
    [150, '2 business hours 30 minutes'],
    [1440, '24 business hours'],
    [null, 'No target'],
    [0, 'No target'],
  ])('%s minutes read "%s"', (minutes, words) => {
    expect(businessTimeWords(minutes)).toBe(words);
  });
});

describe('parsePortalTicketsSearch', () => {
  test('keeps known values and drops the defaults', () => {
    expect(parsePortalTicketsSearch({ state: 'closed', mine: 'true', q: 'printer', page: '2' })).toEqual({
      state: 'closed',
      mine: true,
      q: 'printer',
      page: 2,
    });
    expect(parsePortalTicketsSearch({ state: 'open', mine: 'false', q: '  ', page: '1' })).toEqual({
      state: undefined,
      mine: undefined,
      q: undefined,
      page: undefined,
    });
  });
});
