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
export { addContactReply, type ContactSender, openContactTicket } from './ticket-contact.ts';
export { ticketsMeasuredUnder } from './ticket-history.ts';
export { recordTicketActivity, requireTicket } from './ticket-log.ts';
export type { TicketRow } from './tickets.repository.ts';
export {
  findTicketInTenant,
  listEvents as listTicketEvents,
  seedTenant as seedTicketDefaults,
  slaBasesOf,
} from './tickets.repository.ts';
export { createTicketRoutes } from './tickets.routes.ts';
export { createTicketService, type TicketService } from './tickets.service.ts';
