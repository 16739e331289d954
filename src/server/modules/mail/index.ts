// Outbound mail: SMTP settings, templates, the queue other modules enqueue into, and its routes.
export type { TemplateKey } from '../../../shared/api/mail.ts';
export { findFromAddress, findTicketsByMessageIds } from './mail.repository.ts';
export { createMailRoutes } from './mail.routes.ts';
export { createMailService, type EnqueueMessage, type MailService } from './mail.service.ts';
export { MAX_ATTEMPTS, retryDelaysSeconds } from './mail-delivery.ts';
