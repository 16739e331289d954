// HTTP routes for assets: parse, call the service, shape the answer.
import { createRoute } from '@hono/zod-openapi';
import {
  ASSET_ONLINE_MINUTES,
  assetInputSchema,
  assetListQuerySchema,
  assetSchema,
  assetUpdateSchema,
} from '../../../shared/api/assets.ts';
import { idParamSchema, pageSchema } from '../../../shared/api/common.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { AssetService } from './assets.service.ts';

const tags = ['Assets'];
const read = [requirePermission('assets.read')];
const manage = [requirePermission('assets.manage')];

export function createAssetRoutes(assets: AssetService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/assets',
        tags,
        summary: 'List assets of the clients you can see, by client then name',
        description:
          `state: online when the asset's agent checked in within the last ${ASSET_ONLINE_MINUTES} minutes, ` +
          'offline when it checked in before that, never when it has no agent. q searches name, hostname ' +
          'and serial. Archived assets are left out unless archived=true or any.',
        middleware: read,
        request: { query: assetListQuerySchema },
        responses: { 200: jsonContent(pageSchema(assetSchema), 'A page of assets'), ...errorResponses },
      }),
      async (c) => c.json(await assets.list(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/assets',
        tags,
        summary: 'Add an asset by hand (its site, if any, must be one of its client’s)',
        middleware: manage,
        request: { body: jsonBody(assetInputSchema) },
        responses: { 201: jsonContent(assetSchema, 'The new asset'), ...errorResponses },
      }),
      async (c) => c.json(await assets.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/assets/{id}',
        tags,
        summary: 'Get an asset',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(assetSchema, 'The asset'), ...errorResponses },
      }),
      async (c) => c.json(await assets.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/assets/{id}',
        tags,
        summary: 'Change an asset (archived: true archives it, false restores it)',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(assetUpdateSchema) },
        responses: { 200: jsonContent(assetSchema, 'The asset'), ...errorResponses },
      }),
      async (c) => c.json(await assets.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    );
}
