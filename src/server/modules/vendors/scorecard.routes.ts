// HTTP route for a vendor's scorecard.
import { createRoute } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import { scorecardQuerySchema, scorecardSchema } from '../../../shared/api/vendor-scorecard.ts';
import { scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonContent, requirePermission } from '../../http/router.ts';
import type { ScorecardService } from './scorecard.service.ts';

export function createScorecardRoutes(scorecards: ScorecardService) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/vendors/{id}/scorecard',
      tags: ['Vendors'],
      summary: "A vendor's scorecard, month by month, at one client or at every client you can see",
      description:
        'Changes outside approved windows against authorized changes and change requests, the incidents they ' +
        "opened, the MSP's time on them and its cost (null for roles that may not see costs), and each " +
        "client's Letter of Agency and rules standing today. Months are UTC.",
      middleware: [requirePermission('vendors.read')],
      request: { params: idParamSchema, query: scorecardQuerySchema },
      responses: { 200: jsonContent(scorecardSchema, 'The scorecard'), ...errorResponses },
    }),
    async (c) =>
      c.json(await scorecards.scorecard(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
}
