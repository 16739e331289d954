// The audit module's public face: the event writer the action runner uses, sealing, verification, routes.

export { insertAuditEvent } from './audit.repository.ts';
export { createAuditRoutes } from './audit.routes.ts';
export {
  type AuditService,
  createAuditService,
  startAuditSealer,
  verifyAllChains,
  verifyTenantChain,
} from './audit.service.ts';
export { type ChainCheck, snapshotWithoutSecrets } from './audit-chain.ts';
export { runAuditVerify } from './audit-verify-command.ts';
export { recordSecurityEvent, type SecurityEvent } from './security-log.ts';
