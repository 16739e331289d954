// What a client's contact may do to tickets, by mail (inside the inbound-mail module's transaction) or in
// the client portal: open a ticket, and add a public reply — which resumes a clock paused on the client,
// and reopens a resolved ticket (a new linked ticket after the reopen window, as a staff reopen would).
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { Executor } from '../../db/client.ts';
import { recordDomainEvent } from '../notifications/index.ts';
import { type ChangeAuthor, openTicket, setStatusInTransaction } from './ticket-actions.ts';
import { appendToLog, closedStatuses, resolveBoard, ticketNotFound } from './ticket-log.ts';
import * as repo from './tickets.repository.ts';

export interface ContactSender {
  tenantId: string;
  /** The contact who wrote; null for a mail's sender placed by a dispatcher without saving them as a contact. */
  contactId: string | null;
}

const byContact = (sender: ContactSender): ChangeAuthor => ({
  author: 'contact',
  actorId: sender.contactId,
  membershipId: null,
  tenantId: sender.tenantId,
});

export interface ContactTicket {
  clientId: string;
  source: 'email' | 'portal';
  title: string;
  description: string;
  /** The mailbox's board; null for the organization's first board. */
  boardId: string | null;
  priority: Priority;
  slaPolicyId: string | null;
  /** More for the created event: the mail it came from ({ inboundEmailId, from }). */
  eventData: Record<string, unknown>;
}

export async function openContactTicket(
  tx: Executor,
  sender: ContactSender,
  fields: ContactTicket,
  now: Date,
): Promise<{ id: string; number: number }> {
  const ticket = await openTicket(
    tx,
    byContact(sender),
    {
      clientId: fields.clientId,
      contactId: sender.contactId,
      title: fields.title,
      description: fields.description,
      type: 'incident',
      subType: null,
      boardId: await resolveBoard(tx, sender.tenantId, fields.boardId ?? undefined),
      source: fields.source,
      priority: fields.priority,
      assigneeId: null,
      slaPolicyId: fields.slaPolicyId,
      eventData: fields.eventData,
    },
    now,
  );
  return { id: ticket.id, number: ticket.number };
}

async function lockTicket(tx: Executor, tenantId: string, id: string) {
  const ticket = await repo.findTicketInTenant(tx, tenantId, { id }, { forUpdate: true });
  if (!ticket) throw ticketNotFound();
  return ticket;
}

/**
 * Adds a contact's mail or portal reply to a ticket as a public reply and answers the ticket that holds it: the same one,
 * or the new ticket a reply to a long-closed ticket opens. `occurredAt` is when it was written (a mail's sent time).
 */
export async function addContactReply(
  tx: Executor,
  sender: ContactSender,
  ticketId: string,
  reply: { body: string; occurredAt: Date; data: Record<string, unknown> },
  now: Date,
): Promise<{ id: string; number: number }> {
  const by = byContact(sender);
  let ticket = await lockTicket(tx, sender.tenantId, ticketId);
  if (closedStatuses.includes(ticket.status)) {
    const holderId = await setStatusInTransaction(tx, by, ticket, { status: 'open' }, now);
    ticket = await lockTicket(tx, sender.tenantId, holderId);
  }
  await appendToLog(
    tx,
    ticket,
    [
      {
        type: 'public_reply',
        occurredAt: reply.occurredAt,
        isPublic: true,
        body: reply.body,
        actorId: by.actorId,
        author: 'contact',
        data: reply.data,
      },
    ],
    {},
    now,
  );
  await recordDomainEvent(tx, {
    tenantId: sender.tenantId,
    type: 'ticket.public_reply',
    ticketId: ticket.id,
    actorMembershipId: null,
    payload: { author: 'contact', text: reply.body },
    occurredAt: now,
  });
  // The client answered: a clock paused on the client runs again.
  if (ticket.status === 'pending_client') {
    await setStatusInTransaction(tx, by, ticket, { status: 'open' }, now);
  }
  return { id: ticket.id, number: ticket.number };
}
