// Tickets: creation, actions that append to the event log, the queue, imports and SLA upkeep.

import type { z } from 'zod';
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type {
  BulkAction,
  Ticket,
  TicketImport,
  TicketInput,
  TicketListQuery,
  ticketUpdateSchema,
} from '../../../shared/api/tickets.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { findCatalogItem } from '../catalog/index.ts';
import { findClientForTicket } from '../clients/index.ts';
import { recordDomainEvent } from '../notifications/index.ts';
import {
  agreementOfClient,
  assignInTransaction,
  byStaff,
  checkAssignee,
  loadAssignee,
  openTicket,
  type StatusInput,
  setStatusInTransaction,
  staff,
} from './ticket-actions.ts';
import { importTicket } from './ticket-import.ts';
import {
  appendToLog,
  type NewEvent,
  reloadTicket,
  requireTicket,
  resolveBoard,
  ticketNotFound,
  toTicket,
} from './ticket-log.ts';
import { listQueue } from './ticket-queue.ts';
import { rebindMeasure } from './ticket-sla.ts';
import type { TicketRow } from './tickets.repository.ts';
import * as repo from './tickets.repository.ts';

const priorityRank = (p: Priority) => Number(p.slice(1));

/** The ticket event each field's change is logged as. */
const eventTypeOf = {
  title: 'title',
  type: 'type',
  subType: 'type',
  boardId: 'board',
  contactId: 'contactId',
  agreementId: 'agreement',
  serviceId: 'service',
} as const;

/** Names what a change points at in its event, so the timeline reads the name it had then. */
function nameTheChange(events: NewEvent[], type: string, name: string | null) {
  const event = events.find((e) => e.type === type);
  if (event) event.data = { ...event.data, toName: name };
}

/** A catalog service a ticket may name: one of the tenant's items (archived ones stay where they are set). */
async function checkService(tx: Executor, tenantId: string, serviceId: string | null) {
  if (serviceId !== null && !(await findCatalogItem(tx, tenantId, serviceId))) {
    throw new AppError('request.invalid', 'No such service in the catalog.', [
      { path: ['serviceId'], message: 'No such catalog item' },
    ]);
  }
  return serviceId;
}

