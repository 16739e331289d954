import { describe, expect, it } from 'vitest';
import type { NotificationEventType } from '../../../shared/api/notification-enums.ts';
import {
  audienceOf,
  describeClientEvent,
  describe as describeEvent,
  effectiveChannel,
  formatDay,
  isClientEvent,
  linkOf,
  loaExpiryWords,
  oneLine,
} from './notification-rules.ts';

const event = <T extends NotificationEventType>(type: T, payload: Record<string, unknown> = {}) => ({
  type,
  actorMembershipId: 'actor',
  payload,
});

const loa = (overrides: Record<string, unknown> = {}) =>
  event('loa.expiring', {
    clientId: '7c7d2f3e-1111-4a4a-8b8b-000000000001',
    clientName: 'Bright Smile Dental',
    vendorId: '7c7d2f3e-1111-4a4a-8b8b-000000000002',
    vendorName: 'Henry Schein One',
    engagementId: '7c7d2f3e-1111-4a4a-8b8b-000000000003',
    product: 'Dentrix',
    loaId: '7c7d2f3e-1111-4a4a-8b8b-000000000004',
    expiresOn: '2026-11-30',
    daysLeft: 7,
    ...overrides,
  });

describe('audienceOf', () => {
  it.each([
    [
      'ticket.created',
      { isUnassigned: true },
      { membershipIds: [], isTriageTold: true, isContactTold: true },
    ],
    [
      'ticket.created',
      { isUnassigned: false },
      { membershipIds: [], isTriageTold: false, isContactTold: true },
    ],
    [
      'ticket.public_reply',
      { author: 'staff' },
      { membershipIds: ['a'], isTriageTold: false, isContactTold: true },
    ],
    [
      'ticket.public_reply',
      { author: 'contact' },
      { membershipIds: ['a'], isTriageTold: false, isContactTold: false },
    ],
    [
      'ticket.status_changed',
      { to: 'resolved' },
      { membershipIds: ['a'], isTriageTold: false, isContactTold: true },
    ],
    [
      'ticket.status_changed',
      { to: 'open' },
      { membershipIds: ['a'], isTriageTold: false, isContactTold: false },
    ],
    ['ticket.assigned', { to: 'b' }, { membershipIds: ['b'], isTriageTold: false, isContactTold: false }],
    ['sla.at_risk', {}, { membershipIds: ['a'], isTriageTold: false, isContactTold: false }],
    ['sla.breached', {}, { membershipIds: ['a'], isTriageTold: true, isContactTold: false }],
    ['loa.expiring', {}, { membershipIds: [], isTriageTold: true, isContactTold: false }],
  ] as const)('%s %j tells %j', (type, payload, audience) => {
    expect(audienceOf(event(type, payload), 'a')).toEqual(audience);
  });

  it('tells no assignee of an unassigned ticket', () => {
    expect(audienceOf(event('sla.at_risk'), null).membershipIds).toEqual([]);
  });
});

describe('effectiveChannel', () => {
  it('uses the default until the member chooses', () => {
    expect(effectiveChannel('ticket.assigned', undefined)).toBe('both');
    expect(effectiveChannel('ticket.created', undefined)).toBe('in_app');
    expect(effectiveChannel('ticket.assigned', 'none')).toBe('none');
  });

  it('tells of an expiring Letter of Agency in the app and by email by default', () => {
    expect(effectiveChannel('loa.expiring', undefined)).toBe('both');
  });
});

describe('linkOf', () => {
  it('leads a ticket event to its ticket and an LOA event to its vendor', () => {
    expect(linkOf('ticket.assigned', 't1', {})).toBe('/tickets/t1');
    expect(linkOf('sla.breached', null, {})).toBeNull();
    expect(linkOf('loa.expiring', null, loa().payload)).toBe('/vendors/7c7d2f3e-1111-4a4a-8b8b-000000000002');
    expect(linkOf('loa.expiring', null, null)).toBeNull();
    expect(linkOf('loa.expiring', null, { vendorId: '../x' })).toBe('/vendors/..%2Fx');
  });

  it('sorts event types into ticket events and client events', () => {
    expect(isClientEvent('loa.expiring')).toBe(true);
    expect(isClientEvent('sla.breached')).toBe(false);
  });
});

