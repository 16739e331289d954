// Queries and mutations for a vendor's reply to an attribution: staff make a one-time link on a vendor
// incident; behind it, the vendor reads the changes and the evidence and replies once, without an account.
import { queryOptions } from '@tanstack/react-query';
import type { OneTimeLink } from '../../../shared/api/common.ts';
import type { PublicAttribution, VendorReplyInput } from '../../../shared/api/vendor-replies.ts';
import { api } from '../../api/client.ts';

export type { OneTimeLink, PublicAttribution, VendorReplyInput };

/** A one-time link for the incident's vendor to reply; its URL is shown only this once. */
export const createVendorReplyLink = (ticketId: string) =>
  api<OneTimeLink>(`/tickets/${ticketId}/vendor-reply-links`, { method: 'POST' });

// Behind a vendor's one-time link: no sign-in, the token is the credential.
export const publicAttributionQuery = (token: string) =>
  queryOptions({
    queryKey: ['public-vendor-reply', token],
    queryFn: () => api<PublicAttribution>(`/public/vendor-replies/${encodeURIComponent(token)}`),
    retry: false,
  });

export const sendVendorReply = (token: string, input: VendorReplyInput) =>
  api<void>(`/public/vendor-replies/${encodeURIComponent(token)}`, { method: 'POST', body: input });
