// The SLA policies module's public face.
export {
  findPolicy as findCurrentSlaPolicy,
  findVersionById as findSlaPolicyVersion,
} from './sla-policies.repository.ts';
export { createSlaPolicyRoutes } from './sla-policies.routes.ts';
export { createSlaPolicyService, type SlaPolicyService } from './sla-policies.service.ts';
