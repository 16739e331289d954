// The notifications module's public face: domain events in, notifications and mail out.
export { type DomainEventInput, hasTicketEvent, recordDomainEvent } from './domain-events.ts';
export {
  createNotificationDispatcher,
  type MailQueue,
  type NotificationDispatcher,
  startNotificationLoop,
} from './notification-dispatcher.ts';
export {
  describeClientEvent,
  type LoaExpiringPayload,
  loaExpiringPayloadSchema,
} from './notification-rules.ts';
export { createNotificationRoutes } from './notifications.routes.ts';
export { createNotificationService, type NotificationService } from './notifications.service.ts';
