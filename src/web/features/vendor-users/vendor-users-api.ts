// Queries and mutations for a vendor's portal users (staff invite and manage them), and the public invitation
// behind which an invited person sets a password.
import { queryOptions } from '@tanstack/react-query';
import type { OneTimeLink } from '../../../shared/api/common.ts';
import type {
  PublicInvitation,
  VendorUser,
  VendorUserCreated,
  VendorUserInput,
} from '../../../shared/api/vendor-portal.ts';
import { api } from '../../api/client.ts';

export type { OneTimeLink, PublicInvitation, VendorUser, VendorUserCreated, VendorUserInput };

// Under 'vendors' so a vendor's invalidation refreshes its users too.
export const vendorUserKeys = {
  all: ['vendors', 'users'] as const,
  list: (vendorId: string) => ['vendors', 'users', vendorId] as const,
  publicInvitation: (token: string) => ['public-invitation', token] as const,
};

export const vendorUsersQuery = (vendorId: string) =>
  queryOptions({
    queryKey: vendorUserKeys.list(vendorId),
    queryFn: () => api<{ items: VendorUser[] }>(`/vendors/${vendorId}/users`),
    select: (data) => data.items,
  });

/** The invitation link is shown once; null when the person already has an Accord password: they simply sign in. */
export const inviteVendorUser = (vendorId: string, input: VendorUserInput) =>
  api<VendorUserCreated>(`/vendors/${vendorId}/users`, { method: 'POST', body: input });

/** Deactivating signs the person out everywhere. */
export const setVendorUserActive = (id: string, active: boolean) =>
  api<VendorUser>(`/vendor-users/${id}`, { method: 'PATCH', body: { active } });

/** A fresh link, shown once; the one sent before stops working. */
export const renewInvitation = (id: string) =>
  api<OneTimeLink>(`/vendor-users/${id}/invitation`, { method: 'POST' });

// Behind the invitation link: no sign-in, the token is the credential.
export const publicInvitationQuery = (token: string) =>
  queryOptions({
    queryKey: vendorUserKeys.publicInvitation(token),
    queryFn: () => api<PublicInvitation>(`/public/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });

export const acceptInvitation = (token: string, password: string) =>
  api<void>(`/public/invitations/${encodeURIComponent(token)}`, { method: 'POST', body: { password } });
