// The clients module's public face.
export {
  existingClientIds,
  findClientForTicket,
  findClientInTenant,
  findSenderMatches,
  insertContact,
} from './clients.repository.ts';
export { createClientRoutes } from './clients.routes.ts';
export { type ClientReferences, type ClientService, createClientService } from './clients.service.ts';
