// Two-factor sign-in (TOTP) and password calls, and where a session belongs while a second factor is owed.
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  MfaPending,
  MfaStatus,
  MfaVerifyInput,
  recoveryCodesSchema,
  SecuritySettings,
  TotpSetup,
  totpConfirmedSchema,
} from '../../../shared/api/identity.ts';
import { api } from '../../api/client.ts';
import { isClientMembership, isVendorMembership, type SessionData } from './session.ts';

export type { MfaPending, MfaStatus, SecuritySettings, TotpSetup };
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;
export type TotpConfirmed = z.infer<typeof totpConfirmedSchema>;

export const mfaKeys = {
  status: ['auth', 'mfa'] as const,
  totpSetup: ['auth', 'mfa', 'totp-setup'] as const,
  securitySettings: ['settings', 'security'] as const,
};

export const mfaStatusQuery = queryOptions({
  queryKey: mfaKeys.status,
  queryFn: () => api<MfaStatus>('/auth/mfa'),
});

/**
 * A new, unconfirmed secret. A query rather than a mutation so that a page mounted twice (StrictMode, a
 * re-render) asks once: each call replaces the pending secret, and a code from a replaced one is refused.
 * Never cached across visits, so each visit starts with a fresh secret.
 */
export const totpSetupQuery = queryOptions({
  queryKey: mfaKeys.totpSetup,
  queryFn: () => api<TotpSetup>('/auth/mfa/totp/setup', { method: 'POST' }),
  staleTime: Number.POSITIVE_INFINITY,
  gcTime: 0,
  retry: false,
});

/** Answers a session with a rotated cookie and CSRF token. */
export const verifyMfa = (input: MfaVerifyInput) =>
  api<SessionData>('/auth/mfa/verify', { method: 'POST', body: input });
/** Answers the one-time recovery codes and a rotated session. */
export const confirmTotp = (code: string) =>
  api<TotpConfirmed>('/auth/mfa/totp/confirm', { method: 'POST', body: { code } });
/** A new set of recovery codes; the old ones stop working. */
export const regenerateRecoveryCodes = (code: string) =>
  api<RecoveryCodes>('/auth/mfa/recovery-codes', { method: 'POST', body: { code } });
export const disableMfa = (password: string) =>
  api<void>('/auth/mfa/disable', { method: 'POST', body: { password } });
/** Answers a rotated session; every other session of the person ends. */
export const changePassword = (input: { currentPassword: string; newPassword: string }) =>
  api<SessionData>('/auth/password', { method: 'POST', body: input });
export const signOut = () => api<void>('/auth/logout', { method: 'POST' });

export const securitySettingsQuery = queryOptions({
  queryKey: mfaKeys.securitySettings,
  queryFn: () => api<SecuritySettings>('/settings/security'),
});
export const updateSecuritySettings = (input: Partial<SecuritySettings>) =>
  api<SecuritySettings>('/settings/security', { method: 'PATCH', body: input });
/** An admin clears a member's authenticator (lost phone) and ends their sessions. */
export const resetUserMfa = (userId: string) => api<void>(`/users/${userId}/mfa`, { method: 'DELETE' });

/** Only same-origin paths, so a crafted link cannot send someone elsewhere after sign-in. */
export function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export const mfaStepPath = (pending: MfaPending) => `/login/${pending}` as const;

/**
 * Where a signed-in session goes next: the second-factor step it still owes (keeping where the person was
 * going), the organization picker, or the page they wanted (a vendor's person: within the vendor portal; a
 * client's person: within the client portal).
 */
export function signInDestination(session: SessionData, redirect?: string): string {
  if (session.mfaPending) {
    const wanted = redirect && redirect !== '/' ? `?redirect=${encodeURIComponent(redirect)}` : '';
    return `${mfaStepPath(session.mfaPending)}${wanted}`;
  }
  if (!session.membership) return '/select-organization';
  const wanted = safeRedirect(redirect);
  if (isVendorMembership(session.membership) && !/^\/vendor(\/|$|\?)/.test(wanted)) return '/vendor';
  if (isClientMembership(session.membership) && !/^\/portal(\/|$|\?)/.test(wanted)) return '/portal';
  return wanted;
}
