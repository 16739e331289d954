// Who hears of which event, by which channel, and what the message says: pure rules over plain data.
import { z } from 'zod';
import type { NotificationChannel, NotificationEventType } from '../../../shared/api/notification-enums.ts';
import { defaultNotificationChannels } from '../../../shared/api/notifications.ts';

/** Roles that triage: told of new unassigned tickets, SLA breaches and expiring LOAs on clients they can see. */
export const triageRoles = ['owner', 'admin', 'dispatcher'] as const;

/**
 * Events about a client named by the payload's clientId rather than about a ticket. Nobody holds them, so
 * only roles are told (triage members who can see the client), never a contact.
 */
export const clientEventTypes = [
  'loa.expiring',
  'change_request.client_decided',
  'change_request.vendor_requested',
  'remediation.reminder',
] as const satisfies readonly NotificationEventType[];
export type ClientEventType = (typeof clientEventTypes)[number];
export type TicketEventType = Exclude<NotificationEventType, ClientEventType>;
export const isClientEvent = (type: NotificationEventType): type is ClientEventType =>
  (clientEventTypes as readonly string[]).includes(type);

export interface EventFacts<T extends NotificationEventType = NotificationEventType> {
  type: T;
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

/** Who should hear of an event, given who holds its ticket now (null: nobody, or no ticket); not yet less the actor. */
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
    case 'ticket.vendor_reply':
      // The vendor answered for its changes: whoever holds the incident, and triage, who sent the link.
      return { membershipIds: assignee, isTriageTold: true, isContactTold: false };
    case 'sla.at_risk':
      return { membershipIds: assignee, isTriageTold: false, isContactTold: false };
    case 'sla.breached':
      return { membershipIds: assignee, isTriageTold: true, isContactTold: false };
    case 'loa.expiring':
      return { membershipIds: [], isTriageTold: true, isContactTold: false };
    case 'change_request.client_decided':
      // Triage, and whoever raised the request or approved it for the MSP.
      return {
        membershipIds: [payload.requestedById, payload.approvedById].filter(
          (id): id is string => typeof id === 'string',
        ),
        isTriageTold: true,
        isContactTold: false,
      };
    case 'change_request.vendor_requested':
      // A request waiting for the MSP's decision: triage, who approve.
      return { membershipIds: [], isTriageTold: true, isContactTold: false };
    case 'remediation.reminder':
      return { membershipIds: [], isTriageTold: true, isContactTold: false };
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

/** Where a notification leads in the web app, as a path; null when nowhere. */
export function linkOf(
  type: NotificationEventType,
  ticketId: string | null,
  payload: unknown,
): string | null {
  if (!isClientEvent(type)) return ticketId ? `/tickets/${ticketId}` : null;
  if (type === 'change_request.client_decided' || type === 'change_request.vendor_requested') {
    const id = (payload as Record<string, unknown> | null)?.changeRequestId;
    return typeof id === 'string' && id !== '' ? `/changes/${encodeURIComponent(id)}` : null;
  }
  if (type === 'remediation.reminder') {
    const id = (payload as Record<string, unknown> | null)?.planId;
    return typeof id === 'string' && id !== '' ? `/remediation/${encodeURIComponent(id)}` : null;
  }
  const vendorId = (payload as Record<string, unknown> | null)?.vendorId;
  return typeof vendorId === 'string' && vendorId !== '' ? `/vendors/${encodeURIComponent(vendorId)}` : null;
}

/** The in-app title and one-line body of an event about a ticket. */
export function describe(
  event: EventFacts<TicketEventType>,
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
    case 'ticket.vendor_reply':
      return {
        title: `${typeof payload.vendorName === 'string' ? payload.vendorName : 'The vendor'} replied on ${ref}`,
        body: oneLine(typeof payload.text === 'string' ? payload.text : ticket.title),
      };
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

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "30 November 2026" from "2026-11-30": a calendar date, so no zone is involved. */
export function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${monthNames[(month ?? 0) - 1] ?? ''} ${year}`;
}

/** What the LOA module writes in a loa.expiring event: a signed LOA 30 or 7 days before it ends, and after. */
export const loaExpiringPayloadSchema = z.object({
  clientId: z.uuid(),
  clientName: z.string(),
  vendorId: z.uuid(),
  vendorName: z.string(),
  engagementId: z.uuid(),
  product: z.string(),
  loaId: z.uuid(),
  /** The day it expires, YYYY-MM-DD. */
  expiresOn: z.iso.date(),
  /** Days from the day the event was recorded to expiresOn: 30, 7, or 0 and less once it has expired. */
  daysLeft: z.number().int(),
});
export type LoaExpiringPayload = z.infer<typeof loaExpiringPayloadSchema>;

const inDays = (days: number) => `in ${days} ${days === 1 ? 'day' : 'days'}`;

/** "expires in 7 days (on 30 November 2026)" or "expired on 30 November 2026". */
export function loaExpiryWords(loa: Pick<LoaExpiringPayload, 'expiresOn' | 'daysLeft'>): string {
  const day = formatDay(loa.expiresOn);
  return loa.daysLeft <= 0 ? `expired on ${day}` : `expires ${inDays(loa.daysLeft)} (on ${day})`;
}

/** What an event about a client says (where it leads is linkOf's). */
export interface ClientEventText {
  clientId: string;
  title: string;
  body: string;
  /** The mail template's placeholders, given the recipient's name and the link as a URL. */
  mailData(recipientName: string, url: string): Record<string, string>;
}

/** What the change-requests module writes when a client decides a vendor's request. */
export const clientDecidedPayloadSchema = z.object({
  clientId: z.uuid(),
  clientName: z.string(),
  changeRequestId: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  decision: z.enum(['approve', 'reject']),
  /** Who decided for the client. */
  name: z.string(),
  /** The request's status after the decision: approved, or still requested (the MSP has yet to), or rejected. */
  status: z.string(),
  reason: z.string().nullable(),
  requestedById: z.uuid().nullable(),
  approvedById: z.uuid().nullable(),
});
export type ClientDecidedPayload = z.infer<typeof clientDecidedPayloadSchema>;

/** "approved it — the change is approved" and the like, for the title's verb and the outcome's words. */
function clientDecisionWords(event: ClientDecidedPayload) {
  if (event.decision === 'reject') {
    return { verb: 'rejected', outcome: `rejected${event.reason ? ` (${event.reason})` : ''}` };
  }
  return {
    verb: 'approved',
    outcome:
      event.status === 'approved' ? 'approved, and the change is approved' : 'approved; the MSP has yet to',
  };
}

/** What the change-requests module writes when a vendor's person raises a request in the portal. */
export const vendorRequestedPayloadSchema = z.object({
  clientId: z.uuid(),
  clientName: z.string(),
  changeRequestId: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  vendorName: z.string(),
  /** The vendor's person who raised it. */
  name: z.string(),
  emergency: z.boolean(),
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
});
export type VendorRequestedPayload = z.infer<typeof vendorRequestedPayloadSchema>;

/** What the remediation sweep writes: a notice it counted, or the time box's end coming. */
export const remediationReminderPayloadSchema = z.object({
  clientId: z.uuid(),
  clientName: z.string(),
  planId: z.uuid(),
  title: z.string(),
  kind: z.enum(['notice', 'ends_soon']),
  /** The notice's words (kind notice). */
  notice: z.string().optional(),
  notices: z.number().int(),
  noticeLimit: z.number().int(),
  endsOn: z.iso.date(),
  daysLeft: z.number().int(),
});

function describeRemediation(payload: unknown): ClientEventText {
  const plan = remediationReminderPayloadSchema.parse(payload);
  const count = `${plan.notices} of ${plan.noticeLimit} notices`;
  const update =
    plan.kind === 'notice'
      ? `A notice was counted: ${plan.notice}. The plan now has ${count}.`
      : `The plan's time box ends ${inDays(plan.daysLeft)}, on ${formatDay(plan.endsOn)} (${count}).`;
  return {
    clientId: plan.clientId,
    title: oneLine(
      plan.kind === 'notice'
        ? `Notice counted on the remediation plan at ${plan.clientName}`
        : `Remediation plan at ${plan.clientName} ends ${inDays(plan.daysLeft)}`,
    ),
    body: oneLine(`${plan.title} — ${update}`),
    mailData: (recipientName, url) => ({
      'recipient.name': recipientName,
      'client.name': plan.clientName,
      'plan.title': plan.title,
      'plan.update': update,
      'plan.url': url,
    }),
  };
}

/** Reads the event's payload; one that does not fit throws, so the event is set aside with the reason. */
export function describeClientEvent(event: EventFacts<ClientEventType>): ClientEventText {
  if (event.type === 'remediation.reminder') return describeRemediation(event.payload);
  if (event.type === 'change_request.vendor_requested') {
    const raised = vendorRequestedPayloadSchema.parse(event.payload);
    const window = `${formatDue(raised.windowStart)} – ${formatDue(raised.windowEnd)}`;
    const what = raised.emergency ? 'declared emergency' : 'asks for';
    return {
      clientId: raised.clientId,
      title: oneLine(`${raised.vendorName} ${what} CR-${raised.number} at ${raised.clientName}`),
      body: oneLine(`${raised.title} — ${window}, raised by ${raised.name}`),
      mailData: (recipientName, url) => ({
        'recipient.name': recipientName,
        'client.name': raised.clientName,
        'vendor.name': raised.vendorName,
        'requester.name': raised.name,
        'change.number': String(raised.number),
        'change.title': raised.title,
        'change.window': window,
        'change.url': url,
      }),
    };
  }
  if (event.type === 'change_request.client_decided') {
    const decided = clientDecidedPayloadSchema.parse(event.payload);
    const words = clientDecisionWords(decided);
    return {
      clientId: decided.clientId,
      title: oneLine(`${decided.clientName} ${words.verb} CR-${decided.number}`),
      body: oneLine(`${decided.title} — ${decided.name}: ${words.outcome}`),
      mailData: (recipientName, url) => ({
        'recipient.name': recipientName,
        'client.name': decided.clientName,
        'decider.name': decided.name,
        'change.number': String(decided.number),
        'change.title': decided.title,
        'change.url': url,
        'change.decision': words.verb,
        'change.outcome': words.outcome,
      }),
    };
  }
  const loa = loaExpiringPayloadSchema.parse(event.payload);
  const isExpired = loa.daysLeft <= 0;
  const words = loaExpiryWords(loa);
  return {
    clientId: loa.clientId,
    title: oneLine(
      `Letter of Agency for ${loa.vendorName} ${isExpired ? 'expired' : `expires ${inDays(loa.daysLeft)}`}`,
    ),
    body: oneLine(
      `${loa.product} at ${loa.clientName} — ${isExpired ? 'expired' : 'expires'} on ${formatDay(loa.expiresOn)}`,
    ),
    mailData: (recipientName, url) => ({
      'recipient.name': recipientName,
      'client.name': loa.clientName,
      'vendor.name': loa.vendorName,
      'vendor.product': loa.product,
      'vendor.url': url,
      'loa.expires_on': formatDay(loa.expiresOn),
      'loa.status': words,
    }),
  };
}
