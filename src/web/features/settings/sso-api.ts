// Queries and mutations for the organization's single sign-on providers, and starting an SSO sign-in.
import { queryOptions } from '@tanstack/react-query';
import type {
  SsoProvider,
  SsoProviderInput,
  SsoProviderKind,
  SsoProviderUpdate,
} from '../../../shared/api/sso.ts';
import { api } from '../../api/client.ts';

export type { SsoProvider, SsoProviderInput, SsoProviderKind, SsoProviderUpdate };

export const ssoKeys = { providers: ['sso-providers'] as const };

export const ssoProvidersQuery = queryOptions({
  queryKey: ssoKeys.providers,
  queryFn: () => api<{ items: SsoProvider[] }>('/sso-providers'),
  select: (data) => data.items,
});

/** What the form sends: the API defaults `enabled`, the web app always says. */
export type SsoProviderForm = Omit<SsoProviderInput, 'enabled'> & { enabled: boolean };

export const createSsoProvider = (input: SsoProviderForm) =>
  api<SsoProvider>('/sso-providers', { method: 'POST', body: input });
export const updateSsoProvider = (id: string, input: SsoProviderUpdate) =>
  api<SsoProvider>(`/sso-providers/${id}`, { method: 'PATCH', body: input });
export const deleteSsoProvider = (id: string) => api<void>(`/sso-providers/${id}`, { method: 'DELETE' });

/** The provider's sign-in page for this work email (404 sso.no_provider when its domain has none). */
export const startSsoSignIn = (email: string) =>
  api<{ redirectUrl: string }>('/auth/sso/start', { method: 'POST', body: { email } });

export const kindLabels: Record<SsoProviderKind, string> = {
  entra: 'Microsoft Entra ID',
  google: 'Google Workspace',
  oidc: 'OpenID Connect',
};

/** The address to register at the provider as the redirect (reply) URI. */
export const callbackUrl = () => `${window.location.origin}/api/v1/auth/sso/callback`;
