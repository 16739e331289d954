// The ticket's event log: appending recomputes its SLA columns and records breaches at their instant.
import { closedTicketStatuses, type TicketStatusValue } from '../../../shared/api/ticket-enums.ts';
import type { Ticket } from '../../../shared/api/tickets.ts';
import type { SlaState } from '../../../shared/sla/sla-clock.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Scope } from '../../http/scope.ts';
import { hasTicketEvent, recordDomainEvent } from '../notifications/index.ts';
import { evaluate, loadMeasure } from './ticket-sla.ts';
import * as repo from './tickets.repository.ts';

export type NewEvent = Omit<
  repo.TicketEventRow,
  'tenantId' | 'id' | 'ticketId' | 'recordedAt' | 'data' | 'body'
> & {
  body?: string | null;
  data?: Record<string, unknown>;
};

export const closedStatuses: readonly TicketStatusValue[] = closedTicketStatuses;
const iso = (date: Date | null) => date?.toISOString() ?? null;

export const ticketNotFound = () => new AppError('ticket.not_found', 'Ticket not found.');

export function toTicket(row: repo.ListedTicket): Ticket {
  const t = row.ticket;
  return {
    id: t.id,
    number: t.number,
    clientId: t.clientId,
    clientName: row.clientName,
    contactId: t.contactId,
    title: t.title,
    description: t.description,
    type: t.type,
    subType: t.subType,
    boardId: t.boardId,
    boardName: row.boardName,
    source: t.source,
    priority: t.priority,
    status: t.status,
    assigneeId: t.assigneeId,
    assigneeName: row.assigneeName,
    externalId: t.externalId,
    reopenedFromId: t.reopenedFromId,
    agreementId: t.agreementId,
    agreementName: row.agreementName,
    serviceId: t.serviceId,
    serviceName: row.serviceName,
    afterHoursRequest: t.afterHoursRequest,
    vendorId: t.vendorId,
    openedAt: t.openedAt.toISOString(),
    resolvedAt: iso(t.resolvedAt),
    nextDueAt: iso(t.nextDueAt),
    sla: (t.sla as Ticket['sla']) ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export async function appendToLog(
  tx: Executor,
  ticket: repo.TicketRow,
  events: NewEvent[],
  changes: Partial<repo.TicketRow>,
  now: Date,
) {
  await repo.insertEvents(
    tx,
    events.map((e) => ({
      ...e,
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      recordedAt: now,
      data: e.data ?? {},
    })),
  );
  const updated = { ...ticket, ...changes };
  const measure = await loadMeasure(tx, updated);
  const log = await repo.listEvents(tx, ticket.tenantId, ticket.id);
  const { columns, state } = evaluate(
    measure,
    log.map((l) => l.event),
    now.getTime(),
  );
  if (state) {
    const breaches = [
      ['first_response', state.firstResponse],
      ['resolution', state.resolution],
    ] as const;
    const recorded = new Set(
      log
        .filter((l) => l.event.type === 'sla_breached')
        .map((l) => `${l.event.data.clock}@${l.event.occurredAt.getTime()}`),
    );
    const newBreaches = breaches.filter(
      ([name, c]) => c.breachedAt !== null && !recorded.has(`${name}@${c.breachedAt}`),
    );
    await repo.insertEvents(
      tx,
      newBreaches.map(([name, c]) => ({
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        type: 'sla_breached',
        occurredAt: new Date(c.breachedAt!),
        recordedAt: now,
        author: 'system' as const,
        isPublic: false,
        actorId: null,
        data: { clock: name, priority: c.priority, dueAt: new Date(c.dueAt!).toISOString() },
      })),
    );
    await recordSlaTransitions(
      tx,
      ticket,
      state,
      newBreaches.map(([name]) => name),
      now,
    );
  }
  await repo.updateTicket(tx, ticket.tenantId, ticket.id, { ...changes, ...columns, updatedAt: now });
}

/**
 * Tells people when a running clock turns at risk or breaches: on the transition, and once per clock per
 * ticket, however often the clock is recomputed. A clock that stopped late (a late first reply) is not news.
 */
async function recordSlaTransitions(
  tx: Executor,
  ticket: repo.TicketRow,
  state: SlaState,
  newlyBreached: readonly string[],
  now: Date,
) {
  const clocks = [
    ['first_response', state.firstResponse, ticket.firstResponseState],
    ['resolution', state.resolution, ticket.resolutionState],
  ] as const;
  for (const [name, clock, before] of clocks) {
    if (clock.stoppedAt !== null) continue;
    const type = newlyBreached.includes(name)
      ? 'sla.breached'
      : clock.state === 'at_risk' && before !== 'at_risk'
        ? 'sla.at_risk'
        : null;
    if (!type || (await hasTicketEvent(tx, ticket.tenantId, ticket.id, type, name))) continue;
    await recordDomainEvent(tx, {
      tenantId: ticket.tenantId,
      type,
      ticketId: ticket.id,
      actorMembershipId: null,
      payload: {
        clock: name,
        priority: clock.priority,
        dueAt: clock.dueAt === null ? null : new Date(clock.dueAt).toISOString(),
      },
      occurredAt: now,
    });
  }
}

/** The ticket in the caller's scope (locked until the transaction ends with forUpdate), or ticket.not_found. */
export async function requireTicket(
  db: Executor,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<repo.TicketRow> {
  const row = await repo.findTicket(db, scope, id, options);
  if (!row) throw ticketNotFound();
  return row.ticket;
}

/**
 * Puts another module's activity (time logged, edited, deleted) on the ticket's timeline as an internal
 * staff event. The SLA engine ignores these types (see toSlaEvents): they never count as a response.
 * `occurredAt` is when it happened in the world (the end of the work logged), `now` when it was recorded.
 */
export async function recordTicketActivity(
  tx: Executor,
  actorId: string,
  ticket: repo.TicketRow,
  type: string,
  data: Record<string, unknown>,
  now: Date,
  occurredAt: Date = now,
): Promise<void> {
  await appendToLog(
    tx,
    ticket,
    [{ type, occurredAt, isPublic: false, actorId, author: 'staff', data }],
    {},
    now,
  );
}

export async function reloadTicket(tx: Executor, scope: Scope, id: string): Promise<Ticket> {
  const row = await repo.findTicket(tx, scope, id);
  if (!row) throw ticketNotFound();
  return toTicket(row);
}

export async function resolveBoard(tx: Executor, tenantId: string, boardId: string | undefined) {
  if (boardId) {
    if (!(await repo.findBoard(tx, tenantId, boardId))) {
      throw new AppError('request.invalid', 'No such board.', [
        { path: ['boardId'], message: 'No such board' },
      ]);
    }
    return boardId;
  }
  const [first] = await repo.listBoards(tx, tenantId);
  if (first) return first.id;
  await repo.seedTenant(tx, tenantId);
  return (await repo.listBoards(tx, tenantId))[0]!.id;
}
