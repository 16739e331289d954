// A member's own inbox and choices: list, count, mark read, and how they want to hear of each event.
import { notificationEventTypes } from '../../../shared/api/notification-enums.ts';
import type {
  Notification,
  NotificationListQuery,
  NotificationPreference,
  NotificationPreferencesInput,
} from '../../../shared/api/notifications.ts';
import { defaultNotificationChannels } from '../../../shared/api/notifications.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { effectiveChannel } from './notification-rules.ts';
import * as repo from './notifications.repository.ts';

const notFound = () => new AppError('notification.not_found', 'Notification not found.');

function toNotification(row: repo.NotificationRow): Notification {
  return {
    id: row.id,
    type: row.type,
    ticketId: row.ticketId,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The cursor is the last item's (createdAt, id), opaque to clients. */
const encodeCursor = (row: repo.NotificationRow) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError('request.invalid', 'The cursor is not one this API gave out.', [
      { path: ['cursor'], message: 'Unknown cursor' },
    ]);
  }
  return { createdAt, id };
}

export function createNotificationService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function preferences(scope: Scope): Promise<NotificationPreference[]> {
    const chosen = new Map(
      (await repo.listPreferences(db, scope.tenantId, [scope.membershipId])).map((p) => [p.type, p.channel]),
    );
    return notificationEventTypes.map((type) => ({
      type,
      channel: effectiveChannel(type, chosen.get(type)),
      defaultChannel: defaultNotificationChannels[type],
    }));
  }

  return {
    async list(scope: Scope, query: NotificationListQuery) {
      const rows = await repo.listNotifications(db, scope, {
        limit: query.limit + 1,
        before: decodeCursor(query.cursor),
        isUnreadOnly: query.unread === 'true',
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toNotification),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      };
    },

    async unreadCount(scope: Scope) {
      return { count: await repo.countUnread(db, scope) };
    },

    /** Marking a read notification read again changes nothing; another member's is not found. */
    async markRead(scope: Scope, id: string): Promise<Notification> {
      if (!(await repo.findNotification(db, scope, id))) throw notFound();
      await repo.markRead(db, scope, id, clock.now());
      const row = await repo.findNotification(db, scope, id);
      if (!row) throw notFound();
      return toNotification(row);
    },

    async markAllRead(scope: Scope) {
      return { updated: await repo.markRead(db, scope, null, clock.now()) };
    },

    preferences,

    /**
     * Replaces the member's whole set. Only choices that differ from the default are stored, so a type left
     * out or set to its default follows the default.
     */
    async setPreferences(actor: Actor, input: NotificationPreferencesInput) {
      const { scope } = actor;
      const before = await preferences(scope);
      const items = input.items.filter((item) => item.channel !== defaultNotificationChannels[item.type]);
      await actions.run(actor, 'notification_preferences.update', async (tx, audit) => {
        audit.target('membership', scope.membershipId);
        await repo.replacePreferences(tx, scope, items, clock.now());
        audit.change(before, input.items);
      });
      return { items: await preferences(scope) };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
