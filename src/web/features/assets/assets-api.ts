// Queries and mutations for assets.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AssetType } from '../../../shared/api/asset-enums.ts';
import type { Asset, AssetInput, AssetState, AssetUpdate } from '../../../shared/api/assets.ts';
import { api } from '../../api/client.ts';

export type { Asset, AssetInput, AssetState, AssetUpdate };

export interface AssetListParams {
  clientId?: string;
  siteId?: string;
  type?: AssetType;
  managed?: 'yes' | 'no';
  state?: AssetState;
  q?: string;
  archived?: 'false' | 'true' | 'any';
  limit?: number;
  offset?: number;
}

export const assetKeys = {
  all: ['assets'] as const,
  list: (params: AssetListParams) => ['assets', 'list', params] as const,
  detail: (id: string) => ['assets', 'detail', id] as const,
};

export const assetListQuery = (params: AssetListParams) =>
  queryOptions({
    queryKey: assetKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: Asset[]; total: number }>('/assets', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    // States turn offline by time alone; refetch now and then so the dots stay true.
    refetchInterval: 60_000,
  });

export const assetQuery = (id: string) =>
  queryOptions({
    queryKey: assetKeys.detail(id),
    queryFn: () => api<Asset>(`/assets/${id}`),
    refetchInterval: 60_000,
  });

export const createAsset = (input: AssetInput) => api<Asset>('/assets', { method: 'POST', body: input });
export const updateAsset = (id: string, input: AssetUpdate) =>
  api<Asset>(`/assets/${id}`, { method: 'PATCH', body: input });
