// The audit module's public face: the action runner's event hook, sealing, verification, routes.

export { createAuditRoutes } from './audit.routes.ts';
export { type AuditService, createAuditService, startAuditSealer } from './audit.service.ts';
export { runAuditVerify } from './audit-verify-command.ts';
export { createAuditHook } from './audit-writer.ts';
export { recordSecurityEvent, type SecurityEvent } from './security-log.ts';
