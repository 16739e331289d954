import { describe, expect, it } from 'vitest';
import type { StatementCorrection } from '../../../shared/api/sla-statements.ts';
import { correctionText, creditName, formatPercent, tallyWords } from './statement-format.ts';
import { formatInZone } from './zoned-time.ts';

describe('an instant on the statement’s wall clock', () => {
  it.each([
    [
      'New York in summer time',
      '2026-10-05T14:30:00Z',
      'America/New_York',
      'Mon 5 Oct, 10:30 America/New_York',
    ],
    [
      'New York after the clocks go back',
      '2026-11-02T15:30:00Z',
      'America/New_York',
      'Mon 2 Nov, 10:30 America/New_York',
    ],
    ['a day later than UTC', '2026-10-04T23:15:00Z', 'Pacific/Auckland', 'Mon 5 Oct, 12:15 Pacific/Auckland'],
    ['UTC itself', '2026-10-31T23:59:00Z', 'UTC', 'Sat 31 Oct, 23:59 UTC'],
  ])('%s', (_, iso, zone, expected) => {
    expect(formatInZone(iso, zone)).toBe(expected);
  });

  it('names the year when asked', () => {
    expect(formatInZone('2026-10-05T14:30:00Z', 'America/New_York', { withYear: true })).toBe(
      'Mon 5 Oct 2026, 10:30 America/New_York',
    );
  });
});

describe('figures', () => {
  it.each([
    [null, '—'],
    [100, '100%'],
    [66.7, '66.7%'],
    [0, '0%'],
  ])('%s percent reads %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });

  it('tallies leave out the zeros', () => {
    expect(tallyWords({ met: 3, missed: 0, pending: 2 })).toBe('3 met · 2 pending');
    expect(tallyWords({ met: 0, missed: 0, pending: 0 })).toBe('—');
  });
});

describe('a correction to a closed month', () => {
  const correction: StatementCorrection = {
    month: '2026-09',
    ticketId: '00000000-0000-4000-8000-000000000001',
    ticketNumber: 1042,
    ticketTitle: 'Server down',
    clock: 'resolution',
    priority: 'P1',
    basis: 'guaranteed',
    was: 'met',
    now: 'missed',
  };

  it('says what was reported and what stands now', () => {
    expect(correctionText(correction, '2026-10')).toBe(
      '#1042 resolution, counted in September: was met, now missed',
    );
  });

  it('names the year of a month in another year, and says when a clock was or is no longer counted', () => {
    expect(correctionText({ ...correction, month: '2025-12', was: null }, '2026-01')).toBe(
      '#1042 resolution, counted in December 2025: was not counted, now missed',
    );
    expect(correctionText({ ...correction, clock: 'first_response', now: null }, '2026-10')).toBe(
      '#1042 first response, counted in September: was met, now no longer counted',
    );
  });
});

describe('the name of a service credit in buttons and dialogs', () => {
  it('names a breach credit by its ticket and clock, and a tier credit as such', () => {
    expect(creditName({ kind: 'breach', ticketNumber: 1042, clock: 'first_response' })).toBe(
      'the credit for #1042 first response',
    );
    expect(creditName({ kind: 'tier', ticketNumber: null, clock: null })).toBe('the compliance tier credit');
  });
});
