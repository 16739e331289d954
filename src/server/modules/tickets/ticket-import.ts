// Imports a ticket with its history from another PSA: the stable format migration scripts target.
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { TicketStatusValue } from '../../../shared/api/ticket-enums.ts';
import type { ImportEvent, TicketImport } from '../../../shared/api/tickets.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import { AppError } from '../../http/app-error.ts';
import { type Actor, canSeeClient } from '../../http/scope.ts';
import { dayOf, defaultAgreementFor } from '../agreements/index.ts';
import { findClientForTicket } from '../clients/index.ts';
import { checkAssignee } from './ticket-actions.ts';
import {
  appendToLog,
  closedStatuses,
  type NewEvent,
  reloadTicket,
  resolveBoard,
  ticketNotFound,
} from './ticket-log.ts';
import { bindMeasure } from './ticket-sla.ts';
import * as repo from './tickets.repository.ts';

/** Idempotent by externalId: a re-import changes nothing and answers the ticket as it stands. */
export function importTicket(
  deps: { actions: ActionRunner; clock: Clock },
  actor: Actor,
  input: TicketImport,
) {
  const { actions, clock } = deps;
  return actions.run(actor, 'ticket.import', async (tx, audit) => {
    const { tenantId } = actor.scope;
    const existing = await repo.findTicketByExternalId(tx, tenantId, input.externalId);
    if (existing) {
      if (!canSeeClient(actor.scope, existing.clientId)) throw ticketNotFound();
      // A re-import changes nothing; the attempt is still recorded, against the ticket it matched.
      audit.target('ticket', existing.id);
      return { ticket: await reloadTicket(tx, actor.scope, existing.id), created: false };
    }
    const client = await findClientForTicket(tx, actor.scope, input.clientId, input.contactId ?? null);
    await checkAssignee(tx, tenantId, input.clientId, input.assigneeId);
    const policyId = input.slaPolicyId ?? client.defaultSlaPolicyId;
    const measure = policyId ? await bindMeasure(tx, tenantId, policyId) : null;
    if (input.slaPolicyId && !measure) {
      throw new AppError('request.invalid', 'No such SLA policy.', [
        { path: ['slaPolicyId'], message: 'No such SLA policy' },
      ]);
    }
    const sorted = [...input.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const created = sorted.find((e) => e.type === 'created')!;
    const now = clock.now();
    if (sorted.some((e) => new Date(e.at) > now)) {
      throw new AppError('request.invalid', 'Imported events cannot be in the future.', [
        { path: ['events'], message: 'In the future' },
      ]);
    }
    const final = finalState(sorted, input.priority);
    // The history is billed like tickets raised here: under the client's default agreement of the day
    // the ticket opened (its SLA stays measured as it was imported).
    const agreement = await defaultAgreementFor(tx, tenantId, input.clientId, dayOf(new Date(created.at)));
    const ticket = await repo.insertTicket(tx, {
      tenantId,
      number: await repo.nextTicketNumber(tx, tenantId),
      clientId: input.clientId,
      contactId: input.contactId ?? null,
      title: input.title,
      description: input.description,
      type: input.type,
      boardId: await resolveBoard(tx, tenantId, input.boardId),
      source: input.source,
      priority: final.priority,
      status: final.status,
      assigneeId: input.assigneeId ?? null,
      externalId: input.externalId,
      agreementId: agreement?.id ?? null,
      slaPolicyVersionId: measure?.slaPolicyVersionId ?? null,
      calendarVersionIds: measure?.calendarVersionIds ?? {},
      openedAt: new Date(created.at),
      resolvedAt: final.resolvedAt,
      closedAt: final.closedAt,
    });
    audit.target('ticket', ticket.id);
    await appendToLog(tx, ticket, toImportedEvents(sorted, input.priority), {}, now);
    const imported = await reloadTicket(tx, actor.scope, ticket.id);
    audit.change(null, imported);
    return { ticket: imported, created: true };
  });
}

function finalState(events: readonly ImportEvent[], initialPriority: Priority) {
  let priority = initialPriority;
  let status: TicketStatusValue = 'new';
  let resolvedAt: Date | null = null;
  let closedAt: Date | null = null;
  for (const e of events) {
    if (e.type === 'priority') priority = e.priority;
    if (e.type === 'status') {
      status = e.status;
      if (e.status === 'resolved' && !resolvedAt) resolvedAt = new Date(e.at);
      if (e.status === 'closed') closedAt = new Date(e.at);
      if (!closedStatuses.includes(e.status)) {
        resolvedAt = null;
        closedAt = null;
      }
    }
  }
  return { priority, status, resolvedAt, closedAt };
}

/** The events as Accord records them, status and priority changes with what they changed from. */
function toImportedEvents(events: readonly ImportEvent[], initialPriority: Priority): NewEvent[] {
  let status: TicketStatusValue = 'new';
  let priority = initialPriority;
  return events.map((e) => {
    const event = toImportedEvent(e, initialPriority, { status, priority });
    if (e.type === 'status') status = e.status;
    if (e.type === 'priority') priority = e.priority;
    return event;
  });
}

function toImportedEvent(
  e: ImportEvent,
  initialPriority: Priority,
  before: { status: TicketStatusValue; priority: Priority },
): NewEvent {
  const base = { actorId: null, isPublic: false };
  const occurredAt = new Date(e.at);
  switch (e.type) {
    case 'created':
      return {
        ...base,
        type: 'created',
        occurredAt,
        author: 'system',
        data: { priority: initialPriority, status: 'new', imported: true },
      };
    case 'public_reply':
      return {
        ...base,
        type: 'public_reply',
        occurredAt,
        author: e.author,
        isPublic: true,
        body: e.body ?? null,
      };
    case 'internal_note':
      return { ...base, type: 'internal_note', occurredAt, author: 'staff', body: e.body ?? null };
    case 'call_logged':
      return { ...base, type: 'call_logged', occurredAt, author: 'staff', body: e.body ?? null };
    case 'status':
      return {
        ...base,
        type: 'status',
        occurredAt,
        author: 'staff',
        body: e.message ?? null,
        data: { from: before.status, status: e.status },
      };
    case 'priority':
      return {
        ...base,
        type: 'priority',
        occurredAt,
        author: 'staff',
        body: e.reason ?? null,
        data: { from: before.priority, priority: e.priority },
      };
  }
}
