// The assets a ticket is about, with what changed on them in the hours before (a technician's first
// question), and the tickets about an asset.
import { and, desc, eq } from 'drizzle-orm';
import {
  type AssetTicket,
  TICKET_CHANGE_HOURS,
  type TicketAsset,
  type TicketAssetsInput,
} from '../../../shared/api/inventory.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { type AssetService, findAsset } from '../assets/index.ts';
import { recordTicketActivity, requireTicket } from '../tickets/index.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { slaBasisOfAssets } from './asset-standing.ts';
import * as repo from './inventory.repository.ts';
import { toChange } from './inventory.service.ts';
import { ticketAssets } from './inventory.table.ts';

const RECENT_CHANGES = 20;

export function createTicketAssetService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  assets: AssetService;
}) {
  const { db, actions, clock, assets } = deps;

  async function linkedIds(tenantId: string, ticketId: string) {
    const rows = await db
      .select({ assetId: ticketAssets.assetId })
      .from(ticketAssets)
      .where(and(eq(ticketAssets.tenantId, tenantId), eq(ticketAssets.ticketId, ticketId)));
    return rows.map((row) => row.assetId);
  }

  return {
    async list(scope: Scope, ticketId: string): Promise<TicketAsset[]> {
      await requireTicket(db, scope, ticketId);
      const since = new Date(clock.now().getTime() - TICKET_CHANGE_HOURS * 3_600_000);
      const linked = [];
      for (const assetId of await linkedIds(scope.tenantId, ticketId)) {
        const asset = await assets.get(scope, assetId);
        const page = await repo.listChanges(db, scope, {
          assetId,
          since,
          limit: RECENT_CHANGES,
          offset: 0,
        });
        linked.push({ ...asset, recentChanges: page.items.map(toChange), recentChangeCount: page.total });
      }
      return linked.sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Replaces the set; the ticket's timeline says which were added and removed. */
    async replace(actor: Actor, ticketId: string, input: TicketAssetsInput): Promise<void> {
      const { tenantId } = actor.scope;
      await actions.run(actor, 'ticket.assets', async (tx, audit) => {
        const ticket = await requireTicket(tx, actor.scope, ticketId, { forUpdate: true });
        audit.target('ticket', ticketId);
        const wanted = [...new Set(input.assetIds)];
        const names = new Map<string, string>();
        for (const [index, assetId] of wanted.entries()) {
          const asset = await findAsset(tx, actor.scope, assetId);
          if (!asset || asset.clientId !== ticket.clientId) {
            throw new AppError('request.invalid', "Every asset must be one of the ticket's client's.", [
              { path: ['assetIds', index], message: 'No such asset at this client' },
            ]);
          }
          names.set(assetId, asset.name);
        }
        const current = (
          await tx
            .select({ assetId: ticketAssets.assetId })
            .from(ticketAssets)
            .where(and(eq(ticketAssets.tenantId, tenantId), eq(ticketAssets.ticketId, ticketId)))
        ).map((row) => row.assetId);
        const added = wanted.filter((id) => !current.includes(id));
        const removed = current.filter((id) => !wanted.includes(id));
        if (added.length === 0 && removed.length === 0) return;
        await tx
          .delete(ticketAssets)
          .where(and(eq(ticketAssets.tenantId, tenantId), eq(ticketAssets.ticketId, ticketId)));
        if (wanted.length) {
          await tx.insert(ticketAssets).values(wanted.map((assetId) => ({ tenantId, ticketId, assetId })));
        }
        const removedNames = [];
        for (const id of removed) removedNames.push((await findAsset(tx, actor.scope, id))?.name ?? id);
        await recordTicketActivity(
          tx,
          actor.scope.membershipId,
          ticket,
          'assets',
          {
            added: added.map((id) => names.get(id)),
            removed: removedNames,
            ...(await slaBasisOfAssets(tx, tenantId, wanted)),
          },
          clock.now(),
        );
        audit.change({ assetIds: current }, { assetIds: wanted });
      });
    },

    /** Tickets about an asset, newest first. */
    async ticketsOf(scope: Scope, assetId: string): Promise<AssetTicket[]> {
      await assets.get(scope, assetId);
      const rows = await db
        .select({
          id: tickets.id,
          number: tickets.number,
          title: tickets.title,
          status: tickets.status,
          priority: tickets.priority,
          openedAt: tickets.openedAt,
          resolvedAt: tickets.resolvedAt,
        })
        .from(ticketAssets)
        .innerJoin(
          tickets,
          and(eq(tickets.tenantId, ticketAssets.tenantId), eq(tickets.id, ticketAssets.ticketId)),
        )
        .where(and(eq(ticketAssets.tenantId, scope.tenantId), eq(ticketAssets.assetId, assetId)))
        .orderBy(desc(tickets.openedAt))
        .limit(200);
      return rows.map((row) => ({
        ...row,
        openedAt: row.openedAt.toISOString(),
        resolvedAt: row.resolvedAt?.toISOString() ?? null,
      }));
    },
  };
}

export type TicketAssetService = ReturnType<typeof createTicketAssetService>;
