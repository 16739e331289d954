import { describe, expect, it } from 'vitest';
import { audienceOf, describe as describeEvent, effectiveChannel, oneLine } from './notification-rules.ts';

const event = (type: Parameters<typeof audienceOf>[0]['type'], payload: Record<string, unknown> = {}) => ({
  type,
  actorMembershipId: 'actor',
  payload,
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

  it('cuts long replies to one line', () => {
    expect(oneLine(`a\n${'b'.repeat(200)}`, 10)).toBe('a bbbbbbb…');
  });
});
