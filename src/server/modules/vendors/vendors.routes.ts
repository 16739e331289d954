// HTTP routes for vendors, engagements, vendor accounts and routine actors: parse, call the service,
// shape the answer.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idParamSchema, pageSchema } from '../../../shared/api/common.ts';
import {
  engagementInputSchema,
  engagementListQuerySchema,
  engagementSchema,
  engagementUpdateSchema,
  routineActorInputSchema,
  routineActorSchema,
  vendorAccountInputSchema,
  vendorAccountSchema,
  vendorInputSchema,
  vendorListQuerySchema,
  vendorSchema,
  vendorUpdateSchema,
} from '../../../shared/api/vendors.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { VendorService } from './vendors.service.ts';

const tags = ['Vendors'];
const read = [requirePermission('vendors.read')];
const manage = [requirePermission('vendors.manage')];
const noContent = { 204: { description: 'Done' } } as const;
const engagementList = jsonContent(z.object({ items: z.array(engagementSchema) }), 'Engagements');

export function createVendorRoutes(vendors: VendorService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendors',
        tags,
        summary: 'List vendors by name',
        description:
          'q searches the name and the products. Archived vendors are left out unless archived=true or any. ' +
          'engagementCount counts live engagements at the clients you can see.',
        middleware: read,
        request: { query: vendorListQuerySchema },
        responses: { 200: jsonContent(pageSchema(vendorSchema), 'A page of vendors'), ...errorResponses },
      }),
      async (c) => c.json(await vendors.list(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendors',
        tags,
        summary: 'Add a vendor (names are unique regardless of case)',
        middleware: manage,
        request: { body: jsonBody(vendorInputSchema) },
        responses: { 201: jsonContent(vendorSchema, 'The new vendor'), ...errorResponses },
      }),
      async (c) => c.json(await vendors.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendors/{id}',
        tags,
        summary: 'Get a vendor',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(vendorSchema, 'The vendor'), ...errorResponses },
      }),
      async (c) => c.json(await vendors.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/vendors/{id}',
        tags,
        summary: 'Change a vendor (archived: true archives it, false restores it)',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(vendorUpdateSchema) },
        responses: { 200: jsonContent(vendorSchema, 'The vendor'), ...errorResponses },
      }),
      async (c) =>
        c.json(await vendors.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/vendors/{id}/engagements',
        tags,
        summary: "A vendor's engagements at the clients you can see, with their accounts",
        middleware: read,
        request: { params: idParamSchema, query: engagementListQuerySchema },
        responses: { 200: engagementList, ...errorResponses },
      }),
      async (c) =>
        c.json(
          { items: await vendors.listForVendor(scopeOf(c), c.req.valid('param').id, c.req.valid('query')) },
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/vendors/{id}/engagements',
        tags,
        summary: 'Engage a vendor at a client for a product (once per vendor, client and product)',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(engagementInputSchema) },
        responses: { 201: jsonContent(engagementSchema, 'The new engagement'), ...errorResponses },
      }),
      async (c) =>
        c.json(await vendors.engage(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/engagements',
        tags,
        summary: 'Engagements at the clients you can see (clientId: one client’s vendors)',
        middleware: read,
        request: { query: engagementListQuerySchema },
        responses: { 200: engagementList, ...errorResponses },
      }),
      async (c) => c.json({ items: await vendors.listEngagements(scopeOf(c), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/engagements/{id}',
        tags,
        summary: 'Get an engagement with its accounts',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(engagementSchema, 'The engagement'), ...errorResponses },
      }),
      async (c) => c.json(await vendors.getEngagement(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/engagements/{id}',
        tags,
        summary: 'Change an engagement (archived: true ends it, false restores it)',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(engagementUpdateSchema) },
        responses: { 200: jsonContent(engagementSchema, 'The engagement'), ...errorResponses },
      }),
      async (c) =>
        c.json(await vendors.updateEngagement(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/engagements/{id}/accounts',
        tags,
        summary: 'Add an account the vendor’s people use at the client (unique per kind, regardless of case)',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(vendorAccountInputSchema) },
        responses: { 201: jsonContent(vendorAccountSchema, 'The new vendor account'), ...errorResponses },
      }),
      async (c) =>
        c.json(await vendors.addAccount(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/vendor-accounts/{id}',
        tags,
        summary: 'Remove a vendor account',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { ...noContent, ...errorResponses },
      }),
      async (c) => {
        await vendors.removeAccount(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/routine-actors',
        tags,
        summary: 'Actors whose changes are routine (never charged to a vendor)',
        middleware: read,
        responses: {
          200: jsonContent(z.object({ items: z.array(routineActorSchema) }), 'Routine actors'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ items: await vendors.listRoutineActors(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/routine-actors',
        tags,
        summary: 'Add a routine actor (matched regardless of case)',
        middleware: manage,
        request: { body: jsonBody(routineActorInputSchema) },
        responses: { 201: jsonContent(routineActorSchema, 'The new routine actor'), ...errorResponses },
      }),
      async (c) => c.json(await vendors.addRoutineActor(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/routine-actors/{id}',
        tags,
        summary: 'Remove a routine actor',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { ...noContent, ...errorResponses },
      }),
      async (c) => {
        await vendors.removeRoutineActor(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
}
