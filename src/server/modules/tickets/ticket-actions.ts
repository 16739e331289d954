// Ticket actions as steps inside a caller's transaction, so one ticket and a bulk run of many share the rules.
import type { TicketStatusValue } from '../../../shared/api/ticket-enums.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import { can } from '../../http/permissions.ts';
import { type Actor, canSeeClient, type Scope } from '../../http/scope.ts';
import { dayOf, defaultAgreementFor, findClientAgreement } from '../agreements/index.ts';
import { loadMemberScope } from '../identity/index.ts';
import { recordDomainEvent } from '../notifications/index.ts';
import { findReopenWindowDays } from './help-desk.repository.ts';
import { appendToLog, closedStatuses, type NewEvent } from './ticket-log.ts';
import { bindMeasure } from './ticket-sla.ts';
import * as repo from './tickets.repository.ts';

const DAY_MS = 86_400_000;

/**
 * Who a change is by: a staff member, a client contact writing by mail (not a member: no membershipId),
 * or Accord itself (an agent's alert).
 */
export interface ChangeAuthor {
  author: 'staff' | 'contact' | 'system';
  /** The member or contact, as ticket events record it; null for a sender who is not a contact. */
  actorId: string | null;
  /** The member, for domain events (whose notifications skip the one who acted). */
  membershipId: string | null;
  tenantId: string;
}

export const byStaff = (actor: Actor): ChangeAuthor => ({
  author: 'staff',
  actorId: actor.scope.membershipId,
  membershipId: actor.scope.membershipId,
  tenantId: actor.scope.tenantId,
});

const eventBy = (by: ChangeAuthor) => ({ actorId: by.actorId, author: by.author });

/** A staff member's event fields (actorId, author). */
export const staff = (actor: Actor) => eventBy(byStaff(actor));

/** The member to assign (null to unassign): active, and in a role that works tickets. */
export async function loadAssignee(
  tx: Executor,
  tenantId: string,
  assigneeId: string | null | undefined,
): Promise<Scope | null> {
  if (!assigneeId) return null;
  const assignee = await loadMemberScope(tx, tenantId, assigneeId);
  if (!assignee || !can(assignee.role, 'tickets.work')) {
    throw new AppError('request.invalid', 'The assignee is not an active staff member who works tickets.', [
      { path: ['assigneeId'], message: 'No such staff member' },
    ]);
  }
  return assignee;
}

/** A ticket only goes to someone who can see its client. */
function checkAssigneeSees(assignee: Scope | null, clientId: string) {
  if (assignee && !canSeeClient(assignee, clientId)) {
    throw new AppError(
      'ticket.assignee_out_of_scope',
      "The assignee cannot see this ticket's client; widen their client scope first.",
      [{ path: ['assigneeId'], message: "Cannot see the ticket's client" }],
    );
  }
}

export async function checkAssignee(
  tx: Executor,
  tenantId: string,
  clientId: string,
  assigneeId: string | null | undefined,
) {
  checkAssigneeSees(await loadAssignee(tx, tenantId, assigneeId), clientId);
}

export interface StatusInput {
  status: TicketStatusValue;
  message?: string;
}

function requireMessageFor(input: StatusInput) {
  if (input.status === 'pending_client' && !input.message) {
    throw new AppError(
      'request.invalid',
      'Say what you asked the client: waiting on the client needs a public message.',
      [{ path: ['message'], message: 'Required for pending_client' }],
    );
  }
}

/** A status change as events and columns; pending_client needs the public message that asked the client. */
function statusChange(by: ChangeAuthor, ticket: repo.TicketRow, input: StatusInput, at: Date) {
  requireMessageFor(input);
  const { status, message } = input;
  const changes: Partial<repo.TicketRow> = { status };
  if (status === 'resolved' && !ticket.resolvedAt) changes.resolvedAt = at;
  if (status === 'closed') changes.closedAt = at;
  if (!closedStatuses.includes(status)) Object.assign(changes, { resolvedAt: null, closedAt: null });
  const events: NewEvent[] = [];
  if (message)
    events.push({ type: 'public_reply', occurredAt: at, isPublic: true, body: message, ...eventBy(by) });
  events.push({
    type: 'status',
    occurredAt: at,
    isPublic: false,
    data: { from: ticket.status, status },
    ...eventBy(by),
  });
  return { changes, events };
}

