// Queries and mutations for the terms vendors work under: Letters of Agency, the rules of engagement
// (the MSP's, a client's addendum, each engagement's acknowledgements), and vendor notices.
import { queryOptions } from '@tanstack/react-query';
import type {
  EngagementRules,
  Loa,
  LoaInput,
  LoaListQuery,
  LoaSignedFields,
  LoaUpdate,
  PublicRules,
  RulesHistory,
  RulesVersion,
  VendorNotice,
  VendorNoticeInput,
} from '../../../shared/api/vendor-terms.ts';
import { api, apiUrl } from '../../api/client.ts';

export type { EngagementRules, Loa, LoaUpdate, PublicRules, RulesHistory, RulesVersion, VendorNotice };

// Everything under 'vendor-terms' so one invalidation refreshes letters, standings and notices together.
export const termsKeys = {
  all: ['vendor-terms'] as const,
  loas: (params: LoaListQuery) => ['vendor-terms', 'loas', params] as const,
  standing: (engagementId: string) => ['vendor-terms', 'standing', engagementId] as const,
  /** clientId null: the MSP's own rules. */
  rules: (clientId: string | null) => ['vendor-terms', 'rules', clientId ?? 'msp'] as const,
  notices: (clientId: string) => ['vendor-terms', 'notices', clientId] as const,
  publicRules: (token: string) => ['public-acknowledgement', token] as const,
};

export const loasQuery = (params: LoaListQuery) =>
  queryOptions({
    queryKey: termsKeys.loas(params),
    queryFn: () => api<{ items: Loa[] }>('/loas', { query: { ...params } }),
    select: (data) => data.items,
  });

export const engagementRulesQuery = (engagementId: string) =>
  queryOptions({
    queryKey: termsKeys.standing(engagementId),
    queryFn: () => api<EngagementRules>(`/engagements/${engagementId}/rules`),
  });

export const rulesHistoryQuery = (clientId: string | null) =>
  queryOptions({
    queryKey: termsKeys.rules(clientId),
    queryFn: () =>
      api<RulesHistory>(clientId ? `/clients/${clientId}/engagement-rules` : '/engagement-rules'),
  });

export const vendorNoticesQuery = (clientId: string) =>
  queryOptions({
    queryKey: termsKeys.notices(clientId),
    queryFn: () => api<{ items: VendorNotice[] }>('/vendor-notices', { query: { clientId } }),
    select: (data) => data.items,
  });

export const draftLoa = (engagementId: string, input: LoaInput = {}) =>
  api<Loa>(`/engagements/${engagementId}/loas`, { method: 'POST', body: input });
export const updateLoa = (id: string, input: LoaUpdate) =>
  api<Loa>(`/loas/${id}`, { method: 'PATCH', body: input });
export const sendLoa = (id: string, sentTo: string) =>
  api<Loa>(`/loas/${id}/send`, { method: 'POST', body: { sentTo } });
export const revokeLoa = (id: string, reason: string) =>
  api<Loa>(`/loas/${id}/revoke`, { method: 'POST', body: { reason } });

/** The signed copy goes as multipart/form-data, with the signer and the dates beside it. */
export function uploadSignedLoa(id: string, file: File, fields: LoaSignedFields) {
  const form = new FormData();
  form.set('file', file);
  form.set('signerName', fields.signerName);
  if (fields.signerTitle) form.set('signerTitle', fields.signerTitle);
  form.set('signedOn', fields.signedOn);
  form.set('expiresOn', fields.expiresOn);
  return api<Loa>(`/loas/${id}/signed`, { method: 'POST', body: form });
}

// Files are plain links so the browser downloads them with the session cookie.
export const loaLetterUrl = (id: string) => apiUrl(`/loas/${id}/letter.pdf`);
export const loaSignedCopyUrl = (id: string) => apiUrl(`/loas/${id}/signed-copy`);
export const noticeLetterUrl = (id: string) => apiUrl(`/vendor-notices/${id}/letter.pdf`);

/** clientId null publishes the MSP's rules; otherwise the client's addendum (empty text withdraws it). */
export const publishRules = (clientId: string | null, text: string) =>
  api<RulesVersion>(clientId ? `/clients/${clientId}/engagement-rules` : '/engagement-rules', {
    method: 'POST',
    body: { text },
  });

export const recordAcknowledgement = (engagementId: string, input: { name: string; email: string | null }) =>
  api<EngagementRules>(`/engagements/${engagementId}/acknowledgements`, { method: 'POST', body: input });
export const createAcknowledgementLink = (engagementId: string) =>
  api<{ url: string; expiresAt: string }>(`/engagements/${engagementId}/acknowledgement-links`, {
    method: 'POST',
  });

export const giveVendorNotice = (input: VendorNoticeInput) =>
  api<VendorNotice>('/vendor-notices', { method: 'POST', body: input });
export const withdrawVendorNotice = (id: string, reason: string) =>
  api<VendorNotice>(`/vendor-notices/${id}/withdraw`, { method: 'POST', body: { reason } });

// Behind a vendor's one-time link: no sign-in, the token is the credential.
export const publicRulesQuery = (token: string) =>
  queryOptions({
    queryKey: termsKeys.publicRules(token),
    queryFn: () => api<PublicRules>(`/public/acknowledgements/${encodeURIComponent(token)}`),
    retry: false,
  });
export const acknowledgeByLink = (token: string, input: { name: string; email: string | null }) =>
  api<void>(`/public/acknowledgements/${encodeURIComponent(token)}`, {
    method: 'POST',
    body: { ...input, agree: true },
  });
