// What monitoring may do to tickets, inside the caller's transaction: open a ticket for an alert, note
// that its condition recurred (reopening it if it was resolved), and resolve it when the condition clears;
// and put a vendor's reply (given through a link) on the incident its changes opened.
// Accord itself is the author: events show "Accord", and nobody is skipped when notifications go out.
import { and, eq } from 'drizzle-orm';
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { VendorReplyEventData } from '../../../shared/api/vendor-replies.ts';
import type { Executor } from '../../db/client.ts';
import { recordDomainEvent } from '../notifications/index.ts';
import { type ChangeAuthor, openTicket, setStatusInTransaction } from './ticket-actions.ts';
import { appendToLog, closedStatuses, resolveBoard } from './ticket-log.ts';
import * as repo from './tickets.repository.ts';
import { tickets } from './tickets.table.ts';

const bySystem = (tenantId: string): ChangeAuthor => ({
  author: 'system',
  actorId: null,
  membershipId: null,
  tenantId,
});

export interface AlertTicket {
  tenantId: string;
  clientId: string;
  title: string;
  description: string;
  priority: Priority;
  /** The client's default policy (the client's agreement may name another). */
  slaPolicyId: string | null;
  /** On the created event: what raised it ({ assetId, condition }). */
  eventData: Record<string, unknown>;
  /** 'alert' unless said: a vendor's changes outside an approved window open an 'incident'. */
  type?: 'alert' | 'incident';
  /** The vendor an incident is attributed to: its time defaults to vendor-caused. */
  vendorId?: string | null;
}

export async function openAlertTicket(tx: Executor, fields: AlertTicket, now: Date): Promise<string> {
  const ticket = await openTicket(
    tx,
    bySystem(fields.tenantId),
    {
      clientId: fields.clientId,
      contactId: null,
      title: fields.title,
      description: fields.description,
      type: fields.type ?? 'alert',
      subType: null,
      boardId: await resolveBoard(tx, fields.tenantId, undefined),
      source: 'agent_alert',
      priority: fields.priority,
      assigneeId: null,
      slaPolicyId: fields.slaPolicyId,
      eventData: fields.eventData,
    },
    now,
  );
  if (fields.vendorId) {
    await tx
      .update(tickets)
      .set({ vendorId: fields.vendorId })
      .where(and(eq(tickets.tenantId, fields.tenantId), eq(tickets.id, ticket.id)));
  }
  return ticket.id;
}

/**
 * A vendor's reply to the incident its changes opened, as a public entry the client sees; whatever the
 * ticket's status (a reply may come after the clean-up).
 */
export async function recordVendorReply(
  tx: Executor,
  tenantId: string,
  ticketId: string,
  reply: { text: string; data: VendorReplyEventData },
  now: Date,
) {
  const ticket = await lock(tx, tenantId, ticketId);
  if (!ticket) return;
  await appendToLog(
    tx,
    ticket,
    [
      {
        type: 'vendor_reply',
        occurredAt: now,
        isPublic: true,
        body: reply.text,
        data: reply.data,
        actorId: null,
        author: 'system',
      },
    ],
    {},
    now,
  );
  await recordDomainEvent(tx, {
    tenantId,
    type: 'ticket.vendor_reply',
    ticketId,
    payload: { vendorName: reply.data.vendorName, name: reply.data.name, text: reply.text },
    occurredAt: now,
  });
}

/** Adds Accord's internal note to a ticket that is still open; false when it is resolved or closed. */
export async function noteOnOpenTicket(
  tx: Executor,
  tenantId: string,
  ticketId: string,
  body: string,
  now: Date,
) {
  const ticket = await lock(tx, tenantId, ticketId);
  if (!ticket || closedStatuses.includes(ticket.status)) return false;
  await note(tx, ticket, body, now);
  return true;
}

async function note(tx: Executor, ticket: repo.TicketRow, body: string, now: Date) {
  await appendToLog(
    tx,
    ticket,
    [{ type: 'internal_note', occurredAt: now, isPublic: false, body, actorId: null, author: 'system' }],
    {},
    now,
  );
}

async function lock(tx: Executor, tenantId: string, id: string) {
  return repo.findTicketInTenant(tx, tenantId, { id }, { forUpdate: true });
}

/**
 * The condition is back: a note on its ticket, which is reopened if resolved (a new linked ticket after
 * the reopen window). Answers the ticket that now holds the alert, or null when the old one is closed
 * for good and a new alert ticket should be opened.
 */
export async function recurAlertTicket(
  tx: Executor,
  tenantId: string,
  ticketId: string,
  body: string,
  now: Date,
): Promise<string | null> {
  let ticket = await lock(tx, tenantId, ticketId);
  if (!ticket || ticket.status === 'closed') return null;
  if (closedStatuses.includes(ticket.status)) {
    const holderId = await setStatusInTransaction(tx, bySystem(tenantId), ticket, { status: 'open' }, now);
    ticket = (await lock(tx, tenantId, holderId))!;
  }
  await note(tx, ticket, body, now);
  return ticket.id;
}

/** The condition cleared: a note, and the ticket resolved unless someone already resolved or closed it. */
export async function resolveAlertTicket(
  tx: Executor,
  tenantId: string,
  ticketId: string,
  body: string,
  now: Date,
): Promise<void> {
  const ticket = await lock(tx, tenantId, ticketId);
  if (!ticket || closedStatuses.includes(ticket.status)) return;
  await note(tx, ticket, body, now);
  await setStatusInTransaction(tx, bySystem(tenantId), ticket, { status: 'resolved' }, now);
}
