// Where a received mail goes, decided from facts the service looked up: a reply on the ticket it answers,
// a new ticket for the one client its sender belongs to, triage for a person to place, or nothing at all
// for mail that only machines wrote. Never a guess: a sender that matches no client, or several, is triage.
import type { InboundReason } from '../../../shared/api/inbound-mail.ts';

export interface SenderContact {
  id: string;
  clientId: string;
}

export interface RoutingFacts {
  /** Why the mail is machine-sent (auto-reply, bounce, bulk), or null. */
  automatic: string | null;
  /** The sender is one of the organization's own addresses (a mailbox, the outgoing From). */
  isOwnAddress: boolean;
  /** The sender is over the hourly limit. */
  isRateLimited: boolean;
  /** The ticket the mail answers (by In-Reply-To/References, else the subject's [#number]), if it exists. */
  answered: { ticketId: string; clientId: string } | null;
  /** Contacts (of clients not archived) with the sender's address. */
  senderContacts: readonly SenderContact[];
  /** Clients (not archived) whose email domains include the sender's. */
  domainClientIds: readonly string[];
}

export type Routing =
  | { kind: 'ignore'; reason: Extract<InboundReason, 'automatic' | 'own_address'>; detail: string | null }
  | { kind: 'triage'; reason: InboundReason; detail: string | null }
  /** contactId null with addContact: the sender is at the client's domain and becomes a contact. */
  | { kind: 'reply'; ticketId: string; clientId: string; contactId: string | null; addContact: boolean }
  | { kind: 'new_ticket'; clientId: string; contactId: string | null; addContact: boolean };

/** The client a sender belongs to: by contact first, else by domain; several of either is ambiguous. */
function senderClient(
  facts: RoutingFacts,
): { clientId: string; contactId: string | null } | 'none' | 'ambiguous' {
  const contactClients = new Set(facts.senderContacts.map((contact) => contact.clientId));
  if (contactClients.size > 1) return 'ambiguous';
  const [contact] = facts.senderContacts;
  if (contact) return { clientId: contact.clientId, contactId: contact.id };
  if (facts.domainClientIds.length > 1) return 'ambiguous';
  const [clientId] = facts.domainClientIds;
  return clientId ? { clientId, contactId: null } : 'none';
}

export function routeInbound(facts: RoutingFacts): Routing {
  if (facts.isOwnAddress) {
    return { kind: 'ignore', reason: 'own_address', detail: 'Sent from one of our own addresses' };
  }
  if (facts.automatic) return { kind: 'ignore', reason: 'automatic', detail: facts.automatic };
  if (facts.isRateLimited) return { kind: 'triage', reason: 'rate_limited', detail: null };
  const { answered } = facts;
  if (answered) {
    // Anyone at the ticket's client may add to it; nobody else, however the mail names the ticket.
    const contact = facts.senderContacts.find((c) => c.clientId === answered.clientId);
    if (contact) return { kind: 'reply', ...answered, contactId: contact.id, addContact: false };
    if (facts.domainClientIds.includes(answered.clientId)) {
      return { kind: 'reply', ...answered, contactId: null, addContact: true };
    }
    return {
      kind: 'triage',
      reason: 'sender_not_on_ticket',
      detail: "The sender is not a contact or at an email domain of the ticket's client",
    };
  }
  const client = senderClient(facts);
  if (client === 'ambiguous') {
    return {
      kind: 'triage',
      reason: 'ambiguous_sender',
      detail: 'The address or its domain belongs to more than one client',
    };
  }
  if (client === 'none') return { kind: 'triage', reason: 'unknown_sender', detail: null };
  return { kind: 'new_ticket', ...client, addContact: client.contactId === null };
}
