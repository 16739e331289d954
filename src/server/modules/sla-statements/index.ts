// The SLA statements module's public face.

export { createServiceCreditService, type ServiceCreditService } from './service-credits.ts';
export { createSlaStatementRoutes } from './sla-statements.routes.ts';
export { createSlaStatementService, type SlaStatementService } from './sla-statements.service.ts';
