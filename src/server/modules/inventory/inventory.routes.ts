// Staff routes for what agents reported: an asset's latest inventory and its detected changes.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema, pageSchema } from '../../../shared/api/common.ts';
import {
  assetChangeKinds,
  assetChangeQuerySchema,
  assetChangeSchema,
  assetInventorySchema,
  assetTicketSchema,
  changeJudgementSchema,
  changeListQuerySchema,
  TICKET_CHANGE_HOURS,
  ticketAssetSchema,
  ticketAssetsInputSchema,
} from '../../../shared/api/inventory.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { InventoryService } from './inventory.service.ts';
import type { TicketAssetService } from './ticket-assets.service.ts';

const tags = ['Assets'];
const read = [requirePermission('assets.read')];
const readTickets = [requirePermission('tickets.read')];
const workTickets = [requirePermission('tickets.work')];
const ticketAssetList = z.object({ items: z.array(ticketAssetSchema) });

/** The query's kind groups and time as the repository's filter. */
function changeFilter(query: z.output<typeof assetChangeQuerySchema>) {
  const { group, since, outcome, limit, offset } = query;
  const kinds = group && assetChangeKinds.filter((kind) => group.some((g) => kind.startsWith(`${g}.`)));
  return { kinds, outcomes: outcome, since: since ? new Date(since) : undefined, limit, offset };
}

export function createInventoryRoutes(inventory: InventoryService, ticketAssets: TicketAssetService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/assets/{id}/inventory',
        tags,
        summary: "The asset's latest inventory, as its agent last reported it",
        description: 'inventory.not_found (404) until an agent has reported.',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(assetInventorySchema, 'The latest report'), ...errorResponses },
      }),
      async (c) => c.json(await inventory.getInventory(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/assets/{id}/changes',
        tags,
        summary: 'Changes detected between the asset’s reports, newest first',
        description:
          'group filters by what changed (os, software, service, account, disk, raid, backup, protection). ' +
          'Each change carries the actor where the machine logged one, else the logon sessions open then.',
        middleware: read,
        request: { params: idParamSchema, query: assetChangeQuerySchema },
        responses: {
          200: jsonContent(pageSchema(assetChangeSchema), 'A page of changes'),
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(
          await inventory.listChanges(scopeOf(c), {
            ...changeFilter(c.req.valid('query')),
            assetId: c.req.valid('param').id,
          }),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/asset-changes',
        tags,
        summary: 'Changes on every asset you can see, newest first; outcome=unattributed is the triage list',
        description:
          'Filters: clientId, vendorId, outcome (authorized, routine, unattributed, vendor; comma-separated), ' +
          'group (what changed), since.',
        middleware: read,
        request: { query: changeListQuerySchema },
        responses: {
          200: jsonContent(pageSchema(assetChangeSchema), 'A page of changes'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json(
          await inventory.listChanges(scopeOf(c), {
            ...changeFilter(query),
            clientId: query.clientId,
            vendorId: query.vendorId,
          }),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/asset-changes/{id}/judge',
        tags,
        summary: "Re-judge a change's outcome, with a reason",
        description:
          'The reason replaces the one Accord gave and is kept with who judged and when. A vendor ' +
          'outcome names the vendor.',
        middleware: [requirePermission('changes.approve')],
        request: { params: idParamSchema, body: jsonBody(changeJudgementSchema) },
        responses: { 200: jsonContent(assetChangeSchema, 'The change as judged'), ...errorResponses },
      }),
      async (c) =>
        c.json(await inventory.judge(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tickets/{id}/assets',
        tags: ['Tickets'],
        summary: `The assets a ticket is about, each with its changes in the last ${TICKET_CHANGE_HOURS} hours`,
        middleware: readTickets,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(ticketAssetList, "The ticket's assets"), ...errorResponses },
      }),
      async (c) => c.json({ items: await ticketAssets.list(scopeOf(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/tickets/{id}/assets',
        tags: ['Tickets'],
        summary: "Set the assets a ticket is about (each must be the ticket's client's)",
        middleware: workTickets,
        request: { params: idParamSchema, body: jsonBody(ticketAssetsInputSchema) },
        responses: { 200: jsonContent(ticketAssetList, "The ticket's assets now"), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await ticketAssets.replace(actorOf(c), id, c.req.valid('json'));
        return c.json({ items: await ticketAssets.list(scopeOf(c), id) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/assets/{id}/tickets',
        tags,
        summary: 'Tickets about the asset, newest first (its alerts among them)',
        middleware: [...read, ...readTickets],
        request: { params: idParamSchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(assetTicketSchema) }), 'Tickets naming the asset'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await ticketAssets.ticketsOf(scopeOf(c), c.req.valid('param').id) }, 200),
    );
}
