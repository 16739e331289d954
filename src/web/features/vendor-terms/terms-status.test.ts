import { describe, expect, it } from 'vitest';
import type { Acknowledgement, Loa, LoaStatus } from '../../../shared/api/vendor-terms.ts';
import {
  arrangeLetters,
  evidenceCandidates,
  expiryNote,
  oneYearAfter,
  standingLabel,
  versionsInForce,
} from './terms-status.ts';

const letter = (id: string, status: LoaStatus): Loa => ({
  id,
  engagementId: 'e',
  vendorId: 'v',
  vendorName: 'DentalSoft',
  clientId: 'c',
  clientName: 'Harbour Dental',
  product: 'Dentrix',
  status,
  scope: '',
  expiresOn: null,
  signerName: null,
  signerTitle: null,
  sentAt: null,
  sentTo: null,
  signedOn: null,
  file: null,
  revokedAt: null,
  revokedReason: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const ack = (rulesVersion: number, isCurrent: boolean): Acknowledgement => ({
  id: `a${rulesVersion}`,
  engagementId: 'e',
  rulesVersion,
  addendumVersion: null,
  name: 'Dana Vendor',
  email: null,
  via: 'link',
  acknowledgedAt: '2026-01-01T00:00:00.000Z',
  isCurrent,
});

describe('arrangeLetters', () => {
  it('puts the newest signed letter in force, the draft pending and the rest earlier', () => {
    const renewal = letter('renewal', 'draft');
    const current = letter('current', 'signed');
    const replaced = letter('replaced', 'signed');
    const revoked = letter('revoked', 'revoked');
    expect(arrangeLetters([renewal, current, replaced, revoked])).toEqual({
      inForce: current,
      pending: renewal,
      earlier: [replaced, revoked],
    });
  });

  it('treats a letter out for signature as pending and an expired one as earlier', () => {
    const sent = letter('sent', 'sent');
    const expired = letter('expired', 'expired');
    expect(arrangeLetters([sent, expired])).toEqual({ inForce: null, pending: sent, earlier: [expired] });
  });

  it('has nothing for an engagement without letters', () => {
    expect(arrangeLetters([])).toEqual({ inForce: null, pending: null, earlier: [] });
  });
});

describe('expiryNote', () => {
  it.each([
    ['2026-04-02', '2026-03-02', 'later', null],
    ['2026-04-01', '2026-03-02', 'soon', 'expires in 30 days'],
    ['2026-03-03', '2026-03-02', 'soon', 'expires in 1 day'],
    ['2026-03-02', '2026-03-02', 'soon', 'expires today'],
    ['2026-03-01', '2026-03-02', 'past', 'ended 1 day ago'],
    ['2026-02-20', '2026-03-02', 'past', 'ended 10 days ago'],
  ] as const)('a letter ending %s, seen on %s, is %s: %s', (expiresOn, today, state, text) => {
    expect(expiryNote(expiresOn, today)).toEqual({ state, text });
  });

  it('counts days across a clock change, not hours', () => {
    expect(expiryNote('2026-04-25', '2026-03-26')).toEqual({ state: 'soon', text: 'expires in 30 days' });
  });
});

describe('oneYearAfter', () => {
  it.each([
    ['2026-11-22', '2027-11-22'],
    ['2026-01-01', '2027-01-01'],
    ['2026-12-31', '2027-12-31'],
    ['2024-02-29', '2025-02-28'],
    ['2027-02-28', '2028-02-28'],
  ])('%s → %s', (date, expected) => {
    expect(oneYearAfter(date)).toBe(expected);
  });
});

describe('standingLabel', () => {
  it('names the version the vendor acknowledged', () => {
    expect(
      standingLabel({ status: 'acknowledged', acknowledgements: [ack(3, true), ack(2, false)] }),
    ).toEqual({
      label: 'Acknowledged v3',
      tone: 'good',
    });
  });

  it.each([
    ['outdated', 'Outdated', 'warning'],
    ['not_acknowledged', 'Not acknowledged', 'bad'],
    ['none', 'No rules published', 'none'],
  ] as const)('%s reads "%s"', (status, label, tone) => {
    expect(standingLabel({ status, acknowledgements: [] })).toEqual({ label, tone });
  });
});

describe('versionsInForce', () => {
  it('mentions the addendum only when there is one', () => {
    expect(versionsInForce({ rulesVersion: 3, addendumVersion: null })).toBe('Rules v3');
    expect(versionsInForce({ rulesVersion: 3, addendumVersion: 2 })).toBe(
      'Rules v3 with the client’s addendum v2',
    );
    expect(versionsInForce({ rulesVersion: null, addendumVersion: null })).toBe('No rules in force');
  });
});

describe('evidenceCandidates', () => {
  const ticket = (id: string, type: string, vendorId: string | null) => ({ id, type, vendorId });

  it("puts the vendor's tickets first and offers the client's other incidents", () => {
    const mine = ticket('1', 'incident', 'dentalsoft');
    const alert = ticket('2', 'alert', 'dentalsoft');
    const unattributed = ticket('3', 'incident', null);
    const otherVendor = ticket('4', 'incident', 'xray-co');
    const request = ticket('5', 'service_request', null);
    expect(evidenceCandidates([mine, alert, unattributed, otherVendor, request], 'dentalsoft')).toEqual({
      attributed: [mine, alert],
      otherIncidents: [unattributed, otherVendor],
    });
  });
});
