// The clients module's public face.

export { activeClientAdmins } from './client-users.repository.ts';
export { createClientUserRoutes } from './client-users.routes.ts';
export { type ClientUserService, createClientUserService } from './client-users.service.ts';
export {
  existingClientIds,
  findClient,
  findClientForTicket,
  findClientInTenant,
  findSenderMatches,
  insertContact,
} from './clients.repository.ts';
export { createClientRoutes } from './clients.routes.ts';
export { type ClientReferences, type ClientService, createClientService } from './clients.service.ts';
