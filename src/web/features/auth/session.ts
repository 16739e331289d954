// The signed-in session as the web app sees it: one cached query, helpers to read it and to check permissions.

import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import type { z } from 'zod';
import type { sessionSchema } from '../../../shared/api/identity.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { api, isApiError } from '../../api/client.ts';

export type SessionData = z.infer<typeof sessionSchema>;
export type Membership = NonNullable<SessionData['membership']>;

export type { Permission };

export const sessionKey = ['session'] as const;

/** null when signed out: a 401 here is an answer, not an error. */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async (): Promise<SessionData | null> => {
    try {
      return await api<SessionData>('/auth/session');
    } catch (error) {
      if (isApiError(error, 401)) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

/** true while the install has no organization yet (GET /setup answers 200, then 404 for ever). */
export const setupStatusQuery = queryOptions({
  queryKey: ['setup-status'] as const,
  queryFn: async (): Promise<boolean> => {
    try {
      await api('/setup');
      return true;
    } catch (error) {
      if (isApiError(error, 404)) return false;
      throw error;
    }
  },
  staleTime: Number.POSITIVE_INFINITY,
});

type ActiveSession = SessionData & { membership: Membership };

/**
 * The session inside the signed-in frame, where the router has already ensured it exists. When the session
 * ends (sign-out, expiry) the frame is still on screen for a moment while the router moves to /login; it
 * keeps rendering with the last session it had instead of crashing.
 */
export function useSession(): ActiveSession {
  const { data } = useSuspenseQuery(sessionQuery);
  const last = useRef<ActiveSession | null>(null);
  if (data?.membership) last.current = data as ActiveSession;
  if (!last.current) throw new Error('useSession() used outside the signed-in frame');
  return last.current;
}

/**
 * A vendor's person, who belongs in the vendor portal and never in the staff app (and the other way round).
 * Typed loosely so it reads a membership whatever roles the session schema lists.
 */
export function isVendorMembership(membership: { role: string } | null | undefined): boolean {
  return membership?.role === 'vendor';
}

/** A client's own person (company admin or user), who belongs in the client portal and nowhere else. */
export function isClientMembership(membership: { role: string } | null | undefined): boolean {
  return membership?.role === 'client_admin' || membership?.role === 'client_user';
}

export function useCan(): (permission: Permission) => boolean {
  const session = useSession();
  return (permission) => session.membership.permissions.includes(permission);
}
