// What the notification API answers and accepts: the inbox, its unread count, and each member's choices.
import { z } from 'zod';
import {
  type NotificationChannel,
  type NotificationEventType,
  notificationChannels,
  notificationEventTypes,
} from './notification-enums.ts';

/** How a member hears of each kind of event until they choose otherwise. */
export const defaultNotificationChannels: Record<NotificationEventType, NotificationChannel> = {
  'ticket.created': 'in_app',
  'ticket.public_reply': 'in_app',
  'ticket.status_changed': 'in_app',
  'ticket.assigned': 'both',
  'ticket.vendor_reply': 'both',
  'sla.at_risk': 'in_app',
  'sla.breached': 'both',
  'loa.expiring': 'both',
  'change_request.client_decided': 'both',
  'change_request.vendor_requested': 'both',
  'remediation.reminder': 'both',
};

/** Plain words for each kind of event (the preferences page, the API document). */
export const notificationEventLabels: Record<NotificationEventType, string> = {
  'ticket.created': 'A new ticket arrives unassigned',
  'ticket.public_reply': 'A public reply on a ticket assigned to you',
  'ticket.status_changed': 'The status of a ticket assigned to you changes',
  'ticket.assigned': 'A ticket is assigned to you',
  'ticket.vendor_reply': 'A vendor replies on the incident its changes opened',
  'sla.at_risk': 'A ticket assigned to you is at risk of missing its SLA',
  'sla.breached': 'A ticket breaches its SLA',
  'loa.expiring': 'A Letter of Agency expires in 30 or 7 days, or has expired',
  'change_request.client_decided': 'A client approves or rejects a vendor’s change request',
  'change_request.vendor_requested': 'A vendor raises a change request (in the vendor portal or by mail)',
  'remediation.reminder': 'A remediation plan counts a notice, or its time box ends in 30 or 7 days',
};

export const notificationSchema = z.object({
  id: z.uuid(),
  type: z.enum(notificationEventTypes),
  ticketId: z.uuid().nullable(),
  /** Where in the web app it leads, as a path (`/tickets/…`, `/vendors/…`); null when nowhere. */
  link: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The nextCursor of the previous page. */
  cursor: z.string().max(200).optional(),
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const unreadCountSchema = z.object({ count: z.number().int() });

export const notificationPreferenceSchema = z.object({
  type: z.enum(notificationEventTypes),
  channel: z.enum(notificationChannels),
  defaultChannel: z.enum(notificationChannels),
});
export const notificationPreferencesSchema = z.object({ items: z.array(notificationPreferenceSchema) });
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

/** The whole set: every type once. */
export const notificationPreferencesInputSchema = z.object({
  items: z
    .array(z.object({ type: z.enum(notificationEventTypes), channel: z.enum(notificationChannels) }))
    .max(notificationEventTypes.length)
    .refine((items) => new Set(items.map((i) => i.type)).size === items.length, 'Name each type once'),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInputSchema>;
