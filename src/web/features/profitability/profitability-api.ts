// Queries and mutations for profitability (league table, a client's months and agreements, a month's
// time) and staff cost rates.
import { queryOptions } from '@tanstack/react-query';
import type {
  ClientProfitability,
  CostRate,
  CostRateInput,
  ProfitabilityEntries,
  ProfitabilityLeague,
} from '../../../shared/api/profitability.ts';
import { api } from '../../api/client.ts';

export type { ClientProfitability, CostRate, ProfitabilityEntries, ProfitabilityLeague };

export interface MonthRange {
  from: string;
  to: string;
}

export const profitabilityKeys = {
  all: ['profitability'] as const,
  league: (range: MonthRange) => ['profitability', 'league', range] as const,
  client: (clientId: string, range: MonthRange) => ['profitability', 'client', clientId, range] as const,
  entries: (clientId: string, period: string) => ['profitability', 'entries', clientId, period] as const,
  costRates: ['cost-rates'] as const,
};

export const leagueQuery = (range: MonthRange) =>
  queryOptions({
    queryKey: profitabilityKeys.league(range),
    queryFn: ({ signal }) => api<ProfitabilityLeague>('/profitability', { query: { ...range }, signal }),
  });

export const clientProfitabilityQuery = (clientId: string, range: MonthRange) =>
  queryOptions({
    queryKey: profitabilityKeys.client(clientId, range),
    queryFn: ({ signal }) =>
      api<ClientProfitability>(`/profitability/clients/${clientId}`, { query: { ...range }, signal }),
  });

export const profitabilityEntriesQuery = (clientId: string, period: string) =>
  queryOptions({
    queryKey: profitabilityKeys.entries(clientId, period),
    queryFn: ({ signal }) =>
      api<ProfitabilityEntries>(`/profitability/clients/${clientId}/entries`, { query: { period }, signal }),
  });

export const costRatesQuery = queryOptions({
  queryKey: profitabilityKeys.costRates,
  queryFn: () => api<{ items: CostRate[] }>('/cost-rates'),
  select: (data) => data.items,
});

/** 409 cost_rate.date_taken when the member already has a rate from that date. */
export const createCostRate = (input: CostRateInput) =>
  api<CostRate>('/cost-rates', { method: 'POST', body: input });

export const deleteCostRate = (id: string) => api<void>(`/cost-rates/${id}`, { method: 'DELETE' });
