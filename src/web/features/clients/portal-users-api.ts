// Queries and mutations for a client's portal users: staff invite the client's contacts to the client portal,
// change their role, deactivate or reactivate them, and make a new invitation link.
import { queryOptions } from '@tanstack/react-query';
import type {
  ClientRole,
  ClientUser,
  ClientUserCreated,
  ClientUserInput,
  ClientUserUpdate,
} from '../../../shared/api/client-portal.ts';
import type { OneTimeLink } from '../../../shared/api/common.ts';
import { api } from '../../api/client.ts';

export type { ClientRole, ClientUser, ClientUserCreated, ClientUserInput, OneTimeLink };

// Under 'clients' so a client's invalidation refreshes its portal users too.
export const portalUserKeys = {
  list: (clientId: string) => ['clients', 'detail', clientId, 'portal-users'] as const,
};

export const portalUsersQuery = (clientId: string) =>
  queryOptions({
    queryKey: portalUserKeys.list(clientId),
    queryFn: () => api<{ items: ClientUser[] }>(`/clients/${clientId}/portal-users`),
    select: (data) => data.items,
  });

/** The invitation link is shown once; null when the person already has an Accord password: they simply sign in. */
export const invitePortalUser = (clientId: string, input: ClientUserInput) =>
  api<ClientUserCreated>(`/clients/${clientId}/portal-users`, { method: 'POST', body: input });

/** Deactivating signs the person out everywhere. */
export const updatePortalUser = (id: string, input: ClientUserUpdate) =>
  api<ClientUser>(`/client-users/${id}`, { method: 'PATCH', body: input });

/** A fresh link, shown once; the one sent before stops working. */
export const renewPortalInvitation = (id: string) =>
  api<OneTimeLink>(`/client-users/${id}/invitation`, { method: 'POST' });
