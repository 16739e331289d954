// The tickets module's public face.
export { seedTenant as seedTicketDefaults } from './tickets.repository.ts';
export { createTicketRoutes } from './tickets.routes.ts';
export { createTicketService, type TicketService } from './tickets.service.ts';
