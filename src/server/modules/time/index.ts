// The time module's public face.
export { seedTenant as seedTimeDefaults } from './time.repository.ts';
export { createTimeRoutes } from './time.routes.ts';
export { createTimeService, type TimeService } from './time.service.ts';
export {
  type ClassifyContext,
  classifyLoaded,
  type EntryWithTicket,
  loadClassifyContext,
} from './time-classification.ts';
