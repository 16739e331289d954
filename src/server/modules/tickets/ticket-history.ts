// Tickets as they were known at an instant, for SLA statements: only the events recorded by then, the
// agreement and measure (policy and calendar versions) the ticket was bound to then, and the SLA basis the
// assets it named gave it then. So a closed statement can be recomputed exactly, however the ticket moved on.
import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { SlaBasis } from '../../../shared/api/sla-statements.ts';
import { groupBy } from '../../../shared/group-by.ts';
import { computeSlaState } from '../../../shared/sla/sla-clock.ts';
import type { MeasuredTicket } from '../../../shared/sla/sla-statement.ts';
import type { Executor } from '../../db/client.ts';
import { loadMeasure, type Measure, toSlaEvents } from './ticket-sla.ts';
import type { TicketEventRow, TicketRow } from './tickets.repository.ts';
import { ticketEvents, tickets } from './tickets.table.ts';

/** What the ticket was measured under, as a change of agreement records it (before and after). */
export type MeasureBinding = Pick<TicketRow, 'slaPolicyVersionId' | 'calendarVersionIds'>;

export interface TicketWindow {
  agreementId: string;
  /** Tickets opened before this instant… */
  openedBefore: Date;
  /** …and not resolved before this one (a clock falls due within a bounded time of its stop). */
  activeSince: Date;
  asOf: Date;
}

type AgreementChange = { from?: string | null; measure?: { from: MeasureBinding } };

/** The first change recorded after the instant tells what held before it; without one, the row holds. */
function boundAt(ticket: TicketRow, changes: readonly TicketEventRow[], asOf: number) {
  const later = changes.filter((event) => event.recordedAt.getTime() > asOf);
  const first = later[0]?.data as AgreementChange | undefined;
  const binding = later.map((event) => (event.data as AgreementChange).measure?.from).find(Boolean);
  return {
    agreementId: first ? (first.from ?? null) : ticket.agreementId,
    binding: binding ?? {
      slaPolicyVersionId: ticket.slaPolicyVersionId,
      calendarVersionIds: ticket.calendarVersionIds,
    },
  };
}

/** The basis the last naming of assets gave the ticket; a ticket naming none is guaranteed. */
function basisAt(events: readonly TicketEventRow[]): SlaBasis {
  const named = events.filter((event) => event.data.basis !== undefined).at(-1);
  return (named?.data.basis as SlaBasis | undefined) ?? 'guaranteed';
}

/** Every ticket measured under the agreement at `asOf` within the window, with its clocks as of then. */
export async function ticketsMeasuredUnder(
  db: Executor,
  tenantId: string,
  window: TicketWindow,
): Promise<MeasuredTicket[]> {
  const movedAway = db
    .select({ id: ticketEvents.ticketId })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.tenantId, tenantId),
        eq(ticketEvents.type, 'agreement'),
        sql`${ticketEvents.data}->>'from' = ${window.agreementId}`,
      ),
    );
  const rows = await db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenantId),
        or(eq(tickets.agreementId, window.agreementId), inArray(tickets.id, movedAway)),
        lt(tickets.openedAt, window.openedBefore),
        or(isNull(tickets.resolvedAt), gte(tickets.resolvedAt, window.activeSince)),
      ),
    );
  if (rows.length === 0) return [];
  const events = await db
    .select()
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.tenantId, tenantId),
        inArray(
          ticketEvents.ticketId,
          rows.map((row) => row.id),
        ),
      ),
    )
    .orderBy(asc(ticketEvents.recordedAt), asc(ticketEvents.occurredAt));
  const asOf = window.asOf.getTime();
  const logs = groupBy(events, (event) => event.ticketId);
  const measures = new Map<string, Measure | null>();
  const measured: MeasuredTicket[] = [];
  for (const ticket of rows) {
    const log = logs.get(ticket.id) ?? [];
    const known = log.filter((event) => event.recordedAt.getTime() <= asOf);
    if (!known.some((event) => event.type === 'created')) continue;
    const { agreementId, binding } = boundAt(
      ticket,
      log.filter((event) => event.type === 'agreement'),
      asOf,
    );
    if (agreementId !== window.agreementId || !binding.slaPolicyVersionId) continue;
    const key = JSON.stringify(binding);
    if (!measures.has(key)) measures.set(key, await loadMeasure(db, { ...ticket, ...binding }));
    const measure = measures.get(key);
    if (!measure) continue;
    const state = computeSlaState({
      events: toSlaEvents(known),
      targets: measure.targets,
      calendarFor: measure.calendarFor,
      now: asOf,
    });
    measured.push({
      id: ticket.id,
      number: ticket.number,
      title: ticket.title,
      basis: basisAt(known),
      state,
    });
  }
  return measured;
}
