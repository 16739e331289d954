// Queries and mutations for coverage holds: an asset taken off managed service while a vendor's changes
// outside approved windows go on, so that work on it is billable until the hold lifts.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AssetTicket } from '../../../shared/api/inventory.ts';
import type { CoverageHold, CoverageHoldInput } from '../../../shared/api/vendor-terms.ts';
import { api, apiUrl } from '../../api/client.ts';
import { useCan } from '../auth/session.ts';

export type { CoverageHold, CoverageHoldInput };

// Everything under 'coverage-holds' so placing or lifting one refreshes every list of them.
export const holdKeys = {
  all: ['coverage-holds'] as const,
  ofAsset: (assetId: string) => ['coverage-holds', 'asset', assetId] as const,
};

/** Every hold on the asset, active and lifted, newest first (at most one is active). */
export const assetHoldsQuery = (assetId: string) =>
  queryOptions({
    queryKey: holdKeys.ofAsset(assetId),
    queryFn: ({ signal }) =>
      api<{ items: CoverageHold[] }>('/coverage-holds', { query: { assetId, active: 'any' }, signal }),
    select: (data) => ({
      active: data.items.find((hold) => hold.liftedAt === null) ?? null,
      lifted: data.items.filter((hold) => hold.liftedAt !== null),
    }),
    // Clean days count up and a hold can lift itself: refetch now and then so the banner stays true.
    refetchInterval: 5 * 60_000,
  });

/** The asset's holds, asked for only by those who may read them (every staff role today). */
export function useAssetHolds(assetId: string) {
  const can = useCan();
  return useQuery({ ...assetHoldsQuery(assetId), enabled: can('vendors.read') });
}

/** The tickets about the asset (the key is the Tickets tab's, so the two share the cache). */
export const assetTicketsForHoldQuery = (assetId: string) =>
  queryOptions({
    queryKey: ['assets', 'tickets', assetId],
    queryFn: () => api<{ items: AssetTicket[] }>(`/assets/${assetId}/tickets`),
  });

export const placeCoverageHold = (input: CoverageHoldInput) =>
  api<CoverageHold>('/coverage-holds', { method: 'POST', body: input });

export const liftCoverageHold = (id: string, reason: string) =>
  api<CoverageHold>(`/coverage-holds/${id}/lift`, { method: 'POST', body: { reason } });

// A plain link, so the browser downloads it with the session cookie.
export const holdLetterUrl = (id: string) => apiUrl(`/coverage-holds/${id}/letter.pdf`);
