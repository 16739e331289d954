// Rules for assets entered by hand: a site belongs to the asset's client, every change is audited.
import {
  ASSET_ONLINE_MINUTES,
  type Asset,
  type AssetInput,
  type AssetListQuery,
  type AssetState,
  type AssetUpdate,
} from '../../../shared/api/assets.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import * as repo from './assets.repository.ts';

/** The earliest check-in that still counts as online at `now`. */
function onlineSince(now: Date): Date {
  return new Date(now.getTime() - ASSET_ONLINE_MINUTES * 60_000);
}

function assetState(lastSeenAt: Date | null, now: Date): AssetState {
  if (!lastSeenAt) return 'never';
  return lastSeenAt >= onlineSince(now) ? 'online' : 'offline';
}

function toAsset(row: repo.AssetWithNames, now: Date): Asset {
  const { tenantId: _tenant, archivedAt, lastSeenAt, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    lastSeenAt: lastSeenAt?.toISOString() ?? null,
    state: assetState(lastSeenAt, now),
    archived: archivedAt !== null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** What the audit trail keeps: the asset without the moving parts (state and last check-in change by themselves). */
function auditView(asset: Asset) {
  const { state: _state, lastSeenAt: _lastSeen, ...rest } = asset;
  return rest;
}

const assetNotFound = () => new AppError('asset.not_found', 'Asset not found.');

export function createAssetService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function requireAsset(tx: Executor, scope: Scope, id: string) {
    const asset = await repo.findAsset(tx, scope, id);
    if (!asset) throw assetNotFound();
    return asset;
  }

  async function checkSite(tx: Executor, scope: Scope, clientId: string, siteId: string | null | undefined) {
    if (siteId && !(await repo.siteBelongsToClient(tx, scope.tenantId, siteId, clientId))) {
      throw new AppError('request.invalid', "The site is not one of the asset's client's sites.", [
        { path: ['siteId'], message: 'No such site at this client' },
      ]);
    }
  }

  return {
    async list(scope: Scope, filter: AssetListQuery) {
      const now = clock.now();
      const page = await repo.listAssets(db, scope, filter, onlineSince(now));
      return { items: page.items.map((row) => toAsset(row, now)), total: page.total };
    },

    async get(scope: Scope, id: string): Promise<Asset> {
      return toAsset(await requireAsset(db, scope, id), clock.now());
    },

    async create(actor: Actor, input: AssetInput): Promise<Asset> {
      return actions.run(actor, 'asset.create', async (tx, audit) => {
        if (!(await repo.clientVisible(tx, actor.scope, input.clientId))) {
          throw new AppError('client.not_found', 'Client not found.');
        }
        await checkSite(tx, actor.scope, input.clientId, input.siteId);
        const row = await repo.insertAsset(tx, { ...input, tenantId: actor.scope.tenantId });
        const asset = toAsset(await requireAsset(tx, actor.scope, row.id), clock.now());
        audit.target('asset', asset.id);
        audit.change(null, auditView(asset));
        return asset;
      });
    },

    async update(actor: Actor, id: string, input: AssetUpdate): Promise<Asset> {
      return actions.run(actor, 'asset.update', async (tx, audit) => {
        const current = await requireAsset(tx, actor.scope, id);
        audit.target('asset', id);
        await checkSite(tx, actor.scope, current.clientId, input.siteId);
        const { archived, ...fields } = input;
        const now = clock.now();
        const archivedAt =
          archived === undefined ? current.archivedAt : archived ? (current.archivedAt ?? now) : null;
        await repo.updateAsset(tx, actor.scope, id, { ...fields, archivedAt, updatedAt: now });
        const asset = toAsset(await requireAsset(tx, actor.scope, id), now);
        audit.change(auditView(toAsset(current, now)), auditView(asset));
        return asset;
      });
    },
  };
}

export type AssetService = ReturnType<typeof createAssetService>;
