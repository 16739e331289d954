// Queries and the re-judging mutation for detected changes across every asset the user sees.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AssetChange, ChangeJudgement } from '../../../shared/api/inventory.ts';
import { api } from '../../api/client.ts';

export type { AssetChange, ChangeJudgement };

export interface DetectedChangesParams {
  /** Comma-separated outcomes. */
  outcome?: string;
  clientId?: string;
  vendorId?: string;
  limit: number;
  offset: number;
}

export const detectedChangeKeys = {
  all: ['asset-changes'] as const,
  list: (params: DetectedChangesParams) => ['asset-changes', 'list', params] as const,
};

/** Newest first (the API's order). */
export const detectedChangesQuery = (params: DetectedChangesParams) =>
  queryOptions({
    queryKey: detectedChangeKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: AssetChange[]; total: number }>('/asset-changes', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

export const judgeChange = (id: string, input: ChangeJudgement) =>
  api<AssetChange>(`/asset-changes/${id}/judge`, { method: 'POST', body: input });
