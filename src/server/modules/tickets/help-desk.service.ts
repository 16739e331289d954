// The help desk around the tickets: saved queue views, who can be assigned, and per-tenant settings.
import type { z } from 'zod';
import type {
  Assignee,
  TicketSettings,
  TicketView,
  ticketSettingsUpdateSchema,
  ticketViewInputSchema,
} from '../../../shared/api/tickets.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import { can, rolePermissions, type StaffRole } from '../../http/permissions.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import * as repo from './help-desk.repository.ts';

const viewNotFound = () => new AppError('ticket_view.not_found', 'Saved view not found.');

function toView({ view, ownerName }: repo.TicketViewWithOwner): TicketView {
  return {
    id: view.id,
    name: view.name,
    query: view.query,
    shared: view.shared,
    ownerId: view.ownerId,
    ownerName,
    createdAt: view.createdAt.toISOString(),
  };
}

const assignableRoles = (Object.keys(rolePermissions) as StaffRole[]).filter((role) =>
  can(role, 'tickets.work'),
);

export function createHelpDeskService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  return {
    async listViews(scope: Scope): Promise<TicketView[]> {
      return (await repo.listViews(db, scope)).map(toView);
    },

    async createView(actor: Actor, input: z.infer<typeof ticketViewInputSchema>): Promise<TicketView> {
      return actions.run(actor, 'ticket_view.create', async (tx, audit) => {
        const now = clock.now();
        const id = await repo.insertView(tx, {
          tenantId: actor.scope.tenantId,
          ownerId: actor.scope.membershipId,
          name: input.name,
          query: input.query.replace(/^\?/, ''),
          shared: input.shared,
          createdAt: now,
          updatedAt: now,
        });
        const view = toView((await repo.findView(tx, actor.scope, id))!);
        audit.target('ticket_view', id);
        audit.change(null, view);
        return view;
      });
    },

    /** The owner deletes their view; a shared view may also go by someone with tickets.settings. */
    async deleteView(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'ticket_view.delete', async (tx, audit) => {
        const found = await repo.findView(tx, actor.scope, id);
        if (!found) throw viewNotFound();
        audit.target('ticket_view', id);
        audit.change(toView(found), null);
        const isOwner = found.view.ownerId === actor.scope.membershipId;
        if (!isOwner && !can(actor.scope.role, 'tickets.settings')) {
          throw new AppError(
            'auth.forbidden',
            "Only the view's owner, or someone who manages the help desk's settings, may delete a shared view.",
          );
        }
        await repo.deleteView(tx, actor.scope.tenantId, id);
      });
    },

    async listAssignees(scope: Scope): Promise<Assignee[]> {
      return repo.listActiveStaff(db, scope.tenantId, assignableRoles);
    },

    getSettings: (scope: Scope): Promise<TicketSettings> => repo.findSettings(db, scope.tenantId),

    async updateSettings(
      actor: Actor,
      input: z.infer<typeof ticketSettingsUpdateSchema>,
    ): Promise<TicketSettings> {
      return actions.run(actor, 'ticket_settings.update', async (tx, audit) => {
        const before = await repo.findSettings(tx, actor.scope.tenantId);
        await repo.saveSettings(tx, actor.scope.tenantId, { ...before, ...input }, clock.now());
        const after = await repo.findSettings(tx, actor.scope.tenantId);
        audit.target('ticket_settings', actor.scope.tenantId);
        audit.change(before, after);
        return after;
      });
    },
  };
}

export type HelpDeskService = ReturnType<typeof createHelpDeskService>;
