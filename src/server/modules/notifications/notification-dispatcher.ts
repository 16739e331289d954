// Turns unprocessed domain events into in-app notifications and queued mail, oldest first, one event per
// transaction: the notifications, the mail and processedAt commit together, so a retry repeats nothing.
import { notificationEventTypes } from '../../../shared/api/notification-enums.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { type PollLoop, startPollLoop } from '../../jobs/poll-loop.ts';
import type { MailService } from '../mail/index.ts';
import {
  type Audience,
  audienceOf,
  type ClientEventType,
  describe,
  describeClientEvent,
  type EventFacts,
  effectiveChannel,
  formatDue,
  isClientEvent,
  isEmail,
  isInApp,
  linkOf,
  statusWord,
  type TicketEventType,
  triageRoles,
} from './notification-rules.ts';
import * as repo from './notifications.repository.ts';

/** The part of the mail module's service this module uses. */
export type MailQueue = Pick<MailService, 'enqueue'>;

export interface DispatcherDeps {
  db: Database;
  clock: Clock;
  /** Without it (no mail module wired) only in-app notifications are made. */
  mail?: MailQueue | null;
  /** PUBLIC_URL: the origin links in mail point at; relative links when omitted. */
  publicUrl?: string;
  /** Where a mail that could not be queued is reported; the in-app notifications still go. */
  log?: (message: string, error: unknown) => void;
}

/** What telling people of one event needs, whatever it is about: read from a ticket or from a client event. */
interface Telling {
  /** The client whose visible members may be told. */
  clientId: string;
  ticketId: string | null;
  audience: Audience;
  text: { title: string; body: string };
  /** The mail template's placeholders, given the recipient's name and the link as a URL ('' for none). */
  mailData(recipientName: string, url: string): Record<string, string>;
  contact: { name: string; email: string } | null;
}

