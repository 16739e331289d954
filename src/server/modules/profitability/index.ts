// The profitability module's public face: margins per client, agreement and month; staff cost rates.
export { createProfitabilityRoutes } from './profitability.routes.ts';
export { createProfitabilityService, type ProfitabilityService } from './profitability.service.ts';