export function createTicketService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  return {
    async listBoards(scope: Scope) {
      return (await repo.listBoards(db, scope.tenantId)).map(({ id, name }) => ({ id, name }));
    },

    async create(actor: Actor, input: TicketInput): Promise<Ticket> {
      return actions.run(actor, 'ticket.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const now = clock.now();
        const client = await findClientForTicket(tx, actor.scope, input.clientId, input.contactId ?? null);
        await checkAssignee(tx, tenantId, input.clientId, input.assigneeId);
        const boardId = await resolveBoard(tx, tenantId, input.boardId);
        const ticket = await openTicket(
          tx,
          byStaff(actor),
          {
            clientId: input.clientId,
            contactId: input.contactId ?? null,
            title: input.title,
            description: input.description,
            type: input.type,
            subType: input.subType ?? null,
            boardId,
            source: input.source,
            priority: input.priority,
            assigneeId: input.assigneeId ?? null,
            slaPolicyId: client.defaultSlaPolicyId,
            agreementId: input.agreementId,
            serviceId: await checkService(tx, tenantId, input.serviceId ?? null),
          },
          now,
        );
        audit.target('ticket', ticket.id);
        const created = await reloadTicket(tx, actor.scope, ticket.id);
        audit.change(null, created);
        return created;
      });
    },

    async get(scope: Scope, id: string) {
      const row = await repo.findTicket(db, scope, id);
      if (!row) throw ticketNotFound();
      const events = await repo.listEvents(db, scope.tenantId, id);
      return {
        ...toTicket(row),
        events: events.map(({ event, actorName }) => ({
          id: event.id,
          type: event.type,
          occurredAt: event.occurredAt.toISOString(),
          recordedAt: event.recordedAt.toISOString(),
          author: event.author,
          actorId: event.actorId,
          actorName,
          isPublic: event.isPublic,
          body: event.body,
          data: event.data,
        })),
      };
    },

    list: (scope: Scope, query: TicketListQuery) => listQueue(db, scope, query),

    async reply(
      actor: Actor,
      id: string,
      input: { body: string; occurredAt?: string },
      visibility: 'public' | 'internal',
    ) {
      return actions.run(actor, `ticket.${visibility === 'public' ? 'reply' : 'note'}`, async (tx, audit) => {
        const ticket = await requireTicket(tx, actor.scope, id, { forUpdate: true });
        audit.target('ticket', id);
        const now = clock.now();
        const at = pastOrNow(input.occurredAt, now);
        await appendToLog(
          tx,
          ticket,
          [
            {
              type: visibility === 'public' ? 'public_reply' : 'internal_note',
              occurredAt: at,
              isPublic: visibility === 'public',
              body: input.body,
              ...staff(actor),
            },
          ],
          {},
          now,
        );
        if (visibility === 'public') {
          await recordDomainEvent(tx, {
            tenantId: ticket.tenantId,
            type: 'ticket.public_reply',
            ticketId: id,
            actorMembershipId: actor.scope.membershipId,
            payload: { author: 'staff', text: input.body },
            occurredAt: now,
          });
        }
        return reloadTicket(tx, actor.scope, id);
      });
    },

    async logCall(
      actor: Actor,
      id: string,
      input: { channel: 'call' | 'chat'; body?: string; occurredAt?: string },
    ) {
      return actions.run(actor, 'ticket.log_call', async (tx, audit) => {
        const ticket = await requireTicket(tx, actor.scope, id, { forUpdate: true });
        audit.target('ticket', id);
        const now = clock.now();
        await appendToLog(
          tx,
          ticket,
          [
            {
              type: 'call_logged',
              occurredAt: pastOrNow(input.occurredAt, now),
              isPublic: false,
              body: input.body ?? null,
              data: { channel: input.channel },
              ...staff(actor),
            },
          ],
          {},
          now,
        );
        return reloadTicket(tx, actor.scope, id);
      });
    },

    async assign(actor: Actor, id: string, assigneeId: string | null) {
      return actions.run(actor, 'ticket.assign', async (tx, audit) => {
        const ticket = await requireTicket(tx, actor.scope, id, { forUpdate: true });
        audit.target('ticket', id);
        const assignee = await loadAssignee(tx, actor.scope.tenantId, assigneeId);
        await assignInTransaction(tx, actor, ticket, assignee, clock.now());
        const after = await reloadTicket(tx, actor.scope, id);
        audit.change({ assigneeId: ticket.assigneeId }, { assigneeId: after.assigneeId });
        return after;
      });
    },

    /** Reopening within the tenant's reopen window resumes the original clock; later, a new linked ticket. */
    async setStatus(actor: Actor, id: string, input: StatusInput) {
      return actions.run(actor, 'ticket.status', async (tx, audit) => {
        const ticket = await requireTicket(tx, actor.scope, id, { forUpdate: true });
        audit.target('ticket', id);
        const resultId = await setStatusInTransaction(tx, byStaff(actor), ticket, input, clock.now());
        const after = await reloadTicket(tx, actor.scope, resultId);
        // Reopening late makes a new linked ticket: the after side then names it.
        audit.change({ id: ticket.id, status: ticket.status }, { id: after.id, status: after.status });
        return after;
      });
    },

    /**
     * One assign or status action on many tickets in one transaction: every ticket changes or none does.
     * Each ticket goes through the same steps as the single-ticket action; failures are collected so the
     * answer names every ticket that cannot change, then the transaction is rolled back.
     */
    async bulk(actor: Actor, input: BulkAction): Promise<{ items: Ticket[] }> {
      return actions.run(actor, `ticket.bulk_${input.action.type}`, async (tx, audit) => {
        audit.target('ticket', null);
        const now = clock.now();
        const { action } = input;
        // Who to assign is a question about the request, not about each ticket: a bad assignee is a 400.
        const assignee =
          action.type === 'assign' ? await loadAssignee(tx, actor.scope.tenantId, action.assigneeId) : null;
        const ids = [...new Set(input.ticketIds)];
        const rows = new Map(
          (await repo.findTickets(tx, actor.scope, ids, { forUpdate: true })).map((row) => [
            row.ticket.id,
            row,
          ]),
        );
        const resultIds: string[] = [];
        const failures: { id: string; number: number | null; code: string; message: string }[] = [];
        for (const id of ids) {
          const row = rows.get(id);
          if (!row) {
            const error = ticketNotFound();
            failures.push({ id, number: null, code: error.code, message: error.message });
            continue;
          }
          try {
            resultIds.push(
              action.type === 'assign'
                ? await assignInTransaction(tx, actor, row.ticket, assignee, now)
                : await setStatusInTransaction(tx, byStaff(actor), row.ticket, action, now),
            );
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            failures.push({ id, number: row.ticket.number, code: error.code, message: error.message });
          }
        }
        if (failures.length > 0) {
          throw new AppError(
            'ticket.bulk_failed',
            `${failures.length} of ${ids.length} tickets cannot be changed, so none was changed.`,
            failures,
          );
        }
        const changed = new Map(
          (await repo.findTickets(tx, actor.scope, resultIds)).map((row) => [row.ticket.id, toTicket(row)]),
        );
        const items = resultIds.map((id) => changed.get(id)!);
        const field = action.type === 'assign' ? 'assigneeId' : 'status';
        audit.change(
          ids.map((id) => ({ id, [field]: rows.get(id)?.ticket[field] ?? null })),
          items.map((ticket) => ({ id: ticket.id, [field]: ticket[field] })),
        );
        return { items };
      });
    },

    async setPriority(actor: Actor, id: string, input: { priority: Priority; reason?: string }) {
      return actions.run(actor, 'ticket.priority', async (tx, audit) => {
        const ticket = await requireTicket(tx, actor.scope, id, { forUpdate: true });
        audit.target('ticket', id);
        audit.change(
          { priority: ticket.priority },
          { priority: input.priority, ...(input.reason ? { reason: input.reason } : {}) },
        );
        if (ticket.priority === input.priority) return reloadTicket(tx, actor.scope, id);
        const isDowngrade = priorityRank(input.priority) > priorityRank(ticket.priority);
        if (isDowngrade && !input.reason) {
          throw new AppError('request.invalid', 'A downgrade needs a reason; the client will see it.', [
            { path: ['reason'], message: 'Required when lowering the priority' },
          ]);
        }
        const now = clock.now();
        await appendToLog(
          tx,
          ticket,
          [
            {
              type: 'priority',
              occurredAt: now,
              isPublic: isDowngrade,
              body: input.reason ?? null,
              data: { from: ticket.priority, priority: input.priority },
              ...staff(actor),
            },
          ],
          { priority: input.priority },
          now,
        );
        return reloadTicket(tx, actor.scope, id);
      });
    },

    async update(actor: Actor, id: string, input: z.infer<typeof ticketUpdateSchema>) {
      return actions.run(actor, 'ticket.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const ticket = await requireTicket(tx, actor.scope, id, { forUpdate: true });
        audit.target('ticket', id);
        const now = clock.now();
        if (input.contactId) await findClientForTicket(tx, actor.scope, ticket.clientId, input.contactId);
        if (input.boardId) await resolveBoard(tx, tenantId, input.boardId);
        if (input.serviceId) await checkService(tx, tenantId, input.serviceId);
        const events: NewEvent[] = [];
        const changes: Partial<TicketRow> = {};
        const fields = [
          'title',
          'type',
          'subType',
          'boardId',
          'contactId',
          'agreementId',
          'serviceId',
        ] as const;
        for (const field of fields) {
          const value = input[field];
          if (value !== undefined && value !== ticket[field]) {
            const type = eventTypeOf[field];
            events.push({
              type,
              occurredAt: now,
              isPublic: false,
              data: { field, from: ticket[field], to: value },
              ...staff(actor),
            });
            Object.assign(changes, { [field]: value });
          }
        }
        if (changes.agreementId !== undefined) {
          const agreement = await agreementOfClient(tx, tenantId, ticket.clientId, changes.agreementId);
          nameTheChange(events, 'agreement', agreement?.name ?? null);
          const client = await findClientForTicket(tx, actor.scope, ticket.clientId, null);
          const rebound = await rebindMeasure(
            tx,
            ticket,
            agreement?.slaPolicyId ?? client.defaultSlaPolicyId,
          );
          if (rebound) {
            Object.assign(changes, rebound);
            // Kept on the event so an SLA statement can tell what the ticket was measured under before.
            const { slaPolicyVersionId, calendarVersionIds } = ticket;
            const event = events.find((e) => e.type === 'agreement')!;
            event.data = {
              ...event.data,
              measure: { from: { slaPolicyVersionId, calendarVersionIds }, to: rebound },
            };
          }
        }
        if (changes.serviceId !== undefined) {
          const service = changes.serviceId
            ? await findCatalogItem(tx, tenantId, changes.serviceId)
            : undefined;
          nameTheChange(events, 'service', service?.item.name ?? null);
        }
        if (input.afterHoursRequest !== undefined) {
          changes.afterHoursRequest = input.afterHoursRequest && {
            requestedBy: input.afterHoursRequest.requestedBy,
            requestedAt: new Date(input.afterHoursRequest.requestedAt).toISOString(),
            recordedById: actor.scope.membershipId,
            recordedAt: now.toISOString(),
          };
          events.push({
            type: 'after_hours_request',
            occurredAt: now,
            isPublic: false,
            data: { from: ticket.afterHoursRequest, to: changes.afterHoursRequest },
            ...staff(actor),
          });
        }
        await appendToLog(tx, ticket, events, changes, now);
        const changed = Object.keys(changes) as (keyof TicketRow)[];
        audit.change(
          Object.fromEntries(changed.map((field) => [field, ticket[field]])),
          Object.fromEntries(changed.map((field) => [field, changes[field]])),
        );
        return reloadTicket(tx, actor.scope, id);
      });
    },

    /** Re-evaluates tickets whose state changes by time alone (at risk, breached), in batches. */
    async recomputeDue(limit = 500): Promise<number> {
      const now = clock.now();
      const due = await repo.ticketsDueForRecompute(db, now, limit);
      for (const { tenantId, id } of due) {
        await db.transaction(async (tx) => {
          const scope: Scope = {
            tenantId,
            identityId: '',
            membershipId: '',
            role: 'owner',
            clientIds: 'all',
          };
          const row = await repo.findTicket(tx, scope, id, { forUpdate: true });
          if (row) await appendToLog(tx, row.ticket, [], {}, now);
        });
      }
      return due.length;
    },

    importTicket: (actor: Actor, input: TicketImport) => importTicket({ actions, clock }, actor, input),
  };

  function pastOrNow(occurredAt: string | undefined, now: Date): Date {
    if (!occurredAt) return now;
    const at = new Date(occurredAt);
    if (at > now) {
      throw new AppError('request.invalid', 'occurredAt cannot be in the future.', [
        { path: ['occurredAt'], message: 'In the future' },
      ]);
    }
    return at;
  }
}

export type TicketService = ReturnType<typeof createTicketService>;
