// The kinds of events people are told about, and how they can choose to hear of them.
export const notificationEventTypes = [
  'ticket.created',
  'ticket.public_reply',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.vendor_reply',
  'sla.at_risk',
  'sla.breached',
  'loa.expiring',
  'change_request.client_decided',
  'change_request.vendor_requested',
  'remediation.reminder',
] as const;
export type NotificationEventType = (typeof notificationEventTypes)[number];

export const notificationChannels = ['both', 'in_app', 'email', 'none'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
