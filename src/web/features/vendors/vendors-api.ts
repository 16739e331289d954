// Queries and mutations for vendors, their engagements at clients, vendor accounts and routine actors.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type {
  Engagement,
  EngagementInput,
  EngagementUpdate,
  RoutineActor,
  RoutineActorInput,
  Vendor,
  VendorAccount,
  VendorAccountInput,
  VendorInput,
  VendorUpdate,
} from '../../../shared/api/vendors.ts';
import { api } from '../../api/client.ts';

export type {
  Engagement,
  EngagementInput,
  EngagementUpdate,
  RoutineActor,
  Vendor,
  VendorAccount,
  VendorAccountInput,
  VendorInput,
  VendorUpdate,
};

export interface VendorListParams {
  q?: string;
  archived?: 'false' | 'true' | 'any';
  limit?: number;
  offset?: number;
}

export interface EngagementListParams {
  clientId?: string;
  archived?: 'false' | 'true' | 'any';
}

// Everything under 'vendors' so one invalidation refreshes lists, counts and engagements together.
export const vendorKeys = {
  all: ['vendors'] as const,
  list: (params: VendorListParams) => ['vendors', 'list', params] as const,
  detail: (id: string) => ['vendors', 'detail', id] as const,
  engagementsOf: (vendorId: string, params: EngagementListParams) =>
    ['vendors', 'engagements', 'vendor', vendorId, params] as const,
  engagements: (params: EngagementListParams) => ['vendors', 'engagements', 'list', params] as const,
  routineActors: ['vendors', 'routine-actors'] as const,
};

export const vendorListQuery = (params: VendorListParams) =>
  queryOptions({
    queryKey: vendorKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: Vendor[]; total: number }>('/vendors', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

export const vendorQuery = (id: string) =>
  queryOptions({ queryKey: vendorKeys.detail(id), queryFn: () => api<Vendor>(`/vendors/${id}`) });

export const vendorEngagementsQuery = (vendorId: string, params: EngagementListParams = {}) =>
  queryOptions({
    queryKey: vendorKeys.engagementsOf(vendorId, params),
    queryFn: () => api<{ items: Engagement[] }>(`/vendors/${vendorId}/engagements`, { query: { ...params } }),
    select: (data) => data.items,
  });

export const engagementsQuery = (params: EngagementListParams) =>
  queryOptions({
    queryKey: vendorKeys.engagements(params),
    queryFn: () => api<{ items: Engagement[] }>('/engagements', { query: { ...params } }),
    select: (data) => data.items,
  });

export const routineActorsQuery = queryOptions({
  queryKey: vendorKeys.routineActors,
  queryFn: () => api<{ items: RoutineActor[] }>('/routine-actors'),
  select: (data) => data.items,
});

export const createVendor = (input: VendorInput) => api<Vendor>('/vendors', { method: 'POST', body: input });
export const updateVendor = (id: string, input: VendorUpdate) =>
  api<Vendor>(`/vendors/${id}`, { method: 'PATCH', body: input });

export const createEngagement = (vendorId: string, input: EngagementInput) =>
  api<Engagement>(`/vendors/${vendorId}/engagements`, { method: 'POST', body: input });
export const updateEngagement = (id: string, input: EngagementUpdate) =>
  api<Engagement>(`/engagements/${id}`, { method: 'PATCH', body: input });

export const addVendorAccount = (engagementId: string, input: VendorAccountInput) =>
  api<VendorAccount>(`/engagements/${engagementId}/accounts`, { method: 'POST', body: input });
export const removeVendorAccount = (id: string) => api<void>(`/vendor-accounts/${id}`, { method: 'DELETE' });

export const addRoutineActor = (input: RoutineActorInput) =>
  api<RoutineActor>('/routine-actors', { method: 'POST', body: input });
export const removeRoutineActor = (id: string) => api<void>(`/routine-actors/${id}`, { method: 'DELETE' });
