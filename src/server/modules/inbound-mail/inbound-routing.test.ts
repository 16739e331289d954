import { describe, expect, it } from 'vitest';
import { type RoutingFacts, routeInbound } from './inbound-routing.ts';

const person: RoutingFacts = {
  automatic: null,
  isOwnAddress: false,
  isRateLimited: false,
  answered: null,
  senderContacts: [],
  domainClientIds: [],
};
const harbour = 'client-harbour';
const acme = 'client-acme';
const ticket = { ticketId: 'ticket-1', clientId: harbour };

describe('routing a received mail', () => {
  it.each<[string, Partial<RoutingFacts>, ReturnType<typeof routeInbound>]>([
    [
      'a known contact opens a ticket for their client',
      { senderContacts: [{ id: 'c1', clientId: harbour }] },
      { kind: 'new_ticket', clientId: harbour, contactId: 'c1', addContact: false },
    ],
    [
      "a sender at a client's domain opens a ticket and becomes a contact",
      { domainClientIds: [harbour] },
      { kind: 'new_ticket', clientId: harbour, contactId: null, addContact: true },
    ],
    [
      'a contact wins over a domain that another client also claims',
      { senderContacts: [{ id: 'c1', clientId: harbour }], domainClientIds: [acme] },
      { kind: 'new_ticket', clientId: harbour, contactId: 'c1', addContact: false },
    ],
    ['an unknown sender goes to triage', {}, { kind: 'triage', reason: 'unknown_sender', detail: null }],
    [
      'an address that is a contact at two clients goes to triage, not to a guess',
      {
        senderContacts: [
          { id: 'c1', clientId: harbour },
          { id: 'c2', clientId: acme },
        ],
      },
      { kind: 'triage', reason: 'ambiguous_sender', detail: expect.any(String) },
    ],
    [
      'a domain two clients claim goes to triage',
      { domainClientIds: [harbour, acme] },
      { kind: 'triage', reason: 'ambiguous_sender', detail: expect.any(String) },
    ],
    [
      "the ticket's contact replying adds a reply",
      { answered: ticket, senderContacts: [{ id: 'c1', clientId: harbour }] },
      { kind: 'reply', ...ticket, contactId: 'c1', addContact: false },
    ],
    [
      "a colleague at the client's domain replying adds a reply and becomes a contact",
      { answered: ticket, domainClientIds: [harbour] },
      { kind: 'reply', ...ticket, contactId: null, addContact: true },
    ],
    [
      'a contact of another client naming the ticket goes to triage, never onto the ticket',
      { answered: ticket, senderContacts: [{ id: 'c9', clientId: acme }] },
      { kind: 'triage', reason: 'sender_not_on_ticket', detail: expect.any(String) },
    ],
    [
      'a stranger naming the ticket goes to triage',
      { answered: ticket },
      { kind: 'triage', reason: 'sender_not_on_ticket', detail: expect.any(String) },
    ],
    [
      'an out-of-office from a contact is ignored, with the header that says so',
      { automatic: 'Auto-Submitted: auto-replied', senderContacts: [{ id: 'c1', clientId: harbour }] },
      { kind: 'ignore', reason: 'automatic', detail: 'Auto-Submitted: auto-replied' },
    ],
    [
      'mail from our own address is ignored before anything else, so nothing loops',
      { isOwnAddress: true, automatic: 'Auto-Submitted: auto-generated', answered: ticket },
      { kind: 'ignore', reason: 'own_address', detail: expect.any(String) },
    ],
    [
      'a flooding contact goes to triage instead of opening more tickets',
      { isRateLimited: true, senderContacts: [{ id: 'c1', clientId: harbour }] },
      { kind: 'triage', reason: 'rate_limited', detail: null },
    ],
  ])('%s', (_, facts, expected) => {
    expect(routeInbound({ ...person, ...facts })).toEqual(expected);
  });
});
