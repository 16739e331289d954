// The one way a module says that something happened: an outbox row in the caller's transaction, so the
// event commits or rolls back with the change it describes, and the dispatcher tells people later.
import { and, eq, sql } from 'drizzle-orm';
import type { NotificationEventType } from '../../../shared/api/notification-enums.ts';
import type { Executor } from '../../db/client.ts';
import { domainEvents } from './notifications.table.ts';

export interface DomainEventInput {
  tenantId: string;
  type: NotificationEventType;
  /** The ticket it is about; none for an event about a client, whose payload names the client. */
  ticketId?: string | null;
  /** The member who caused it; null for the system (the SLA clock, an inbound mail). */
  actorMembershipId?: string | null;
  payload?: Record<string, string | number | boolean | null>;
  occurredAt: Date;
}

export async function recordDomainEvent(tx: Executor, event: DomainEventInput): Promise<void> {
  await tx.insert(domainEvents).values({
    tenantId: event.tenantId,
    type: event.type,
    ticketId: event.ticketId ?? null,
    actorMembershipId: event.actorMembershipId ?? null,
    payload: event.payload ?? {},
    occurredAt: event.occurredAt,
  });
}

/** Whether the ticket already has an event of this type whose payload names this clock (SLA: once per clock). */
export async function hasTicketEvent(
  tx: Executor,
  tenantId: string,
  ticketId: string,
  type: NotificationEventType,
  clock: string,
): Promise<boolean> {
  const [row] = await tx
    .select({ id: domainEvents.id })
    .from(domainEvents)
    .where(
      and(
        eq(domainEvents.tenantId, tenantId),
        eq(domainEvents.ticketId, ticketId),
        eq(domainEvents.type, type),
        sql`${domainEvents.payload}->>'clock' = ${clock}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
