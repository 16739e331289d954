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
import { decodeLogCursor, encodeLogCursor } from '../../db/log-page.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { effectiveChannel, linkOf } from './notification-rules.ts';
import * as repo from './notifications.repository.ts';

const notFound = () => new AppError('notification.not_found', 'Notification not found.');

function toNotification(row: repo.InboxRow): Notification {
  return {
    id: row.id,
    type: row.type,
    ticketId: row.ticketId,
    link: linkOf(row.type, row.ticketId, row.payload),
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
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
        before: query.cursor ? decodeLogCursor(query.cursor) : null,
        isUnreadOnly: query.unread === 'true',
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toNotification),
        nextCursor: rows.length > query.limit && last ? encodeLogCursor(last.createdAt, last.id) : null,
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
