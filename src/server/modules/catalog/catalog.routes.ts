// HTTP routes for tax codes and the service catalog.
import { createRoute, z } from '@hono/zod-openapi';
import {
  catalogItemInputSchema,
  catalogItemListQuerySchema,
  catalogItemSchema,
  catalogItemUpdateSchema,
  standardCatalogResultSchema,
  taxCodeInputSchema,
  taxCodeListQuerySchema,
  taxCodeSchema,
  taxCodeUpdateSchema,
} from '../../../shared/api/catalog.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { CatalogService } from './catalog.service.ts';

const tags = ['Catalog'];
const read = [requirePermission('billing.read')];
const manage = [requirePermission('billing.manage')];

export function createCatalogRoutes(catalog: CatalogService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/tax-codes',
        tags,
        summary: 'Tax codes by name; ?archived=true for archived ones only, any for all',
        middleware: read,
        request: { query: taxCodeListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(taxCodeSchema) }), 'Tax codes'),
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json({ items: await catalog.listTaxCodes(scopeOf(c), c.req.valid('query').archived) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tax-codes',
        tags,
        summary: 'Add a tax code; names are unique regardless of case',
        middleware: manage,
        request: { body: jsonBody(taxCodeInputSchema) },
        responses: { 201: jsonContent(taxCodeSchema, 'The new tax code'), ...errorResponses },
      }),
      async (c) => c.json(await catalog.createTaxCode(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tax-codes/{id}',
        tags,
        summary: 'One tax code, archived or not',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(taxCodeSchema, 'The tax code'), ...errorResponses },
      }),
      async (c) => c.json(await catalog.getTaxCode(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/tax-codes/{id}',
        tags,
        summary: 'Rename, re-rate, make the default, archive or unarchive a tax code',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(taxCodeUpdateSchema) },
        responses: { 200: jsonContent(taxCodeSchema, 'The tax code'), ...errorResponses },
      }),
      async (c) =>
        c.json(await catalog.updateTaxCode(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/catalog-items',
        tags,
        summary: 'Catalog items by category, then name; filter by ?category= and ?archived=true|false|any',
        middleware: read,
        request: { query: catalogItemListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(catalogItemSchema) }), 'Catalog items'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await catalog.listCatalogItems(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/catalog-items',
        tags,
        summary: 'Add a catalog item; resale items need a unit cost, per-device items a device class',
        middleware: manage,
        request: { body: jsonBody(catalogItemInputSchema) },
        responses: { 201: jsonContent(catalogItemSchema, 'The new catalog item'), ...errorResponses },
      }),
      async (c) => c.json(await catalog.createCatalogItem(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/catalog-items/standard',
        tags,
        summary: 'Add the standard catalog: the shipped items and tax codes this organization lacks, by name',
        middleware: manage,
        responses: { 200: jsonContent(standardCatalogResultSchema, 'What was added'), ...errorResponses },
      }),
      async (c) => c.json(await catalog.addStandardCatalog(actorOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/catalog-items/{id}',
        tags,
        summary: 'One catalog item, archived or not',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(catalogItemSchema, 'The catalog item'), ...errorResponses },
      }),
      async (c) => c.json(await catalog.getCatalogItem(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/catalog-items/{id}',
        tags,
        summary: 'Change, archive or unarchive a catalog item',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(catalogItemUpdateSchema) },
        responses: { 200: jsonContent(catalogItemSchema, 'The catalog item'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await catalog.updateCatalogItem(actorOf(c), c.req.valid('param').id, c.req.valid('json')),
          200,
        ),
    );
}
