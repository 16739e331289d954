// The query behind a vendor's scorecard: its figures month by month at one client or at all of them.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Scorecard } from '../../../shared/api/vendor-scorecard.ts';
import { api } from '../../api/client.ts';
import { vendorKeys } from './vendors-api.ts';

export type { Scorecard };

export interface ScorecardParams {
  clientId?: string;
  months: number;
}

// Under vendorKeys.all, so a vendor change refreshes its scorecard with everything else.
export const scorecardQuery = (vendorId: string, params: ScorecardParams) =>
  queryOptions({
    queryKey: [...vendorKeys.all, 'scorecard', vendorId, params] as const,
    queryFn: ({ signal }) =>
      api<Scorecard>(`/vendors/${vendorId}/scorecard`, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
