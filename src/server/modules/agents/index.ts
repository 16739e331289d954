// The agents module's public face: enrollment tokens, agents and their credentials, heartbeats.
export { type AgentRouteOptions, createAgentApiRoutes } from './agent-api.routes.ts';
export { createAgentStaffRoutes } from './agents.routes.ts';
export {
  AGENT_CREDENTIAL_PREFIX,
  type AgentService,
  createAgentService,
  ENROLLMENT_TOKEN_PREFIX,
  startHeartbeatWriter,
} from './agents.service.ts';
