// HTTP routes for clients, sites and contacts: parse, call the service, shape the answer.
import { createRoute, z } from '@hono/zod-openapi';
import {
  clientInputSchema,
  clientListQuerySchema,
  clientSchema,
  clientUpdateSchema,
  contactInputSchema,
  contactListQuerySchema,
  contactSchema,
  contactUpdateSchema,
  siteInputSchema,
  siteSchema,
  siteUpdateSchema,
} from '../../../shared/api/clients.ts';
import { idParamSchema, pageSchema } from '../../../shared/api/common.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { ClientService } from './clients.service.ts';

const tags = ['Clients'];
const read = [requirePermission('clients.read')];
const manage = [requirePermission('clients.manage')];
const noContent = { 204: { description: 'Done' } };

export function createClientRoutes(clients: ClientService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/clients',
        tags,
        summary: 'List clients you can see, optionally searching by name',
        middleware: read,
        request: { query: clientListQuerySchema },
        responses: { 200: jsonContent(pageSchema(clientSchema), 'A page of clients'), ...errorResponses },
      }),
      async (c) => c.json(await clients.list(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/clients',
        tags,
        summary: 'Add a client',
        middleware: manage,
        request: { body: jsonBody(clientInputSchema) },
        responses: { 201: jsonContent(clientSchema, 'The new client'), ...errorResponses },
      }),
      async (c) => c.json(await clients.create(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/clients/{id}',
        tags,
        summary: 'Get a client',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(clientSchema, 'The client'), ...errorResponses },
      }),
      async (c) => c.json(await clients.get(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/clients/{id}',
        tags,
        summary: 'Change a client (archived: true archives it)',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(clientUpdateSchema) },
        responses: { 200: jsonContent(clientSchema, 'The client'), ...errorResponses },
      }),
      async (c) =>
        c.json(await clients.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/clients/{id}/sites',
        tags,
        summary: "List a client's sites",
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(z.object({ items: z.array(siteSchema) }), 'Sites'), ...errorResponses },
      }),
      async (c) => c.json({ items: await clients.listSites(scopeOf(c), c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/clients/{id}/sites',
        tags,
        summary: 'Add a site',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(siteInputSchema) },
        responses: { 201: jsonContent(siteSchema, 'The new site'), ...errorResponses },
      }),
      async (c) =>
        c.json(await clients.createSite(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/sites/{id}',
        tags,
        summary: 'Change a site',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(siteUpdateSchema) },
        responses: { 200: jsonContent(siteSchema, 'The site'), ...errorResponses },
      }),
      async (c) =>
        c.json(await clients.updateSite(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/sites/{id}',
        tags,
        summary: 'Remove a site that has no contacts',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { ...noContent, ...errorResponses },
      }),
      async (c) => {
        await clients.deleteSite(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/clients/{id}/contacts',
        tags,
        summary: "List a client's contacts, optionally searching by name or email",
        middleware: read,
        request: { params: idParamSchema, query: contactListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(contactSchema) }), 'Contacts'),
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(
          { items: await clients.listContacts(scopeOf(c), c.req.valid('param').id, c.req.valid('query').q) },
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/clients/{id}/contacts',
        tags,
        summary: 'Add a contact',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(contactInputSchema) },
        responses: { 201: jsonContent(contactSchema, 'The new contact'), ...errorResponses },
      }),
      async (c) =>
        c.json(await clients.createContact(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/contacts/{id}',
        tags,
        summary: 'Get a contact',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(contactSchema, 'The contact'), ...errorResponses },
      }),
      async (c) => c.json(await clients.getContact(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/contacts/{id}',
        tags,
        summary: 'Change a contact',
        middleware: manage,
        request: { params: idParamSchema, body: jsonBody(contactUpdateSchema) },
        responses: { 200: jsonContent(contactSchema, 'The contact'), ...errorResponses },
      }),
      async (c) =>
        c.json(await clients.updateContact(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/contacts/{id}',
        tags,
        summary: 'Remove a contact',
        middleware: manage,
        request: { params: idParamSchema },
        responses: { ...noContent, ...errorResponses },
      }),
      async (c) => {
        await clients.deleteContact(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
}
