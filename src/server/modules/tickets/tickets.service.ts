// Tickets: creation, actions that append to the event log, the queue, imports and SLA upkeep.

import type { z } from 'zod';
import type { Priority } from '../../../shared/api/sla-policies.ts';
import type { TicketStatusValue } from '../../../shared/api/ticket-enums.ts';
import type {
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
import { findClientForTicket } from '../clients/index.ts';
import { importTicket } from './ticket-import.ts';
import {
  appendToLog,
  closedStatuses,
  type NewEvent,
  reloadTicket,
  resolveBoard,
  ticketNotFound,
  toTicket,
} from './ticket-log.ts';
import { listQueue } from './ticket-queue.ts';
import { bindMeasure } from './ticket-sla.ts';
import * as repo from './tickets.repository.ts';

const priorityRank = (p: Priority) => Number(p.slice(1));
const _iso = (date: Date | null) => date?.toISOString() ?? null;

export function createTicketService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  reopenWindowDays?: number;
}) {
  const { db, actions, clock } = deps;
  const reopenWindowMs = (deps.reopenWindowDays ?? 7) * 86_400_000;

  async function requireTicket(tx: Executor, scope: Scope, id: string) {
    const row = await repo.findTicket(tx, scope, id, { forUpdate: true });
    if (!row) throw ticketNotFound();
    return row.ticket;
  }

  /** Appends events, applies column changes, recomputes the SLA and records breaches at their instant. */
  async function checkAssignee(tx: Executor, tenantId: string, assigneeId: string | null | undefined) {
    if (assigneeId && !(await repo.isActiveMember(tx, tenantId, assigneeId))) {
      throw new AppError('request.invalid', 'The assignee is not an active staff member.', [
        { path: ['assigneeId'], message: 'No such staff member' },
      ]);
    }
  }

  const staff = (actor: Actor) => ({ actorId: actor.scope.membershipId, author: 'staff' as const });

  /** A status change as events and columns; pending_client needs the public message that asked the client. */
  function statusChange(
    actor: Actor,
    ticket: repo.TicketRow,
    input: { status: TicketStatusValue; message?: string },
    at: Date,
  ) {
    const { status, message } = input;
    if (status === 'pending_client' && !message) {
      throw new AppError(
        'request.invalid',
        'Say what you asked the client: waiting on the client needs a public message.',
        [{ path: ['message'], message: 'Required for pending_client' }],
      );
    }
    const changes: Partial<repo.TicketRow> = { status };
    if (status === 'resolved' && !ticket.resolvedAt) changes.resolvedAt = at;
    if (status === 'closed') changes.closedAt = at;
    if (!closedStatuses.includes(status)) Object.assign(changes, { resolvedAt: null, closedAt: null });
    const events: NewEvent[] = [];
    if (message)
      events.push({ type: 'public_reply', occurredAt: at, isPublic: true, body: message, ...staff(actor) });
    events.push({
      type: 'status',
      occurredAt: at,
      isPublic: false,
      data: { from: ticket.status, status },
      ...staff(actor),
    });
    return { changes, events };
  }

  return {
    async listBoards(scope: Scope) {
      return (await repo.listBoards(db, scope.tenantId)).map(({ id, name }) => ({ id, name }));
    },

    async create(actor: Actor, input: TicketInput): Promise<Ticket> {
      return actions.run(actor, 'ticket.create', async (tx) => {
        const { tenantId } = actor.scope;
        const now = clock.now();
        const client = await findClientForTicket(tx, actor.scope, input.clientId, input.contactId ?? null);
        await checkAssignee(tx, tenantId, input.assigneeId);
        const boardId = await resolveBoard(tx, tenantId, input.boardId);
        const measure = client.defaultSlaPolicyId
          ? await bindMeasure(tx, tenantId, client.defaultSlaPolicyId)
          : null;
        const ticket = await repo.insertTicket(tx, {
          tenantId,
          number: await repo.nextTicketNumber(tx, tenantId),
          clientId: input.clientId,
          contactId: input.contactId ?? null,
          title: input.title,
          description: input.description,
          type: input.type,
          subType: input.subType ?? null,
          boardId,
          source: input.source,
          priority: input.priority,
          status: 'new',
          assigneeId: input.assigneeId ?? null,
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
              ...staff(actor),
              data: { priority: input.priority, status: 'new' },
            },
          ],
          {},
          now,
        );
        return reloadTicket(tx, actor.scope, ticket.id);
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
      return actions.run(actor, `ticket.${visibility === 'public' ? 'reply' : 'note'}`, async (tx) => {
        const ticket = await requireTicket(tx, actor.scope, id);
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
        return reloadTicket(tx, actor.scope, id);
      });
    },

    async logCall(
      actor: Actor,
      id: string,
      input: { channel: 'call' | 'chat'; body?: string; occurredAt?: string },
    ) {
      return actions.run(actor, 'ticket.log_call', async (tx) => {
        const ticket = await requireTicket(tx, actor.scope, id);
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
      return actions.run(actor, 'ticket.assign', async (tx) => {
        const ticket = await requireTicket(tx, actor.scope, id);
        await checkAssignee(tx, actor.scope.tenantId, assigneeId);
        const now = clock.now();
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
        return reloadTicket(tx, actor.scope, id);
      });
    },

    /** Reopening within the window resumes the original clock; later, a new ticket linked to the old one. */
    async setStatus(actor: Actor, id: string, input: { status: TicketStatusValue; message?: string }) {
      return actions.run(actor, 'ticket.status', async (tx) => {
        const ticket = await requireTicket(tx, actor.scope, id);
        const now = clock.now();
        if (ticket.status === input.status) return reloadTicket(tx, actor.scope, id);
        const stoppedAt = ticket.resolvedAt ?? ticket.closedAt;
        const isReopen = closedStatuses.includes(ticket.status) && !closedStatuses.includes(input.status);
        if (isReopen && stoppedAt && now.getTime() - stoppedAt.getTime() > reopenWindowMs) {
          return reopenAsNewTicket(tx, actor, ticket, input, now);
        }
        const { changes, events } = statusChange(actor, ticket, input, now);
        await appendToLog(tx, ticket, events, changes, now);
        return reloadTicket(tx, actor.scope, id);
      });
    },

    async setPriority(actor: Actor, id: string, input: { priority: Priority; reason?: string }) {
      return actions.run(actor, 'ticket.priority', async (tx) => {
        const ticket = await requireTicket(tx, actor.scope, id);
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
      return actions.run(actor, 'ticket.update', async (tx) => {
        const ticket = await requireTicket(tx, actor.scope, id);
        const now = clock.now();
        if (input.contactId) await findClientForTicket(tx, actor.scope, ticket.clientId, input.contactId);
        if (input.boardId) await resolveBoard(tx, actor.scope.tenantId, input.boardId);
        const events: NewEvent[] = [];
        const fields = ['title', 'type', 'subType', 'boardId', 'contactId'] as const;
        for (const field of fields) {
          const value = input[field];
          if (value !== undefined && value !== ticket[field]) {
            const type = field === 'boardId' ? 'board' : field === 'subType' ? 'type' : field;
            events.push({
              type,
              occurredAt: now,
              isPublic: false,
              data: { field, from: ticket[field], to: value },
              ...staff(actor),
            });
          }
        }
        await appendToLog(tx, ticket, events, input, now);
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

  async function reopenAsNewTicket(
    tx: Executor,
    actor: Actor,
    old: repo.TicketRow,
    input: { status: TicketStatusValue; message?: string },
    now: Date,
  ): Promise<Ticket> {
    const { tenantId } = actor.scope;
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
          ...staff(actor),
        },
      ],
      {},
      now,
    );
    await appendToLog(
      tx,
      old,
      [
        {
          type: 'reopened_as',
          occurredAt: now,
          isPublic: false,
          data: { ticketId: ticket.id, number: ticket.number },
          ...staff(actor),
        },
      ],
      {},
      now,
    );
    if (input.status !== 'new') {
      const { changes, events } = statusChange(actor, ticket, input, now);
      await appendToLog(tx, ticket, events, changes, now);
    }
    return reloadTicket(tx, actor.scope, ticket.id);
  }

  /** Idempotent by externalId: a re-import replaces nothing and answers the ticket as it stands. */
}

export type TicketService = ReturnType<typeof createTicketService>;
