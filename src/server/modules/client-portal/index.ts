// The client portal module's public face.

export { createClientPortalRoutes } from './portal.routes.ts';
export { type ClientPortalService, createClientPortalService } from './portal.service.ts';
export { createPortalTicketService, type PortalTicketService } from './portal-tickets.service.ts';
