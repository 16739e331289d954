// Who hears of which event, by which channel, and what the message says: pure rules over plain data.
import type { NotificationChannel, NotificationEventType } from '../../../shared/api/notification-enums.ts';
import { defaultNotificationChannels } from '../../../shared/api/notifications.ts';

/** Roles that triage: told of new unassigned tickets and of SLA breaches on clients they can see. */
export const triageRoles = ['owner', 'admin', 'dispatcher'] as const;

export interface EventFacts {
  type: NotificationEventType;
  actorMembershipId: string | null;
  payload: Record<string, unknown>;
}

export interface Audience {
  /** Members told by id (the assignee), before scope, activity and actor are checked. */
  membershipIds: string[];
  /** Whether every triage member who can see the client is told too. */
  isTriageTold: boolean;
  /** Whether the ticket's contact gets an email (contacts are not users: never in-app). */
  isContactTold: boolean;
}

/** Who should hear of an event on a ticket, given who holds it now. The actor is removed later. */
export function audienceOf(event: EventFacts, assigneeId: string | null): Audience {
  const assignee = assigneeId ? [assigneeId] : [];
  const { payload } = event;
  switch (event.type) {
    case 'ticket.created':
      return { membershipIds: [], isTriageTold: payload.isUnassigned === true, isContactTold: true };
    case 'ticket.public_reply':
      return { membershipIds: assignee, isTriageTold: false, isContactTold: payload.author === 'staff' };
    case 'ticket.status_changed':
      return { membershipIds: assignee, isTriageTold: false, isContactTold: payload.to === 'resolved' };
    case 'ticket.assigned':
      // The member it was assigned to, even if it moved on again before the dispatcher ran.
      return {
        membershipIds: typeof payload.to === 'string' ? [payload.to] : [],
        isTriageTold: false,
        isContactTold: false,
      };
    case 'sla.at_risk':
      return { membershipIds: assignee, isTriageTold: false, isContactTold: false };
    case 'sla.breached':
      return { membershipIds: assignee, isTriageTold: true, isContactTold: false };
  }
}

export function effectiveChannel(
  type: NotificationEventType,
  chosen: NotificationChannel | undefined,
): NotificationChannel {
  return chosen ?? defaultNotificationChannels[type];
}

export const isInApp = (channel: NotificationChannel) => channel === 'both' || channel === 'in_app';
export const isEmail = (channel: NotificationChannel) => channel === 'both' || channel === 'email';

const statusWords: Record<string, string> = {
  new: 'New',
  open: 'Open',
  pending_client: 'Waiting on client',
  pending_vendor: 'Waiting on vendor',
  scheduled: 'Scheduled',
  resolved: 'Resolved',
  closed: 'Closed',
};
export const statusWord = (status: unknown) =>
  typeof status === 'string' ? (statusWords[status] ?? status) : '';

const clockWords: Record<string, string> = { first_response: 'first response', resolution: 'resolution' };

/** "2026-03-02 09:30 UTC": in-app text is stored, so it names its zone. */
export function formatDue(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** One line, at most `max` characters. */
export function oneLine(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export interface TicketFacts {
  number: number;
  title: string;
  clientName: string;
}

/** The in-app title and one-line body. */
export function describe(
  event: EventFacts,
  ticket: TicketFacts,
  actorName: string | null,
): { title: string; body: string } {
  const ref = `#${ticket.number}`;
  const who = actorName ?? 'Someone';
  const about = oneLine(`${ticket.title} — ${ticket.clientName}`);
  const { payload } = event;
  switch (event.type) {
    case 'ticket.created':
      return { title: `New ticket ${ref}`, body: about };
    case 'ticket.public_reply':
      return {
        title: `${who} replied on ${ref}`,
        body: oneLine(typeof payload.text === 'string' ? payload.text : ticket.title),
      };
    case 'ticket.status_changed':
      return {
        title: `${ref} is now ${statusWord(payload.to)}`,
        body: oneLine(
          `${who} changed ${ticket.title} from ${statusWord(payload.from)} to ${statusWord(payload.to)}`,
        ),
      };
    case 'ticket.assigned':
      return { title: `${ref} was assigned to you`, body: oneLine(`${about}, by ${who}`) };
    case 'sla.at_risk':
      return {
        title: `${ref} is at risk of missing its ${clockWords[String(payload.clock)] ?? 'SLA'} target`,
        body: oneLine(`${about}; due ${formatDue(payload.dueAt)}`),
      };
    case 'sla.breached':
      return {
        title: `${ref} breached its ${clockWords[String(payload.clock)] ?? 'SLA'} target`,
        body: oneLine(`${about}; was due ${formatDue(payload.dueAt)}`),
      };
  }
}