export interface NewTicket {
  clientId: string;
  contactId: string | null;
  title: string;
  description: string;
  type: repo.TicketRow['type'];
  subType: string | null;
  boardId: string;
  source: repo.TicketRow['source'];
  priority: repo.TicketRow['priority'];
  assigneeId: string | null;
  /** The client's default policy, which the ticket is measured under (frozen at this version) unless its agreement names one. */
  slaPolicyId: string | null;
  /** Left out, the client's default rule chooses (see defaultAgreementFor); null for none. */
  agreementId?: string | null;
  serviceId?: string | null;
  /** More for the created event (a mail's id and sender). */
  eventData?: Record<string, unknown>;
}

/** The client's agreement a ticket names (null: none); another client's or a missing one is a 400. */
export async function agreementOfClient(tx: Executor, tenantId: string, clientId: string, id: string | null) {
  if (id === null) return undefined;
  const agreement = await findClientAgreement(tx, tenantId, clientId, id);
  if (!agreement) {
    throw new AppError('request.invalid', "The agreement is not one of this client's.", [
      { path: ['agreementId'], message: 'No such agreement for this client' },
    ]);
  }
  return agreement;
}

/** Opens a ticket (checked by the caller) with its created event and the domain events people hear of. */
export async function openTicket(tx: Executor, by: ChangeAuthor, fields: NewTicket, now: Date) {
  const { tenantId } = by;
  const agreement =
    fields.agreementId === undefined
      ? await defaultAgreementFor(tx, tenantId, fields.clientId, dayOf(now))
      : await agreementOfClient(tx, tenantId, fields.clientId, fields.agreementId);
  const policyId = agreement?.slaPolicyId ?? fields.slaPolicyId;
  const measure = policyId ? await bindMeasure(tx, tenantId, policyId) : null;
  const { slaPolicyId: _, eventData, ...columns } = fields;
  const ticket = await repo.insertTicket(tx, {
    ...columns,
    agreementId: agreement?.id ?? null,
    tenantId,
    number: await repo.nextTicketNumber(tx, tenantId),
    status: 'new',
    slaPolicyVersionId: measure?.slaPolicyVersionId ?? null,
    calendarVersionIds: measure?.calendarVersionIds ?? {},
    openedAt: now,
  });
  await appendToLog(
    tx,
    ticket,
    [
      {
        type: 'created',
        occurredAt: now,
        isPublic: false,
        ...eventBy(by),
        data: { ...eventData, priority: fields.priority, status: 'new' },
      },
    ],
    {},
    now,
  );
  const about = { tenantId, ticketId: ticket.id, actorMembershipId: by.membershipId, occurredAt: now };
  await recordDomainEvent(tx, {
    ...about,
    type: 'ticket.created',
    payload: { source: fields.source, isUnassigned: !ticket.assigneeId },
  });
  if (ticket.assigneeId && ticket.assigneeId !== by.membershipId) {
    await recordDomainEvent(tx, {
      ...about,
      type: 'ticket.assigned',
      payload: { from: null, to: ticket.assigneeId },
    });
  }
  return ticket;
}

/** Assigns (or unassigns) a ticket locked by the caller to an assignee from loadAssignee; answers its id. */
export async function assignInTransaction(
  tx: Executor,
  actor: Actor,
  ticket: repo.TicketRow,
  assignee: Scope | null,
  now: Date,
): Promise<string> {
  checkAssigneeSees(assignee, ticket.clientId);
  const assigneeId = assignee?.membershipId ?? null;
  if (ticket.assigneeId === assigneeId) return ticket.id;
  await appendToLog(
    tx,
    ticket,
    [
      {
        type: 'assignment',
        occurredAt: now,
        isPublic: false,
        data: { from: ticket.assigneeId, to: assigneeId },
        ...staff(actor),
      },
    ],
    { assigneeId },
    now,
  );
  if (assigneeId && assigneeId !== actor.scope.membershipId) {
    await recordDomainEvent(tx, {
      tenantId: ticket.tenantId,
      type: 'ticket.assigned',
      ticketId: ticket.id,
      actorMembershipId: actor.scope.membershipId,
      payload: { from: ticket.assigneeId, to: assigneeId },
      occurredAt: now,
    });
  }
  return ticket.id;
}

