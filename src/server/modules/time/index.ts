// The time module's public face.
export { seedTenant as seedTimeDefaults } from './time.repository.ts';
export { createTimeRoutes } from './time.routes.ts';
export { createTimeService, type TimeService } from './time.service.ts';
export { classifyEntries, type EntryWithTicket } from './time-classification.ts';