export function createNotificationDispatcher(deps: DispatcherDeps) {
  const { db, clock } = deps;
  const origin = (deps.publicUrl ?? '').replace(/\/+$/, '');

  /** An event on a ticket: its client, assignee and contact; nothing when the ticket is gone. */
  async function aboutTicket(
    tx: Transaction,
    event: repo.DomainEventRow,
    facts: EventFacts<TicketEventType>,
  ): Promise<Telling | null> {
    if (!event.ticketId) return null;
    const context = await repo.findTicketContext(tx, event.tenantId, event.ticketId);
    if (!context) return null;
    const { ticket } = context;
    const actorName = event.actorMembershipId
      ? ((await repo.findMemberName(tx, event.tenantId, event.actorMembershipId)) ?? null)
      : null;
    return {
      clientId: ticket.clientId,
      ticketId: ticket.id,
      audience: audienceOf(facts, ticket.assigneeId),
      text: describe(
        facts,
        { number: ticket.number, title: ticket.title, clientName: context.clientName },
        actorName,
      ),
      mailData: (recipientName, url) => ({
        'organization.name': context.organizationName,
        'recipient.name': recipientName,
        'ticket.number': String(ticket.number),
        'ticket.title': ticket.title,
        'ticket.url': url,
        'ticket.status': statusWord(ticket.status),
        'ticket.priority': ticket.priority,
        'client.name': context.clientName,
        'actor.name': actorName ?? '',
        'reply.text': typeof facts.payload.text === 'string' ? facts.payload.text : '',
        'vendor.name': typeof facts.payload.vendorName === 'string' ? facts.payload.vendorName : '',
        'status.from': statusWord(facts.payload.from),
        'status.to': statusWord(facts.payload.to),
        'due.at': formatDue(facts.payload.dueAt),
      }),
      // No client portal yet: the contact's mail carries the ticket reference, not a link.
      contact: context.contactEmail ? { name: context.contactName ?? '', email: context.contactEmail } : null,
    };
  }

  /** An event about a client named in its payload (an expiring LOA); nothing when the client is not the tenant's. */
  async function aboutClient(
    tx: Transaction,
    event: repo.DomainEventRow,
    facts: EventFacts<ClientEventType>,
  ): Promise<Telling | null> {
    const { clientId, title, body, mailData } = describeClientEvent(facts);
    if (!(await repo.hasClient(tx, event.tenantId, clientId))) return null;
    return {
      clientId,
      ticketId: null,
      audience: audienceOf(facts, null),
      text: { title, body },
      mailData,
      contact: null,
    };
  }

  async function deliver(tx: Transaction, event: repo.DomainEventRow) {
    const { type, actorMembershipId } = event;
    if (!notificationEventTypes.includes(type)) throw new TypeError(`Unknown event type ${type}`);
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const telling = isClientEvent(type)
      ? await aboutClient(tx, event, { type, actorMembershipId, payload })
      : await aboutTicket(tx, event, { type, actorMembershipId, payload });
    if (!telling) return;
    const { audience } = telling;
    const members = (
      await repo.listReachableMembers(tx, event.tenantId, telling.clientId, {
        membershipIds: audience.membershipIds,
        roles: audience.isTriageTold ? triageRoles : [],
      })
    ).filter((member) => member.membershipId !== actorMembershipId);
    const now = clock.now();
    const chosen = new Map(
      (
        await repo.listPreferences(
          tx,
          event.tenantId,
          members.map((m) => m.membershipId),
        )
      )
        .filter((p) => p.type === type)
        .map((p) => [p.membershipId, p.channel]),
    );
    const channels = members.map((member) => ({
      member,
      channel: effectiveChannel(type, chosen.get(member.membershipId)),
    }));
    await repo.insertNotifications(
      tx,
      channels
        .filter(({ channel }) => isInApp(channel))
        .map(({ member }) => ({
          tenantId: event.tenantId,
          membershipId: member.membershipId,
          eventId: event.id,
          type,
          ticketId: telling.ticketId,
          title: telling.text.title,
          body: telling.text.body,
          createdAt: now,
        })),
    );
    const { mail } = deps;
    if (!mail) return;
    const link = linkOf(type, telling.ticketId, payload);
    const staffUrl = link ? `${origin}${link}` : '';
    const messages = channels
      .filter(({ channel }) => isEmail(channel))
      .map(({ member }) => ({ to: member.email, data: telling.mailData(member.name, staffUrl) }));
    if (audience.isContactTold && telling.contact) {
      messages.push({ to: telling.contact.email, data: telling.mailData(telling.contact.name, '') });
    }
    for (const message of messages) {
      try {
        // A savepoint: a message the mail module refuses does not undo the rest of the event.
        await tx.transaction((sp) =>
          mail.enqueue(sp, {
            tenantId: event.tenantId,
            to: message.to,
            templateKey: type,
            data: message.data,
            ticketId: telling.ticketId,
            eventId: event.id,
          }),
        );
      } catch (error) {
        deps.log?.(`mail for event ${event.id} to ${message.to} was not queued`, error);
      }
    }
  }

  /**
   * Processes the oldest due event; answers false when none is left. An event whose delivery fails is
   * set aside (1 min, doubling up to an hour, retried for ever, its error kept), so it cannot hold up
   * the events behind it and is never dropped.
   */
  async function dispatchOne(): Promise<boolean> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const event = await repo.claimNextEvent(tx, now);
      if (!event) return false;
      try {
        await tx.transaction((savepoint) => deliver(savepoint, event));
        await repo.markProcessed(tx, event, now);
      } catch (error) {
        const waitMinutes = Math.min(60, 2 ** event.attempts);
        await repo.setEventAside(tx, event, {
          lastError: String(error).slice(0, 2000),
          retryAt: new Date(now.getTime() + waitMinutes * 60_000),
        });
        deps.log?.(`event ${event.id} could not be dispatched; retrying in ${waitMinutes} min`, error);
      }
      return true;
    });
  }

  return {
    /** Dispatches up to `limit` events; answers how many. */
    async dispatchPending(limit = 200): Promise<number> {
      let count = 0;
      while (count < limit && (await dispatchOne())) count++;
      return count;
    },
  };
}

export type NotificationDispatcher = ReturnType<typeof createNotificationDispatcher>;

/** Runs the dispatcher `intervalMs` after each pass ends, in this process, so people hear within seconds. */
export function startNotificationLoop(
  dispatcher: NotificationDispatcher,
  options: { intervalMs?: number; log?: (error: unknown) => void } = {},
): PollLoop {
  return startPollLoop(() => dispatcher.dispatchPending(), {
    intervalMs: options.intervalMs,
    log: options.log ?? ((error) => console.error('[notifications] dispatch failed; retrying', error)),
  });
}
