// The agents module's public face: enrollment tokens, agents and their credentials, heartbeats.
export {
  AGENT_BODY_LIMITS,
  type AgentRouteOptions,
  createAgentApiRoutes,
  createAgentLimiters,
} from './agent-api.routes.ts';
export { createAgentFastPath } from './agent-fast-path.ts';
export { createAgentStaffRoutes } from './agents.routes.ts';
export {
  AGENT_CREDENTIAL_PREFIX,
  type AgentService,
  createAgentService,
  ENROLLMENT_TOKEN_PREFIX,
  startHeartbeatWriter,
  startRevocationListener,
  writeHeartbeats,
} from './agents.service.ts';
export { createHeartbeatBuffer } from './heartbeat-buffer.ts';
