// Queries and mutations for clients, sites and contacts.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ClientInput,
  ClientUpdate,
  ContactInput,
  clientSchema,
  contactSchema,
  SiteInput,
  siteSchema,
} from '../../../shared/api/clients.ts';
import { api } from '../../api/client.ts';

export type Client = z.infer<typeof clientSchema>;
export type Site = z.infer<typeof siteSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type { ClientInput, ClientUpdate, ContactInput, SiteInput };

export interface ClientListParams {
  q?: string;
  archived?: 'false' | 'true' | 'any';
  limit?: number;
  offset?: number;
}

export const clientKeys = {
  all: ['clients'] as const,
  list: (params: ClientListParams) => ['clients', 'list', params] as const,
  detail: (id: string) => ['clients', 'detail', id] as const,
  sites: (id: string) => ['clients', 'detail', id, 'sites'] as const,
  contacts: (id: string, q?: string) => ['clients', 'detail', id, 'contacts', q ?? ''] as const,
};

export const clientListQuery = (params: ClientListParams) =>
  queryOptions({
    queryKey: clientKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: Client[]; total: number }>('/clients', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });

const toClientOptions = (page: { items: Client[] }) =>
  page.items.map((client) => ({ value: client.id, label: client.name }));

/** The clients as choices for a Select; mapped once per fetch, not on every render of the form. */
export const clientOptionsQuery = (params: ClientListParams) =>
  queryOptions({ ...clientListQuery(params), select: toClientOptions });

export const clientQuery = (id: string) =>
  queryOptions({ queryKey: clientKeys.detail(id), queryFn: () => api<Client>(`/clients/${id}`) });

export const sitesQuery = (clientId: string) =>
  queryOptions({
    queryKey: clientKeys.sites(clientId),
    queryFn: () => api<{ items: Site[] }>(`/clients/${clientId}/sites`),
    select: (data) => data.items,
  });

export const contactsQuery = (clientId: string, q?: string) =>
  queryOptions({
    queryKey: clientKeys.contacts(clientId, q),
    queryFn: () => api<{ items: Contact[] }>(`/clients/${clientId}/contacts`, { query: { q } }),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });

export const createClient = (input: ClientInput) => api<Client>('/clients', { method: 'POST', body: input });
export const updateClient = (id: string, input: ClientUpdate) =>
  api<Client>(`/clients/${id}`, { method: 'PATCH', body: input });

export const createSite = (clientId: string, input: SiteInput) =>
  api<Site>(`/clients/${clientId}/sites`, { method: 'POST', body: input });
export const updateSite = (id: string, input: Partial<SiteInput>) =>
  api<Site>(`/sites/${id}`, { method: 'PATCH', body: input });
export const deleteSite = (id: string) => api<void>(`/sites/${id}`, { method: 'DELETE' });

export const createContact = (clientId: string, input: ContactInput) =>
  api<Contact>(`/clients/${clientId}/contacts`, { method: 'POST', body: input });
export const updateContact = (id: string, input: Partial<ContactInput>) =>
  api<Contact>(`/contacts/${id}`, { method: 'PATCH', body: input });
export const deleteContact = (id: string) => api<void>(`/contacts/${id}`, { method: 'DELETE' });
