// Turns unprocessed domain events into in-app notifications and queued mail, oldest first, one event per
// transaction: the notifications, the mail and processedAt commit together, so a retry repeats nothing.
import type { Clock } from '../../clock.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { type PollLoop, startPollLoop } from '../../jobs/poll-loop.ts';
import type { MailService } from '../mail/index.ts';
import {
  audienceOf,
  describe,
  type EventFacts,
  effectiveChannel,
  formatDue,
  isEmail,
  isInApp,
  statusWord,
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

export function createNotificationDispatcher(deps: DispatcherDeps) {
  const { db, clock } = deps;
  const origin = (deps.publicUrl ?? '').replace(/\/+$/, '');

  async function deliver(tx: Transaction, event: repo.DomainEventRow) {
    if (!event.ticketId) return;
    const context = await repo.findTicketContext(tx, event.tenantId, event.ticketId);
    if (!context) return;
    const { ticket } = context;
    const facts: EventFacts = {
      type: event.type,
      actorMembershipId: event.actorMembershipId,
      payload: (event.payload ?? {}) as Record<string, unknown>,
    };
    const audience = audienceOf(facts, ticket.assigneeId);
    const members = (
      await repo.listReachableMembers(tx, event.tenantId, ticket.clientId, {
        membershipIds: audience.membershipIds,
        roles: audience.isTriageTold ? triageRoles : [],
      })
    ).filter((member) => member.membershipId !== event.actorMembershipId);
    const actorName = event.actorMembershipId
      ? ((await repo.findMemberName(tx, event.tenantId, event.actorMembershipId)) ?? null)
      : null;
    const text = describe(
      facts,
      { number: ticket.number, title: ticket.title, clientName: context.clientName },
      actorName,
    );
    const now = clock.now();
    const chosen = new Map(
      (
        await repo.listPreferences(
          tx,
          event.tenantId,
          members.map((m) => m.membershipId),
        )
      )
        .filter((p) => p.type === event.type)
        .map((p) => [p.membershipId, p.channel]),
    );
    const channels = members.map((member) => ({
      member,
      channel: effectiveChannel(event.type, chosen.get(member.membershipId)),
    }));
    await repo.insertNotifications(
      tx,
      channels
        .filter(({ channel }) => isInApp(channel))
        .map(({ member }) => ({
          tenantId: event.tenantId,
          membershipId: member.membershipId,
          eventId: event.id,
          type: event.type,
          ticketId: ticket.id,
          title: text.title,
          body: text.body,
          createdAt: now,
        })),
    );
    const { mail } = deps;
    if (!mail) return;
    const data = (recipientName: string, url: string): Record<string, string> => ({
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
      'status.from': statusWord(facts.payload.from),
      'status.to': statusWord(facts.payload.to),
      'due.at': formatDue(facts.payload.dueAt),
    });
    const staffUrl = `${origin}/tickets/${ticket.id}`;
    const messages = channels
      .filter(({ channel }) => isEmail(channel))
      .map(({ member }) => ({ to: member.email, data: data(member.name, staffUrl) }));
    if (audience.isContactTold && context.contactEmail) {
      // No client portal yet: the contact's mail carries the ticket reference, not a link.
      messages.push({ to: context.contactEmail, data: data(context.contactName ?? '', '') });
    }
    for (const message of messages) {
      try {
        // A savepoint: a message the mail module refuses does not undo the rest of the event.
        await tx.transaction((sp) =>
          mail.enqueue(sp, {
            tenantId: event.tenantId,
            to: message.to,
            templateKey: event.type,
            data: message.data,
            ticketId: ticket.id,
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
