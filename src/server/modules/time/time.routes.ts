// HTTP routes for work types and time entries on tickets.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  classifyPreviewInputSchema,
  timeClassificationSchema,
  timeEntryBillingInputSchema,
  timeEntryHistorySchema,
  timeEntryInputSchema,
  timeEntryListSchema,
  timeEntrySchema,
  timeEntryUpdateSchema,
  workTypeInputSchema,
  workTypeSchema,
  workTypeUpdateSchema,
} from '../../../shared/api/time.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requirePermission } from '../../http/router.ts';
import type { TimeService } from './time.service.ts';

const tags = ['Time'];
const read = [requirePermission('tickets.read')];
const work = [requirePermission('tickets.work')];
const settings = [requirePermission('tickets.settings')];
const noContent = { 204: { description: 'Done' } };

const workTypeListQuerySchema = z.object({
  /** true lists archived work types too. */
  archived: z.enum(['true', 'false']).default('false'),
});

export function createTimeRoutes(time: TimeService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/work-types',
        tags,
        summary: 'Work types, by position; archived ones only with ?archived=true',
        middleware: read,
        request: { query: workTypeListQuerySchema },
        responses: {
          200: jsonContent(z.object({ items: z.array(workTypeSchema) }), 'Work types'),
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(
          {
            items: await time.listWorkTypes(scopeOf(c), {
              includeArchived: c.req.valid('query').archived === 'true',
            }),
          },
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/work-types',
        tags,
        summary: 'Add a work type; names are unique regardless of case',
        middleware: settings,
        request: { body: jsonBody(workTypeInputSchema) },
        responses: { 201: jsonContent(workTypeSchema, 'The new work type'), ...errorResponses },
      }),
      async (c) => c.json(await time.createWorkType(actorOf(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/work-types/{id}',
        tags,
        summary: 'Rename, move, archive or unarchive a work type',
        middleware: settings,
        request: { params: idParamSchema, body: jsonBody(workTypeUpdateSchema) },
        responses: { 200: jsonContent(workTypeSchema, 'The work type'), ...errorResponses },
      }),
      async (c) =>
        c.json(await time.updateWorkType(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tickets/{id}/time-entries',
        tags,
        summary: "A ticket's time entries, oldest first, with their total",
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(timeEntryListSchema, 'Time entries'), ...errorResponses },
      }),
      async (c) => c.json(await time.listEntries(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tickets/{id}/time-entries',
        tags,
        summary: 'Log your time on a ticket; it may end at most 5 minutes in the future',
        middleware: work,
        request: { params: idParamSchema, body: jsonBody(timeEntryInputSchema) },
        responses: { 201: jsonContent(timeEntrySchema, 'The new time entry'), ...errorResponses },
      }),
      async (c) => c.json(await time.logTime(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tickets/{id}/time-entries/classify',
        tags,
        summary:
          'What a time entry being logged (or edited: entryId) would come to under the agreement chain; saves nothing',
        middleware: read,
        request: { params: idParamSchema, body: jsonBody(classifyPreviewInputSchema) },
        responses: { 200: jsonContent(timeClassificationSchema, 'The classification'), ...errorResponses },
      }),
      async (c) =>
        c.json(await time.classifyDraft(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/time-entries/{id}/billing',
        tags,
        summary:
          "Billing: move an entry to another of the client's agreements (null: the ticket's) or override its outcome with a reason (null clears it)",
        middleware: [requirePermission('billing.manage')],
        request: { params: idParamSchema, body: jsonBody(timeEntryBillingInputSchema) },
        responses: { 200: jsonContent(timeEntrySchema, 'The time entry'), ...errorResponses },
      }),
      async (c) =>
        c.json(await time.setBilling(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/time-entries/{id}',
        tags,
        summary: "Edit a time entry: your own, or anyone's with time.manage; every edit is kept",
        middleware: work,
        request: { params: idParamSchema, body: jsonBody(timeEntryUpdateSchema) },
        responses: { 200: jsonContent(timeEntrySchema, 'The time entry'), ...errorResponses },
      }),
      async (c) =>
        c.json(await time.updateEntry(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/time-entries/{id}',
        tags,
        summary: "Delete a time entry (your own, or anyone's with time.manage); its history stays",
        middleware: work,
        request: { params: idParamSchema },
        responses: { ...noContent, ...errorResponses },
      }),
      async (c) => {
        await time.deleteEntry(actorOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/time-entries/{id}/history',
        tags,
        summary: 'Every change to a time entry, with the entry before and after, who and when',
        middleware: read,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(timeEntryHistorySchema, 'Revisions, oldest first'), ...errorResponses },
      }),
      async (c) => c.json(await time.history(scopeOf(c), c.req.valid('param').id), 200),
    );
}
