// The tickets module's public face.
export { createHelpDeskRoutes } from './help-desk.routes.ts';
export { createHelpDeskService, type HelpDeskService } from './help-desk.service.ts';
export {
  type AlertTicket,
  noteOnOpenTicket,
  openAlertTicket,
  recordVendorReply,
  recurAlertTicket,
  resolveAlertTicket,
} from './ticket-alerts.ts';
export { ticketsMeasuredUnder } from './ticket-history.ts';
export { recordTicketActivity, requireTicket } from './ticket-log.ts';
export { addReplyFromMail, type MailSender, openTicketFromMail } from './ticket-mail.ts';
export type { TicketRow } from './tickets.repository.ts';
export { findTicketInTenant, seedTenant as seedTicketDefaults } from './tickets.repository.ts';
export { createTicketRoutes } from './tickets.routes.ts';
export { createTicketService, type TicketService } from './tickets.service.ts';