describe('describe', () => {
  it('writes a title and a one-line body', () => {
    const text = describeEvent(
      event('ticket.status_changed', { from: 'open', to: 'pending_client' }),
      { number: 42, title: 'Printer down', clientName: 'Acme' },
      'Dana',
    );
    expect(text).toEqual({
      title: '#42 is now Waiting on client',
      body: 'Dana changed Printer down from Open to Waiting on client',
    });
  });

  it.each([
    [30, 'expires in 30 days (on 30 November 2026)'],
    [7, 'expires in 7 days (on 30 November 2026)'],
    [1, 'expires in 1 day (on 30 November 2026)'],
    [0, 'expired on 30 November 2026'],
    [-3, 'expired on 30 November 2026'],
  ])('says an LOA with %i days left %s', (daysLeft, words) => {
    expect(loaExpiryWords({ expiresOn: '2026-11-30', daysLeft })).toBe(words);
  });

  it('names the vendor, product, client and date of an expiring LOA, and fills its mail', () => {
    const text = describeClientEvent(loa());
    expect(text).toMatchObject({
      clientId: '7c7d2f3e-1111-4a4a-8b8b-000000000001',
      title: 'Letter of Agency for Henry Schein One expires in 7 days',
      body: 'Dentrix at Bright Smile Dental — expires on 30 November 2026',
    });
    expect(text.mailData('Dana', 'https://accord.test/vendors/v')).toEqual({
      'recipient.name': 'Dana',
      'client.name': 'Bright Smile Dental',
      'vendor.name': 'Henry Schein One',
      'vendor.product': 'Dentrix',
      'vendor.url': 'https://accord.test/vendors/v',
      'loa.expires_on': '30 November 2026',
      'loa.status': 'expires in 7 days (on 30 November 2026)',
    });
    expect(describeClientEvent(loa({ daysLeft: 0, expiresOn: '2027-01-05' }))).toMatchObject({
      title: 'Letter of Agency for Henry Schein One expired',
      body: 'Dentrix at Bright Smile Dental — expired on 5 January 2027',
    });
  });

  it("says what a client decided on a vendor's change, and tells whoever raised or approved it", () => {
    const decided = {
      clientId: '01900000-0000-7000-8000-000000000001',
      clientName: 'Harbour Dental',
      changeRequestId: '01900000-0000-7000-8000-000000000002',
      number: 7,
      title: 'Upgrade Dentrix',
      decision: 'reject',
      name: 'Dr. Ana Ruiz',
      status: 'rejected',
      reason: 'Not in school holidays',
      requestedById: '01900000-0000-7000-8000-000000000003',
      approvedById: null,
    };
    const text = describeClientEvent(event('change_request.client_decided', decided));
    expect([text.title, text.body]).toEqual([
      'Harbour Dental rejected CR-7',
      'Upgrade Dentrix — Dr. Ana Ruiz: rejected (Not in school holidays)',
    ]);
    expect(text.mailData('Olivia', 'https://accord.example/changes/x')).toMatchObject({
      'change.decision': 'rejected',
      'change.url': 'https://accord.example/changes/x',
    });
    expect(audienceOf(event('change_request.client_decided', decided), null)).toEqual({
      membershipIds: ['01900000-0000-7000-8000-000000000003'],
      isTriageTold: true,
      isContactTold: false,
    });
    expect(linkOf('change_request.client_decided', null, decided)).toBe(
      '/changes/01900000-0000-7000-8000-000000000002',
    );
  });

  it('says which vendor asks for which change at which client, for triage to decide', () => {
    const raised = {
      clientId: '01900000-0000-7000-8000-000000000001',
      clientName: 'Harbour Dental',
      changeRequestId: '01900000-0000-7000-8000-000000000002',
      number: 8,
      title: 'Upgrade Dentrix',
      vendorName: 'Henry Schein One',
      name: 'Mark Ellison',
      emergency: false,
      windowStart: '2026-11-30T22:00:00.000Z',
      windowEnd: '2026-12-01T01:00:00.000Z',
    };
    const text = describeClientEvent(event('change_request.vendor_requested', raised));
    expect([text.title, text.body]).toEqual([
      'Henry Schein One asks for CR-8 at Harbour Dental',
      'Upgrade Dentrix — 2026-11-30 22:00 UTC – 2026-12-01 01:00 UTC, raised by Mark Ellison',
    ]);
    const emergency = describeClientEvent(
      event('change_request.vendor_requested', { ...raised, emergency: true }),
    );
    expect(emergency.title).toBe('Henry Schein One declared emergency CR-8 at Harbour Dental');
    expect(text.mailData('Olivia', 'https://accord.example/changes/x')).toMatchObject({
      'requester.name': 'Mark Ellison',
      'change.window': '2026-11-30 22:00 UTC – 2026-12-01 01:00 UTC',
    });
    expect(audienceOf(event('change_request.vendor_requested', raised), null)).toEqual({
      membershipIds: [],
      isTriageTold: true,
      isContactTold: false,
    });
    expect(linkOf('change_request.vendor_requested', null, raised)).toBe(
      '/changes/01900000-0000-7000-8000-000000000002',
    );
    expect(() =>
      describeClientEvent(event('change_request.vendor_requested', { ...raised, number: '8' })),
    ).toThrow();
  });

  it('refuses an LOA payload that lacks what the message needs', () => {
    expect(() => describeClientEvent(loa({ vendorId: undefined }))).toThrow();
    expect(() => describeClientEvent(loa({ expiresOn: '30/11/2026' }))).toThrow();
    expect(() => describeClientEvent(loa({ daysLeft: '7' }))).toThrow();
  });

  it('writes calendar dates in words, whatever the zone', () => {
    expect(formatDay('2026-03-01')).toBe('1 March 2026');
    expect(formatDay('2026-12-31')).toBe('31 December 2026');
  });

  it('cuts long replies to one line', () => {
    expect(oneLine(`a\n${'b'.repeat(200)}`, 10)).toBe('a bbbbbbb…');
  });
});
