// Queries for an asset's latest inventory report and the changes found between its reports.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AssetChange, AssetInventory, ChangeOutcome } from '../../../shared/api/inventory.ts';
import { api, isApiError } from '../../api/client.ts';
import { type ChangeGroup, changeGroupQuery } from './change-sentences.ts';

export type { AssetChange, AssetInventory };

export interface AssetChangesParams {
  limit: number;
  offset: number;
  kind?: ChangeGroup;
  outcome?: ChangeOutcome;
}

export const inventoryKeys = {
  inventory: (assetId: string) => ['assets', 'inventory', assetId] as const,
  changes: (assetId: string, params: AssetChangesParams) => ['assets', 'changes', assetId, params] as const,
};

/** Null while no agent has reported (the API's inventory.not_found). */
export const assetInventoryQuery = (assetId: string) =>
  queryOptions({
    queryKey: inventoryKeys.inventory(assetId),
    queryFn: async () => {
      try {
        return await api<AssetInventory>(`/assets/${assetId}/inventory`);
      } catch (error) {
        if (isApiError(error, 404) && error.code === 'inventory.not_found') return null;
        throw error;
      }
    },
    refetchInterval: 5 * 60_000,
  });

export const assetChangesQuery = (assetId: string, params: AssetChangesParams) =>
  queryOptions({
    queryKey: inventoryKeys.changes(assetId, params),
    queryFn: ({ signal }) =>
      api<{ items: AssetChange[]; total: number }>(`/assets/${assetId}/changes`, {
        query: {
          limit: params.limit,
          offset: params.offset,
          group: params.kind && changeGroupQuery[params.kind].join(','),
          outcome: params.outcome,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
