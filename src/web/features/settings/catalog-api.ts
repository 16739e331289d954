// Queries and mutations for the service catalog and tax codes.
import { queryOptions } from '@tanstack/react-query';
import type {
  CatalogCategory,
  CatalogItem,
  CatalogItemInput,
  CatalogItemUpdate,
  TaxCode,
  TaxCodeInput,
  TaxCodeUpdate,
} from '../../../shared/api/catalog.ts';
import { api } from '../../api/client.ts';

export type { CatalogCategory, CatalogItem, TaxCode };

export const catalogKeys = {
  all: ['catalog'] as const,
  items: (archived: 'true' | 'false' | 'any') => ['catalog', 'items', archived] as const,
  taxCodes: ['catalog', 'tax-codes'] as const,
};

/** Every item (archived ones too): the page filters by category and archived itself. */
export const catalogItemsQuery = queryOptions({
  queryKey: catalogKeys.items('any'),
  queryFn: () => api<{ items: CatalogItem[] }>('/catalog-items', { query: { archived: 'any' } }),
  select: (data) => data.items,
});

export const taxCodesQuery = queryOptions({
  queryKey: catalogKeys.taxCodes,
  queryFn: () => api<{ items: TaxCode[] }>('/tax-codes', { query: { archived: 'any' } }),
  select: (data) => data.items,
});

export const createCatalogItem = (input: CatalogItemInput) =>
  api<CatalogItem>('/catalog-items', { method: 'POST', body: input });
export const updateCatalogItem = (id: string, input: CatalogItemUpdate) =>
  api<CatalogItem>(`/catalog-items/${id}`, { method: 'PATCH', body: input });
export const addStandardCatalog = () =>
  api<{ addedItems: number; addedTaxCodes: number }>('/catalog-items/standard', { method: 'POST' });

/** What the form sends: the API defaults isDefault, the web app always says. */
export const createTaxCode = (input: Omit<TaxCodeInput, 'isDefault'> & { isDefault: boolean }) =>
  api<TaxCode>('/tax-codes', { method: 'POST', body: input });
export const updateTaxCode = (id: string, input: TaxCodeUpdate) =>
  api<TaxCode>(`/tax-codes/${id}`, { method: 'PATCH', body: input });