/** The events people hear of for a status change: the public message that came with it, then the change. */
async function recordStatusEvents(
  tx: Executor,
  author: ChangeAuthor,
  ticket: repo.TicketRow,
  from: TicketStatusValue,
  input: StatusInput,
  now: Date,
) {
  const by = {
    tenantId: ticket.tenantId,
    ticketId: ticket.id,
    actorMembershipId: author.membershipId,
    occurredAt: now,
  };
  if (input.message) {
    await recordDomainEvent(tx, {
      ...by,
      type: 'ticket.public_reply',
      payload: { author: author.author, text: input.message },
    });
  }
  await recordDomainEvent(tx, { ...by, type: 'ticket.status_changed', payload: { from, to: input.status } });
}

/**
 * Changes the status of a ticket locked by the caller and answers the id of the ticket that now holds
 * it: reopening within the tenant's reopen window resumes the original clock; later, a new ticket
 * linked to the old one is opened instead.
 */
export async function setStatusInTransaction(
  tx: Executor,
  by: ChangeAuthor,
  ticket: repo.TicketRow,
  input: StatusInput,
  now: Date,
): Promise<string> {
  if (ticket.status === input.status) return ticket.id;
  const stoppedAt = ticket.resolvedAt ?? ticket.closedAt;
  const isReopen = closedStatuses.includes(ticket.status) && !closedStatuses.includes(input.status);
  if (isReopen && stoppedAt) {
    const windowMs = (await findReopenWindowDays(tx, ticket.tenantId)) * DAY_MS;
    if (now.getTime() - stoppedAt.getTime() > windowMs) {
      return reopenAsNewTicket(tx, by, ticket, input, now);
    }
  }
  const { changes, events } = statusChange(by, ticket, input, now);
  await appendToLog(tx, ticket, events, changes, now);
  await recordStatusEvents(tx, by, ticket, ticket.status, input, now);
  return ticket.id;
}

async function reopenAsNewTicket(
  tx: Executor,
  by: ChangeAuthor,
  old: repo.TicketRow,
  input: StatusInput,
  now: Date,
): Promise<string> {
  const { tenantId } = by;
  const ticket = await repo.insertTicket(tx, {
    tenantId,
    number: await repo.nextTicketNumber(tx, tenantId),
    clientId: old.clientId,
    contactId: old.contactId,
    title: old.title,
    description: old.description,
    type: old.type,
    subType: old.subType,
    boardId: old.boardId,
    source: old.source,
    priority: old.priority,
    status: 'new',
    assigneeId: old.assigneeId,
    reopenedFromId: old.id,
    slaPolicyVersionId: old.slaPolicyVersionId,
    calendarVersionIds: old.calendarVersionIds,
    openedAt: now,
  });
  await appendToLog(
    tx,
    ticket,
    [
      {
        type: 'created',
        occurredAt: now,
        isPublic: false,
        data: { priority: ticket.priority, status: 'new', reopenedFrom: old.number },
        ...eventBy(by),
      },
    ],
    {},
    now,
  );
  await recordDomainEvent(tx, {
    tenantId,
    type: 'ticket.created',
    ticketId: ticket.id,
    actorMembershipId: by.membershipId,
    payload: { source: ticket.source, isUnassigned: !ticket.assigneeId, reopenedFrom: old.number },
    occurredAt: now,
  });
  await appendToLog(
    tx,
    old,
    [
      {
        type: 'reopened_as',
        occurredAt: now,
        isPublic: false,
        data: { ticketId: ticket.id, number: ticket.number },
        ...eventBy(by),
      },
    ],
    {},
    now,
  );
  if (input.status !== 'new') {
    const { changes, events } = statusChange(by, ticket, input, now);
    await appendToLog(tx, ticket, events, changes, now);
    await recordStatusEvents(tx, by, ticket, 'new', input, now);
  }
  return ticket.id;
}
