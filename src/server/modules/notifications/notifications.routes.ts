// HTTP routes for a member's own notifications and notification preferences.
import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  notificationListQuerySchema,
  notificationPageSchema,
  notificationPreferencesInputSchema,
  notificationPreferencesSchema,
  notificationSchema,
  unreadCountSchema,
} from '../../../shared/api/notifications.ts';
import { actorOf, scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonBody, jsonContent, requireSignedIn } from '../../http/router.ts';
import type { NotificationService } from './notifications.service.ts';

const tags = ['Notifications'];
const signedIn = [requireSignedIn];

export function createNotificationRoutes(notifications: NotificationService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/notifications',
        tags,
        summary: 'Your notifications, newest first; `unread=true` for the unread ones only',
        middleware: signedIn,
        request: { query: notificationListQuerySchema },
        responses: { 200: jsonContent(notificationPageSchema, 'A page of notifications'), ...errorResponses },
      }),
      async (c) => c.json(await notifications.list(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/notifications/unread-count',
        tags,
        summary: 'How many of your notifications are unread',
        middleware: signedIn,
        responses: { 200: jsonContent(unreadCountSchema, 'The unread count'), ...errorResponses },
      }),
      async (c) => c.json(await notifications.unreadCount(scopeOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/notifications/read-all',
        tags,
        summary: 'Mark all your notifications read',
        middleware: signedIn,
        responses: {
          200: jsonContent(z.object({ updated: z.number().int() }), 'How many were unread'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await notifications.markAllRead(scopeOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/notifications/{id}/read',
        tags,
        summary: "Mark one of your notifications read (another member's is not found)",
        middleware: signedIn,
        request: { params: idParamSchema },
        responses: { 200: jsonContent(notificationSchema, 'The notification'), ...errorResponses },
      }),
      async (c) => c.json(await notifications.markRead(scopeOf(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/notification-preferences',
        tags,
        summary: 'How you hear of each kind of event: your choice, or the default',
        middleware: signedIn,
        responses: { 200: jsonContent(notificationPreferencesSchema, 'Every event type'), ...errorResponses },
      }),
      async (c) => c.json({ items: await notifications.preferences(scopeOf(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/notification-preferences',
        tags,
        summary: 'Replace your choices; a type left out follows its default',
        middleware: signedIn,
        request: { body: jsonBody(notificationPreferencesInputSchema) },
        responses: { 200: jsonContent(notificationPreferencesSchema, 'Every event type'), ...errorResponses },
      }),
      async (c) => c.json(await notifications.setPreferences(actorOf(c), c.req.valid('json')), 200),
    );
}
