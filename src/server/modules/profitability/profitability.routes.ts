// HTTP routes for profitability and staff cost rates. Reading needs invoices.read (what clients pay and
// what the work costs: never technicians); changing cost rates needs billing.manage.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  clientProfitabilitySchema,
  costRateInputSchema,
  costRateSchema,
  profitabilityEntriesQuerySchema,
  profitabilityEntriesSchema,
  profitabilityLeagueSchema,
  profitabilityRangeQuerySchema,
} from '../../../shared/api/profitability.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { ProfitabilityService } from './profitability.service.ts';

const tags = ['Profitability'];
const read = [requirePermission('invoices.read')];
const manage = [requirePermission('billing.manage')];

export function createProfitabilityRoutes(profitability: ProfitabilityService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/profitability',
        tags,
        summary:
          'Clients over a range of invoice months (?from=YYYY-MM&to=YYYY-MM, at most 24; default the last 12), worst margin first, with totals per currency',
        middleware: read,
        request: { query: profitabilityRangeQuerySchema },
        responses: { 200: jsonContent(profitabilityLeagueSchema, 'The league table'), ...errorResponses },
      }),
      async (c) => c.json(await profitability.league(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/profitability/clients/{id}',
        tags,
        summary: "One client's profitability per invoice month and per agreement (?from=&to= as the league)",
        middleware: read,
        request: { params: idParamSchema, query: profitabilityRangeQuerySchema },
        responses: { 200: jsonContent(clientProfitabilitySchema, "The client's figures"), ...errorResponses },
      }),
      async (c) =>
        c.json(await profitability.client(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/profitability/clients/{id}/entries',
        tags,
        summary: "The time the client's invoice for a month took (?period=YYYY-MM), each entry with its cost",
        middleware: read,
        request: { params: idParamSchema, query: profitabilityEntriesQuerySchema },
        responses: { 200: jsonContent(profitabilityEntriesSchema, 'The entries'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await profitability.entries(scopeOf(c), c.req.valid('param').id, c.req.valid('query').period),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/cost-rates',
        tags,
        summary: "Every staff member's dated hourly cost rates, with their names",
        middleware: read,
        responses: {
          200: jsonContent(z.object({ items: z.array(costRateSchema) }), 'Cost rates'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await profitability.listCostRates(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/cost-rates',
        tags,
        summary: "Add a member's hourly cost from a date; it is in force until their next rate's date",
        middleware: manage,
        request: { body: jsonBody(costRateInputSchema) },
        responses: { 201: jsonContent(costRateSchema, 'The cost rate'), ...errorResponses },
      }),
      async (c) => c.json(await profitability.createCostRate(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/cost-rates/{id}',
        tags,
        summary: 'Delete a cost rate; the time it priced falls back to the rate before it, if any',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      }),
      async (c) => {
        await profitability.deleteCostRate(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
}
