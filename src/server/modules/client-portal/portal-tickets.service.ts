// Tickets in the client portal: a company admin sees and follows the whole company's, a user the ones they
// raised. Raising and replying go through the same contact actions as mail, so the SLA clocks answer them
// the same way. What leaves here is the public conversation and the targets as the client reads them:
// never internal notes, time, costs or who works the ticket.
import type {
  PortalTarget,
  PortalTicket,
  PortalTicketDetail,
  PortalTicketInput,
  PortalTicketListQuery,
} from '../../../shared/api/client-portal.ts';
import type { SlaBlock } from '../../../shared/api/tickets.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { findClientInTenant } from '../clients/index.ts';
import { addContactReply, listTicketEvents, openContactTicket, slaBasesOf } from '../tickets/index.ts';
import * as repo from './portal.repository.ts';

const ticketNotFound = () => new AppError('ticket.not_found', 'Ticket not found.');

/** The client's person behind the scope; the routes let no one else through. */
export function clientOf(scope: Scope) {
  if (!scope.clientContact) {
    throw new AppError('portal.client_only', 'The client portal is for clients’ people.');
  }
  return scope.clientContact;
}

/** The tickets the person may see: a company admin the company's, a user their own. */
export function ownerOf(scope: Scope, options: { mine?: boolean } = {}): repo.TicketOwner {
  const { clientId, contactId } = clientOf(scope);
  const ownOnly = scope.role === 'client_user' || options.mine === true;
  return { tenantId: scope.tenantId, clientId, ...(ownOnly && { contactId }) };
}

type SlaClock = NonNullable<SlaBlock>['firstResponse'];

/** A clock as the client reads it: due, then met or missed; no countdown, no "at risk". */
function targetOf(clock: SlaClock): PortalTarget {
  const outcome =
    clock.state === 'met'
      ? 'met'
      : clock.state === 'missed' || clock.state === 'breached'
        ? 'missed'
        : clock.state === 'paused'
          ? 'paused'
          : 'pending';
  const isDone = clock.state === 'met' || clock.state === 'missed';
  return { dueAt: clock.dueAt, outcome, doneAt: isDone ? clock.stoppedAt : null };
}

function toPortalTicket(row: repo.PortalTicketRow, basis: string | undefined, scope: Scope): PortalTicket {
  const sla = row.sla as SlaBlock;
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    priority: row.priority,
    contactName: row.contactName,
    isYours: row.contactId === scope.clientContact?.contactId,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    targets: sla
      ? { firstResponse: targetOf(sla.firstResponse), resolution: targetOf(sla.resolution) }
      : null,
    basis: basis === 'best_effort' ? 'best_effort' : 'guaranteed',
  };
}

export function createPortalTicketService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function detail(tx: Executor, scope: Scope, id: string): Promise<PortalTicketDetail> {
    const row = await repo.findTicket(tx, ownerOf(scope), id);
    if (!row) throw ticketNotFound();
    const [bases, events] = await Promise.all([
      slaBasesOf(tx, scope.tenantId, [id]),
      listTicketEvents(tx, scope.tenantId, id),
    ]);
    const replies = events.filter(({ event }) => event.type === 'public_reply' && event.isPublic);
    return {
      ...toPortalTicket(row, bases.get(id), scope),
      description: row.description,
      messages: replies.map(({ event, actorName }) => ({
        id: event.id,
        at: event.occurredAt.toISOString(),
        author: event.author === 'contact' ? 'contact' : 'staff',
        name: actorName,
        isYours: event.author === 'contact' && event.actorId === scope.clientContact?.contactId,
        body: event.body ?? '',
      })),
    };
  }

  return {
    async list(scope: Scope, query: PortalTicketListQuery) {
      const { items, total } = await repo.listTickets(db, ownerOf(scope, { mine: query.mine }), query);
      const bases = await slaBasesOf(
        db,
        scope.tenantId,
        items.map((row) => row.id),
      );
      return { items: items.map((row) => toPortalTicket(row, bases.get(row.id), scope)), total };
    },

    get: (scope: Scope, id: string) => detail(db, scope, id),

    /** Raised in the person's name, for their company, on the organization's first board. */
    async raise(actor: Actor, input: PortalTicketInput): Promise<PortalTicketDetail> {
      return actions.run(actor, 'portal.ticket_create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const { clientId, contactId } = clientOf(actor.scope);
        const client = await findClientInTenant(tx, tenantId, clientId);
        const ticket = await openContactTicket(
          tx,
          { tenantId, contactId },
          {
            clientId,
            source: 'portal',
            title: input.title,
            description: input.description ?? '',
            boardId: null,
            priority: input.priority ?? 'P3',
            slaPolicyId: client?.defaultSlaPolicyId ?? null,
            eventData: {},
          },
          clock.now(),
        );
        audit.target('ticket', ticket.id);
        const created = await detail(tx, actor.scope, ticket.id);
        audit.change(null, created);
        return created;
      });
    },

    /**
     * A public reply in the person's name: it resumes a clock paused on the client, and reopens a resolved
     * ticket (a new linked one after the reopen window). Answers the ticket that holds the reply.
     */
    async reply(actor: Actor, id: string, body: string): Promise<PortalTicketDetail> {
      return actions.run(actor, 'portal.ticket_reply', async (tx, audit) => {
        const { tenantId } = actor.scope;
        if (!(await repo.findTicket(tx, ownerOf(actor.scope), id))) throw ticketNotFound();
        audit.target('ticket', id);
        const now = clock.now();
        const holder = await addContactReply(
          tx,
          { tenantId, contactId: clientOf(actor.scope).contactId },
          id,
          { body, occurredAt: now, data: {} },
          now,
        );
        return detail(tx, actor.scope, holder.id);
      });
    },
  };
}

export type PortalTicketService = ReturnType<typeof createPortalTicketService>;
